import { renderConfigFile } from "../config-file";
import type { EntryEdit } from "../wire/entry-files";

/**
 * A file init wants in the app. `marker`: a file that already contains it is set up by hand (or by an earlier
 * run with another package name), so it is left alone without asking. `edit`: how an app's own version of the file
 * (an entry file its starter wrote) gets Hexclave in place; `note` says what to add where that edit cannot be made.
 */
export type FileSpec = { path: string; content: string; marker?: string; note?: string; edit?: EntryEdit };

export type Scaffold = { files: FileSpec[]; envNames: EnvNames; hints: string[] };
export type EnvNames = { projectId: string; publishableClientKey: string; apiUrl: string; secretServerKey?: string };

/** One line per argument, with a final newline, so templates read like the files they write. */
export const lines = (...rows: string[]) => `${rows.join("\n")}\n`;

export const CONFIG_FILE = (): FileSpec => ({ path: "hexclave.config.ts", content: renderConfigFile({}) });
