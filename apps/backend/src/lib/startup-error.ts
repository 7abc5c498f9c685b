/** A setting the server cannot start with; its message names the variable and how to fix it. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

/**
 * Ends a start that cannot succeed with one line on stderr and exit code 1. No stack: the reader is an operator
 * fixing a setting, and a trace through the config loader would bury the one sentence that says which.
 */
export function refuseStart(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Hexclave cannot start: ${message}\n`);
  process.exit(1);
}
