import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export type Credentials = { refreshToken: string; apiUrl?: string };

/** Where this CLI keeps its login: HEXCLAVE_CONFIG_DIR, else the XDG config dir, else ~/.config. */
export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.HEXCLAVE_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "hexclave");
  return join(dir, "credentials.json");
}

/** The file the Stack Auth CLI wrote (flat keys like STACK_CLI_REFRESH_TOKEN), kept for migration. */
export function legacyCredentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.STACK_CLI_CONFIG_PATH || join(homedir(), ".config", "stack-auth", "credentials.json");
}

function readJson(path: string): Record<string, unknown> | null {
  if (!existsSync(path)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function parseCredentials(json: Record<string, unknown> | null): Credentials | null {
  if (!json || typeof json.refresh_token !== "string" || !json.refresh_token) return null;
  return { refreshToken: json.refresh_token, apiUrl: typeof json.api_url === "string" ? json.api_url : undefined };
}

export function parseLegacyCredentials(json: Record<string, unknown> | null): Credentials | null {
  const token = json?.STACK_CLI_REFRESH_TOKEN;
  if (typeof token !== "string" || !token) return null;
  const apiUrl = json?.STACK_API_URL;
  return { refreshToken: token, apiUrl: typeof apiUrl === "string" ? apiUrl : undefined };
}

export function writeCredentials(credentials: Credentials, env: NodeJS.ProcessEnv = process.env): string {
  const path = credentialsPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const json = { refresh_token: credentials.refreshToken, ...(credentials.apiUrl ? { api_url: credentials.apiUrl } : {}) };
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
  // A file that already existed keeps its old mode through writeFileSync: the token must stay private.
  chmodSync(path, 0o600);
  return path;
}

export type LoadedCredentials = Credentials & { migratedFrom?: string };

/** The saved login; a Stack Auth CLI login is copied into our file the first time it is found. */
export function readCredentials(env: NodeJS.ProcessEnv = process.env): LoadedCredentials | null {
  const own = parseCredentials(readJson(credentialsPath(env)));
  if (own) return own;
  const legacyPath = legacyCredentialsPath(env);
  const legacy = parseLegacyCredentials(readJson(legacyPath));
  if (!legacy) return null;
  writeCredentials(legacy, env);
  return { ...legacy, migratedFrom: legacyPath };
}

/** Forgets the login, ours and the Stack Auth CLI's token (so it is not migrated back). Returns whether anything was removed. */
export function deleteCredentials(env: NodeJS.ProcessEnv = process.env): boolean {
  const path = credentialsPath(env);
  const had = existsSync(path);
  rmSync(path, { force: true });
  const legacyPath = legacyCredentialsPath(env);
  const legacy = readJson(legacyPath);
  if (legacy && "STACK_CLI_REFRESH_TOKEN" in legacy) {
    const { STACK_CLI_REFRESH_TOKEN: _dropped, ...rest } = legacy;
    writeFileSync(legacyPath, `${JSON.stringify(rest, null, 2)}\n`, { mode: 0o600 });
    return true;
  }
  return had;
}
