#!/usr/bin/env node
// Starts everything on its embedded defaults: the backend on PGlite under .hexclave/, seeded, with dev keys printed.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dataDir = process.env.HEXCLAVE_DATA_DIR ?? process.env.STACK_DATA_DIR ?? join(root, ".hexclave");
const port = process.env.HEXCLAVE_BACKEND_PORT ?? process.env.STACK_BACKEND_PORT ?? "8102";
const keysFile = join(dataDir, "dev-keys.json");

mkdirSync(dataDir, { recursive: true });
// Random per machine, kept across restarts: well-known dev keys would be valid on every dev machine.
if (!existsSync(keysFile)) {
  const key = (prefix) => `${prefix}_${randomBytes(28).toString("hex")}`;
  writeFileSync(
    keysFile,
    JSON.stringify({ publishableClientKey: key("pck"), secretServerKey: key("ssk"), superSecretAdminKey: key("sak") }, null, 2),
    { mode: 0o600 },
  );
}
const keys = JSON.parse(readFileSync(keysFile, "utf8"));
const apiUrl = `http://localhost:${port}`;

const backend = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
  cwd: join(root, "apps/backend"),
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...process.env,
    STACK_DATA_DIR: dataDir,
    STACK_BACKEND_PORT: port,
    NEXT_PUBLIC_STACK_API_URL: process.env.NEXT_PUBLIC_HEXCLAVE_API_URL ?? process.env.NEXT_PUBLIC_STACK_API_URL ?? apiUrl,
    STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: keys.publishableClientKey,
    STACK_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY: keys.secretServerKey,
    STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: keys.superSecretAdminKey,
  },
});

backend.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (String(chunk).includes("listening")) {
    console.log(`
  Hexclave is running.
    API:            ${apiUrl}/api/v1   (OpenAPI: ${apiUrl}/api/v1/openapi.json)
    Project id:     internal
    Dev keys (also in ${keysFile}):
      HEXCLAVE_PUBLISHABLE_CLIENT_KEY=${keys.publishableClientKey}
      HEXCLAVE_SECRET_SERVER_KEY=${keys.secretServerKey}
      HEXCLAVE_SUPER_SECRET_ADMIN_KEY=${keys.superSecretAdminKey}
`);
  }
});
const stop = () => backend.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
backend.on("exit", (code) => process.exit(code ?? 0));
