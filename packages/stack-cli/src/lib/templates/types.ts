import { renderConfigFile } from "../config-file";

/**
 * A file init wants in the app. `marker`: a file that already contains it is set up by hand (or by an earlier
 * run with another package name), so it is left alone without asking.
 */
export type FileSpec = { path: string; content: string; marker?: string; note?: string };

export type Scaffold = { files: FileSpec[]; envNames: EnvNames; hints: string[] };
export type EnvNames = { projectId: string; publishableClientKey: string; apiUrl: string; secretServerKey?: string };

/** One line per argument, with a final newline, so templates read like the files they write. */
export const lines = (...rows: string[]) => `${rows.join("\n")}\n`;

export const CONFIG_FILE = (): FileSpec => ({ path: "hexclave.config.ts", content: renderConfigFile({}) });
