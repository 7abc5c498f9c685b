import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { EnvNames, FileSpec } from "./templates";

/** `edit`: the app's own file, with Hexclave added in place (`content` is the edited file). */
export type FileState = "create" | "same" | "set-up" | "edit" | "conflict";
export type PlannedFile = FileSpec & { state: FileState };

export type ReadFile = (path: string) => string | null;

export const readIfExists: ReadFile = (path) => (existsSync(path) ? readFileSync(path, "utf8") : null);

/**
 * What each file needs, decided before anything is written: identical and hand-set-up files are left alone, an
 * app's own entry file is edited where its edit finds one place to make.
 */
export function planFiles(dir: string, files: FileSpec[], read: ReadFile = readIfExists): PlannedFile[] {
  return files.map((file) => {
    const existing = read(join(dir, file.path));
    if (existing === null) return { ...file, state: "create" };
    if (existing === file.content) return { ...file, state: "same" };
    if (file.marker && existing.includes(file.marker)) return { ...file, state: "set-up" };
    const edited = file.edit?.(existing);
    if (edited) return { ...file, content: edited, state: "edit" };
    return { ...file, state: "conflict" };
  });
}

export type EnvInput = { projectId?: string; publishableClientKey?: string; secretServerKey?: string; apiUrl?: string };

/** The env entries the app needs, in a stable order; unknown values stay empty for the user to fill in. */
export function envEntries(names: EnvNames, input: EnvInput): [string, string][] {
  const entries: [string, string][] = [
    [names.apiUrl, input.apiUrl ?? ""],
    [names.projectId, input.projectId ?? ""],
    [names.publishableClientKey, input.publishableClientKey ?? ""],
  ];
  if (names.secretServerKey) entries.push([names.secretServerKey, input.secretServerKey ?? ""]);
  return entries;
}

const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;

export function envKeys(content: string): Set<string> {
  const keys = new Set<string>();
  for (const line of content.split(/\r?\n/)) {
    const match = ENV_LINE.exec(line);
    if (match?.[1]) keys.add(match[1]);
  }
  return keys;
}

/** Appends only the keys the file lacks; a key already there keeps its value, even an empty one. */
export function mergeEnv(existing: string | null, entries: [string, string][]): { content: string; added: string[] } {
  const present = envKeys(existing ?? "");
  const missing = entries.filter(([name]) => !present.has(name));
  if (missing.length === 0) return { content: existing ?? "", added: [] };
  let content = existing ?? "";
  if (content && !content.endsWith("\n")) content += "\n";
  if (!existing) content += "# Hexclave: your project's settings (keep the secret server key out of version control).\n";
  content += missing.map(([name, value]) => `${name}=${value}\n`).join("");
  return { content, added: missing.map(([name]) => name) };
}

/** Writes the planned files: only after every check passed, so a refused init leaves the folder as it was. */
export function writePlannedFiles(dir: string, files: { path: string; content: string }[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}
