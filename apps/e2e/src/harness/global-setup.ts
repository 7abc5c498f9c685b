import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { type BackendProcess, createFreshDatabase, startBackend } from "./backend-process";
import { type MailDev, startMailDev } from "./maildev";
import type { MockOAuthServer } from "@hexclave/mock-oauth-server";
import { describeCheckedRoutes } from "./response-coverage";
import type { TestEnv } from "./test-env";

let backend: BackendProcess | undefined;
let maildev: MailDev | undefined;
let mockOAuth: MockOAuthServer | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let logDir: string | undefined;
let checkedRoutesFile: string | undefined;

export async function setup(project: TestProject) {
  const database = await createFreshDatabase();
  dropDatabase = database.drop;
  maildev = await startMailDev();
  // Short-lived provider tokens, so connected-account tests see them expire and refresh within seconds.
  // Imported here, not at the top: test files import this module for backendEnv, and need no OpenID provider loaded.
  const { startMockOAuthServer } = await import("@hexclave/mock-oauth-server");
  mockOAuth = await startMockOAuthServer({ accessTokenTtlSeconds: 5 });
  logDir = mkdtempSync(join(tmpdir(), "hexclave-e2e-"));
  const env: TestEnv = {
    backendUrl: "",
    maildev: { smtpPort: maildev.smtpPort, webUrl: maildev.webUrl },
    mockOAuthUrl: mockOAuth.issuer,
    cronSecret: randomBytes(24).toString("base64url"),
    databaseUrl: database.url,
    serverSecret: randomBytes(32).toString("base64url"),
    internalKeys: {
      publishableClientKey: `pck_${randomBytes(20).toString("hex")}`,
      secretServerKey: `ssk_${randomBytes(20).toString("hex")}`,
      superSecretAdminKey: `sak_${randomBytes(20).toString("hex")}`,
    },
    backendLogFile: join(logDir, "backend.log"),
    checkedRoutesFile: join(logDir, "checked-routes.txt"),
    fileStorageDir: join(logDir, "files"),
  };
  checkedRoutesFile = env.checkedRoutesFile;
  backend = await startBackend(backendEnv(env), { logFile: env.backendLogFile });
  env.backendUrl = backend.url;
  project.provide("testEnv", env);
}

/** Every backend a test starts checks its answers against the OpenAPI document: a mismatch is a 500 that fails the test. */
export function responseCheckEnv(env: TestEnv): Record<string, string> {
  return { HEXCLAVE_VALIDATE_RESPONSES: "1", HEXCLAVE_VALIDATED_ROUTES_FILE: env.checkedRoutesFile };
}

export function backendEnv(env: TestEnv): Record<string, string> {
  return {
    ...responseCheckEnv(env),
    STACK_DATABASE_CONNECTION_STRING: env.databaseUrl,
    STACK_SERVER_SECRET: env.serverSecret,
    STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: env.internalKeys.publishableClientKey,
    STACK_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY: env.internalKeys.secretServerKey,
    STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: env.internalKeys.superSecretAdminKey,
    STACK_EMAIL_HOST: "127.0.0.1",
    STACK_EMAIL_PORT: String(env.maildev.smtpPort),
    STACK_EMAIL_SECURE: "false",
    STACK_EMAIL_SENDER: "noreply@hexclave.test",
    // Fast enough that a test waits about a tenth of a second for its mail.
    STACK_EMAIL_WORKER_INTERVAL_MS: "100",
    CRON_SECRET: env.cronSecret,
    // Every test calls from 127.0.0.1; the per-client share of an address's mail has its own test on instances that keep it.
    STACK_EMAIL_RATE_LIMIT_PER_IP: "1000000",
    HEXCLAVE_FILE_STORAGE_DIR: env.fileStorageDir,
    // Providers on the shared development keys sign in at the mock OAuth server, as in `pnpm dev`.
    STACK_OAUTH_MOCK_URL: env.mockOAuthUrl,
  };
}

export async function teardown() {
  if (backend && checkedRoutesFile) for (const line of await describeCheckedRoutes(backend.url, checkedRoutesFile)) console.log(line);
  await backend?.stop();
  await maildev?.stop();
  await mockOAuth?.stop();
  await dropDatabase?.();
  if (logDir) rmSync(logDir, { recursive: true, force: true });
}
