import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "./ui";

/** Looked for in this order: the Hexclave name first, the Stack Auth name for apps set up before the rebrand. */
export const CONFIG_FILE_NAMES = ["hexclave.config.ts", "stack.config.ts"] as const;

export function findConfigFile(dir: string): string | null {
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** The file `config pull` writes: plain data, so dotted keys stay exactly as the backend stores them. */
export function renderConfigFile(config: Record<string, unknown>): string {
  return [
    "// This project's config, pushed with `hexclave config push` and fetched with `hexclave config pull`.",
    "// Keys may be dotted (\"auth.password.allowSignIn\") or nested.",
    `export const config = ${JSON.stringify(config, null, 2)};`,
    "",
  ].join("\n");
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Imports a TypeScript or JavaScript config file and returns its `config` export (or default export). */
export async function loadConfigFile(path: string): Promise<Record<string, unknown>> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new CliError(`No config file at ${absolute}.`);
  // The static entry imports its TypeScript transform instead of resolving it beside itself at run time, so it
  // survives bundling; loading it only here keeps that weight off every other command's start.
  const { createJiti } = await import("jiti/static");
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
  let module: Record<string, unknown>;
  try {
    module = (await jiti.import(absolute)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`Could not load ${absolute}: ${(error as Error).message}`);
  }
  const config = module.config ?? module.default;
  // JSON round-trip: the backend receives JSON, so anything that would not survive it is refused here.
  if (!isPlainObject(config)) throw new CliError(`${absolute} must export \`config\`, an object (export const config = { ... }).`);
  return JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
}
