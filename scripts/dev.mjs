#!/usr/bin/env node
// Starts everything on its embedded defaults, on 127.0.0.1 only: the backend in development mode on PGlite under
// .hexclave/, with the internal and demo projects seeded and the demo project's settings printed, and maildev (a real
// SMTP server with a web inbox) that the backend sends every email to.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// The env helper is TypeScript; tsx (a root dev dependency) loads it, so plain `node scripts/dev.mjs` works too.
register();
const { readEnv } = await import("../packages/stack-shared/src/env.ts");

const LOOPBACK = "127.0.0.1";
const root = dirname(dirname(fileURLToPath(import.meta.url)));
// The SDK packages are build output (sources and dist), and the dashboard and the examples import their dist. Turbo
// generates and builds them: about half a minute on a fresh clone, a moment from its cache afterwards.
console.log("Building the SDK packages…");
const sdkBuild = spawnSync("pnpm", ["run", "build:sdks"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
if (sdkBuild.status !== 0) {
  console.error("pnpm dev: building the SDK packages failed (see above); `pnpm build:sdks` shows the whole output.");
  process.exit(1);
}
const dataDir = readEnv("STACK_DATA_DIR") ?? join(root, ".hexclave");
const keysFile = join(dataDir, "dev-keys.json");
// An SMTP server of your own (STACK_EMAIL_HOST / HEXCLAVE_EMAIL_HOST) replaces maildev.
const ownSmtp = readEnv("STACK_EMAIL_HOST");

/** A port setting as a number, or one plain sentence naming the variable and an exit. */
function portEnv(name, fallback) {
  const raw = readEnv(name) ?? fallback;
  const port = Number(raw);
  if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
  console.error(`pnpm dev: ${name.replace("STACK_", "HEXCLAVE_")} must be a TCP port between 1 and 65535, got "${raw}".`);
  process.exit(1);
}

/** Fails before anything starts when a port is taken, naming the port and the variable that moves it. */
function ensurePortFree(port, name, what) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error) => {
      const reason = error.code === "EADDRINUSE" ? "is already in use" : `cannot be opened (${error.code})`;
      console.error(
        `pnpm dev: port ${port} on ${LOOPBACK} (${what}) ${reason}. Stop what is using it, or set ${name.replace("STACK_", "HEXCLAVE_")} to another port.`,
      );
      process.exit(1);
    });
    probe.listen(port, LOOPBACK, () => probe.close(resolve));
  });
}

const port = portEnv("STACK_BACKEND_PORT", "8102");
const dashboardPort = portEnv("STACK_DASHBOARD_PORT", "8101");
const mailSmtpPort = portEnv("STACK_MAILDEV_SMTP_PORT", "1025");
const mailWebPort = portEnv("STACK_MAILDEV_WEB_PORT", "1080");
const mockOAuthPort = portEnv("STACK_MOCK_OAUTH_PORT", "8114");
await ensurePortFree(port, "STACK_BACKEND_PORT", "the backend");
await ensurePortFree(dashboardPort, "STACK_DASHBOARD_PORT", "the dashboard");
await ensurePortFree(mockOAuthPort, "STACK_MOCK_OAUTH_PORT", "the mock OAuth server");
if (!ownSmtp) {
  await ensurePortFree(mailSmtpPort, "STACK_MAILDEV_SMTP_PORT", "maildev's SMTP server");
  await ensurePortFree(mailWebPort, "STACK_MAILDEV_WEB_PORT", "maildev's web inbox");
}

/** The keys of both projects, random per machine and kept across restarts: well-known dev keys would work everywhere. */
function loadDevKeys() {
  const key = (prefix) => `${prefix}_${randomBytes(28).toString("hex")}`;
  const keySet = () => ({ publishableClientKey: key("pck"), secretServerKey: key("ssk"), superSecretAdminKey: key("sak") });
  const stored = existsSync(keysFile) ? JSON.parse(readFileSync(keysFile, "utf8")) : {};
  // Files written before the demo project held the internal project's keys at the top level.
  const internal = stored.internal ?? (stored.publishableClientKey ? stored : undefined);
  const keys = { internal: internal ?? keySet(), demo: stored.demo ?? keySet() };
  if (!stored.internal || !stored.demo) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  }
  return keys;
}

const keys = loadDevKeys();
const apiUrl = readEnv("NEXT_PUBLIC_STACK_API_URL") ?? `http://localhost:${port}`;

const require = createRequire(import.meta.url);
const maildev = ownSmtp
  ? null
  : spawn(
      process.execPath,
      [
        join(dirname(require.resolve("maildev/package.json")), "bin", "maildev"),
        ...["--smtp", String(mailSmtpPort), "--web", String(mailWebPort), "--ip", LOOPBACK, "--web-ip", LOOPBACK, "--silent"],
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
// A stand-in for Google, GitHub and every other provider on the shared development keys: its sign-in page takes any email.
const mockOAuthUrl = `http://${LOOPBACK}:${mockOAuthPort}`;
const mockOAuth = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
  cwd: join(root, "apps/mock-oauth-server"),
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, HEXCLAVE_MOCK_OAUTH_PORT: String(mockOAuthPort), HEXCLAVE_MOCK_OAUTH_HOST: LOOPBACK },
});
// The HEXCLAVE_ names, because the backend prefers them: a STACK_ name set here would lose to a twin in the shell.
const mailEnv = ownSmtp
  ? {}
  : { HEXCLAVE_EMAIL_HOST: LOOPBACK, HEXCLAVE_EMAIL_PORT: String(mailSmtpPort), HEXCLAVE_EMAIL_SECURE: "false", HEXCLAVE_EMAIL_SENDER: "noreply@hexclave.localhost" };

const backend = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
  cwd: join(root, "apps/backend"),
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...process.env,
    HEXCLAVE_DEV: "1",
    HOST: LOOPBACK,
    HEXCLAVE_DATA_DIR: dataDir,
    HEXCLAVE_BACKEND_PORT: String(port),
    NEXT_PUBLIC_HEXCLAVE_API_URL: apiUrl,
    HEXCLAVE_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: keys.internal.publishableClientKey,
    HEXCLAVE_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY: keys.internal.secretServerKey,
    HEXCLAVE_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: keys.internal.superSecretAdminKey,
    HEXCLAVE_SEED_DEMO_PROJECT_PUBLISHABLE_CLIENT_KEY: keys.demo.publishableClientKey,
    HEXCLAVE_SEED_DEMO_PROJECT_SECRET_SERVER_KEY: keys.demo.secretServerKey,
    HEXCLAVE_SEED_DEMO_PROJECT_SUPER_SECRET_ADMIN_KEY: keys.demo.superSecretAdminKey,
    HEXCLAVE_OAUTH_MOCK_URL: mockOAuthUrl,
    ...mailEnv,
  },
});

// The dashboard signs operators in to the internal project; Next.js compiles each page the first time it is opened.
const dashboard = spawn(process.execPath, [require.resolve("next/dist/bin/next", { paths: [join(root, "apps/dashboard")] }), "dev", "--port", String(dashboardPort), "--hostname", LOOPBACK], {
  cwd: join(root, "apps/dashboard"),
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    HEXCLAVE_API_URL: apiUrl,
    HEXCLAVE_PROJECT_ID: "internal",
    HEXCLAVE_PUBLISHABLE_CLIENT_KEY: keys.internal.publishableClientKey,
    HEXCLAVE_SECRET_SERVER_KEY: keys.internal.secretServerKey,
  },
});

function startedMessage() {
  const mail = ownSmtp
    ? `sent through ${ownSmtp}`
    : `every email lands in the maildev inbox at http://localhost:${mailWebPort} (SMTP on ${LOOPBACK}:${mailSmtpPort})`;
  return `
  Hexclave is running (development mode).
    Dashboard:      http://localhost:${dashboardPort}   (sign up there: every account can create projects)
    API:            ${apiUrl}/api/v1
    API reference:  ${apiUrl}/api/v1/docs   (OpenAPI document: ${apiUrl}/api/v1/openapi.json)
    Mail:           ${mail}
    OAuth:          providers on the shared keys sign in at the mock OAuth server, ${mockOAuthUrl} (any email, no password)
    Keys:           ${keysFile} (the demo project's, and the internal project's for the admin REST API)

  The demo project is ready: password sign-up and GitHub/Google sign-in (through the mock server) work, and localhost is
  trusted for redirects.
  For a Next.js app, paste into .env.local:
    NEXT_PUBLIC_HEXCLAVE_API_URL=${apiUrl}
    NEXT_PUBLIC_HEXCLAVE_PROJECT_ID=demo
    NEXT_PUBLIC_HEXCLAVE_PUBLISHABLE_CLIENT_KEY=${keys.demo.publishableClientKey}
    HEXCLAVE_SECRET_SERVER_KEY=${keys.demo.secretServerKey}
  For apps that read their settings at run time (the examples, TanStack Start, Node.js), paste into .env:
    HEXCLAVE_API_URL=${apiUrl}
    HEXCLAVE_PROJECT_ID=demo
    HEXCLAVE_PUBLISHABLE_CLIENT_KEY=${keys.demo.publishableClientKey}
    HEXCLAVE_SECRET_SERVER_KEY=${keys.demo.secretServerKey}
`;
}

let announced = false;
backend.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!announced && String(chunk).includes("listening")) {
    announced = true;
    console.log(startedMessage());
  }
});
let stopping = false;
const stop = () => {
  stopping = true;
  backend.kill("SIGTERM");
  maildev?.kill("SIGTERM");
  dashboard.kill("SIGTERM");
  mockOAuth.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
maildev?.on("exit", (code) => {
  if (stopping) return;
  console.error(`pnpm dev: maildev stopped (exit code ${code}); stopping the backend too.`);
  stopping = true;
  backend.kill("SIGTERM");
  process.exitCode = 1;
});
dashboard.on("exit", (code) => {
  if (stopping) return;
  console.error(`pnpm dev: the dashboard stopped (exit code ${code}); the API keeps running at ${apiUrl}.`);
});
mockOAuth.on("exit", (code) => {
  if (stopping) return;
  console.error(`pnpm dev: the mock OAuth server stopped (exit code ${code}); OAuth sign-in on the shared keys will not work.`);
});
backend.on("exit", (code) => {
  stopping = true;
  maildev?.kill("SIGTERM");
  mockOAuth.kill("SIGTERM");
  dashboard.kill("SIGTERM");
  process.exit(process.exitCode || (code ?? 0));
});
