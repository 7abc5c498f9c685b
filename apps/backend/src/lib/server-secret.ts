import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateServerSecret } from "./jwt-keys";

/**
 * The configured secret, or in development one generated once and kept under the data dir,
 * so tokens survive restarts on a fresh machine without any set-up.
 */
export function resolveServerSecret(configured: string | undefined, dataDir: string, isDevelopment: boolean): string {
  const secret = configured ?? storedDevelopmentSecret(dataDir, isDevelopment);
  // Checked before anything else starts: a server that cannot sign must not come up at all.
  validateServerSecret(secret);
  return secret;
}

function storedDevelopmentSecret(dataDir: string, isDevelopment: boolean): string {
  if (!isDevelopment) throw new Error("STACK_SERVER_SECRET (or HEXCLAVE_SERVER_SECRET) must be set in production.");
  const file = join(dataDir, "server-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
