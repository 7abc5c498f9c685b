import * as prompts from "@clack/prompts";

/** A failure the user can act on: printed without a stack trace, exits non-zero. */
export class CliError extends Error {
  override name = "CliError";
}

/** Whether the CLI may ask questions: never in CI or without a terminal, never with --yes. */
export function canPrompt(env: NodeJS.ProcessEnv = process.env, stdinIsTty = Boolean(process.stdin.isTTY)): boolean {
  const ci = (env.CI ?? "").toLowerCase();
  return stdinIsTty && ci !== "true" && ci !== "1";
}

export type Ui = {
  interactive: boolean;
  info(message: string): void;
  step(message: string): void;
  success(message: string): void;
  warn(message: string): void;
  confirm(message: string, whenNonInteractive: boolean): Promise<boolean>;
  /** Asks for a value; without a terminal, a missing value is an error naming the flag that gives it. */
  text(message: string, flag: string): Promise<string>;
};

function cancelled<T>(value: T | symbol): Exclude<T, symbol> {
  if (prompts.isCancel(value) || typeof value === "symbol") throw new CliError("Cancelled.");
  return value as Exclude<T, symbol>;
}

export function createUi(options: { yes?: boolean } = {}): Ui {
  const interactive = !options.yes && canPrompt();
  return {
    interactive,
    info: (message) => prompts.log.info(message),
    step: (message) => prompts.log.step(message),
    success: (message) => prompts.log.success(message),
    warn: (message) => prompts.log.warn(message),
    async confirm(message, whenNonInteractive) {
      if (!interactive) return whenNonInteractive;
      return cancelled(await prompts.confirm({ message, initialValue: whenNonInteractive }));
    },
    async text(message, flag) {
      if (!interactive) throw new CliError(`${message} Pass it with ${flag} (no terminal to ask on).`);
      const value = cancelled(await prompts.text({ message, validate: (v) => (v ? undefined : "Required") }));
      return value;
    },
  };
}
