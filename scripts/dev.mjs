#!/usr/bin/env node
// Starts everything on its embedded defaults: the backend on PGlite under .hexclave/, seeded, with dev keys printed,
// and maildev (a real SMTP server with a web inbox) that the backend sends every email to.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dataDir = process.env.HEXCLAVE_DATA_DIR ?? process.env.STACK_DATA_DIR ?? join(root, ".hexclave");
const port = process.env.HEXCLAVE_BACKEND_PORT ?? process.env.STACK_BACKEND_PORT ?? "8102";
const keysFile = join(dataDir, "dev-keys.json");
const mailSmtpPort = process.env.HEXCLAVE_MAILDEV_SMTP_PORT ?? "1025";
const mailWebPort = process.env.HEXCLAVE_MAILDEV_WEB_PORT ?? "1080";
// An SMTP server of your own (STACK_EMAIL_HOST / HEXCLAVE_EMAIL_HOST) replaces maildev.
const ownSmtp = process.env.HEXCLAVE_EMAIL_HOST ?? process.env.STACK_EMAIL_HOST;

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

const require = createRequire(import.meta.url);
const maildev = ownSmtp
  ? null
  : spawn(
      process.execPath,
      [join(dirname(require.resolve("maildev/package.json")), "bin", "maildev"), "--smtp", mailSmtpPort, "--web", mailWebPort, "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
const mailEnv = ownSmtp ? {} : { STACK_EMAIL_HOST: "127.0.0.1", STACK_EMAIL_PORT: mailSmtpPort, STACK_EMAIL_SECURE: "false", STACK_EMAIL_SENDER: "noreply@hexclave.localhost" };

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
    ...mailEnv,
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
    Mail:           ${ownSmtp ? `sent through ${ownSmtp}` : `every email lands in the maildev inbox at http://localhost:${mailWebPort} (SMTP on port ${mailSmtpPort})`}
`);
  }
});
const stop = () => {
  backend.kill("SIGTERM");
  maildev?.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
backend.on("exit", (code) => {
  maildev?.kill("SIGTERM");
  process.exit(code ?? 0);
});
