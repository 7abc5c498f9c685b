import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateServerSecret } from "./jwt-keys";
import { StartupError } from "./startup-error";

const HOW_TO_GENERATE = "Generate one with: openssl rand -base64 32";

/**
 * The configured secret, or in development mode one generated once and kept under the data dir, so tokens survive
 * restarts on a fresh machine without any set-up. Production never generates one: each instance would sign with a
 * secret of its own disk, and refuse the tokens of every other.
 */
export function resolveServerSecret(configured: string | undefined, dataDir: string, isDevelopment: boolean): string {
  const [secret, source] = configured === undefined ? storedDevelopmentSecret(dataDir, isDevelopment) : [configured, "STACK_SERVER_SECRET"];
  // Checked before anything else starts: a server that cannot sign must not come up at all.
  try {
    validateServerSecret(secret);
  } catch (error) {
    throw new StartupError(`${source}: ${(error as Error).message} ${HOW_TO_GENERATE}`);
  }
  return secret;
}

function storedDevelopmentSecret(dataDir: string, isDevelopment: boolean): [secret: string, source: string] {
  if (!isDevelopment) {
    throw new StartupError(
      `STACK_SERVER_SECRET (or HEXCLAVE_SERVER_SECRET) is not set. Every instance must share it. ${HOW_TO_GENERATE}. (For local development, HEXCLAVE_DEV=1 generates one under the data dir.)`,
    );
  }
  const file = join(dataDir, "server-secret");
  if (existsSync(file)) return [readFileSync(file, "utf8").trim(), file];
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return [secret, file];
}
