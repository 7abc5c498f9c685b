import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, adminDatabaseUrl, createFreshDatabase, startBackend } from "../harness/backend-process";
import { responseCheckEnv } from "../harness/global-setup";
import { testEnv } from "../harness/rest";
import { type TcpProxy, startTcpProxy } from "../harness/tcp-proxy";

// AB-07 and LG-03: the database (which holds the rate limits and every credential) goes away under a running backend.
// Credential routes fail closed with 503 + Retry-After, the process stays up, and it serves again once it is back.

const PUBLISHABLE_KEY = `pck_${randomBytes(20).toString("hex")}`;
const ADMIN_KEY = `sak_${randomBytes(20).toString("hex")}`;
const PASSWORD = "outage passphrase 1";

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let proxy: TcpProxy;
let backend: BackendProcess;
let logDir: string;
let refreshToken: string;
let accessToken: string;
const email = `outage-${randomBytes(4).toString("hex")}@example.com`;

const client = { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "x-hexclave-publishable-client-key": PUBLISHABLE_KEY };

async function post(path: string, body: unknown, headers: Record<string, string> = client) {
  const response = await fetch(`${backend.url}/api/v1${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const signIn = () => post("/auth/password/sign-in", { email, password: PASSWORD });

beforeAll(async () => {
  database = await createFreshDatabase("hexclave_faults");
  const postgres = new URL(adminDatabaseUrl());
  proxy = await startTcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
  const viaProxy = new URL(database.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  logDir = mkdtempSync(join(tmpdir(), "hexclave-outage-"));
  backend = await startBackend(
    {
      STACK_DATABASE_CONNECTION_STRING: viaProxy.toString(),
      STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
      STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: PUBLISHABLE_KEY,
      STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: ADMIN_KEY,
      ...responseCheckEnv(testEnv()),
    },
    { quiet: true, logFile: join(logDir, "backend.log") },
  );
  const signedUp = await post("/auth/password/sign-up", { email, password: PASSWORD });
  expect(signedUp.status).toBe(200);
  ({ refresh_token: refreshToken, access_token: accessToken } = JSON.parse(signedUp.text));
}, 90_000);

afterAll(async () => {
  await proxy?.restore().catch(() => undefined);
  await backend?.stop();
  await database?.drop();
  if (logDir) rmSync(logDir, { recursive: true, force: true });
});

describe("a database outage", () => {
  it("fails sign-in, refresh and the signed-in user's routes closed with 503 and Retry-After, and the process stays up", async () => {
    await proxy.cut();
    const attempts = [
      await signIn(),
      await post("/auth/password/send-reset-code", { email, callback_url: "http://localhost:3000/reset" }),
      await post("/auth/oauth/token", { grant_type: "refresh_token", refresh_token: refreshToken, client_id: "internal", client_secret: PUBLISHABLE_KEY }, {}),
      await post("/auth/sessions/current/refresh", {}, { ...client, "x-hexclave-access-token": accessToken, "x-hexclave-refresh-token": refreshToken }),
    ];
    for (const attempt of attempts) {
      expect([attempt.status, attempt.headers.get("retry-after")], attempt.text).toEqual([503, "5"]);
      expect(attempt.text).not.toMatch(/ECONNREFUSED|terminated|postgres|\bat /i);
      expect(attempt.headers.get("x-hexclave-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Pooled connections the server dropped report on the pool; unheard, that event used to end the process.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(backend.process.exitCode).toBeNull();
    expect((await fetch(`${backend.url}/health`)).status).toBe(200);
    const log = readFileSync(join(logDir, "backend.log"), "utf8");
    const requestId = attempts[0]!.headers.get("x-hexclave-request-id")!;
    expect(log.split("\n").filter((line) => line.includes(requestId)).map((line) => JSON.parse(line))).toMatchObject([{ log: "error", message: "The database is unavailable" }]);
  });

  it("serves again, sessions intact, once the database is back", async () => {
    await proxy.restore();
    const deadline = Date.now() + 20_000;
    let response = await signIn();
    while (response.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      response = await signIn();
    }
    expect(response.status).toBe(200);
    const refreshed = await post("/auth/sessions/current/refresh", {}, { ...client, "x-hexclave-access-token": accessToken, "x-hexclave-refresh-token": refreshToken });
    expect(refreshed.status).toBe(200);
  });
});
