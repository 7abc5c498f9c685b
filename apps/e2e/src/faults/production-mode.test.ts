import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, createFreshDatabase, startBackend } from "../harness/backend-process";
import { startExpectingExit } from "../harness/refused-start";
import { api, projectHeaders, uniqueEmail } from "../harness/rest";

// Production is the mode a backend gets unless HEXCLAVE_DEV=1 asks otherwise: NODE_ENV plays no part, and a setting
// that instances must share is refused when missing instead of made up per disk.

const key = (prefix: string) => `${prefix}_${randomBytes(20).toString("hex")}`;

/** Nothing inherited from the test runner's shell: no NODE_ENV, no HEXCLAVE_DEV, only what a bare deployment has. */
function bareEnv(settings: Record<string, string | undefined>): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...settings };
}

async function expectRefused(settings: Record<string, string | undefined>, naming: string): Promise<string> {
  const outcome = await startExpectingExit(bareEnv(settings));
  expect(outcome.code).not.toBeNull();
  expect(outcome.code).not.toBe(0);
  expect(outcome.answered).toBe(false);
  expect(outcome.stderr).toContain(naming);
  return outcome.stderr;
}

describe("a backend started without NODE_ENV or HEXCLAVE_DEV", () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await createFreshDatabase("hexclave_prod_mode");
  });
  afterAll(() => database?.drop());

  it("refuses to start without STACK_SERVER_SECRET, saying how to make one, without a stack trace", async () => {
    const stderr = await expectRefused(
      { STACK_DATABASE_CONNECTION_STRING: database.url, STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: key("sak") },
      "STACK_SERVER_SECRET",
    );
    expect(stderr).toContain("openssl rand");
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses to start on a fresh database without the internal project's admin seed key", async () => {
    const stderr = await expectRefused(
      {
        STACK_DATABASE_CONNECTION_STRING: database.url,
        STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
        STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: key("pck"),
      },
      "STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY",
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("treats NODE_ENV=development as production", async () => {
    await expectRefused({ NODE_ENV: "development", STACK_DATABASE_CONNECTION_STRING: database.url }, "STACK_SERVER_SECRET");
  });
});

describe("two instances on one database with one secret", () => {
  let database: { url: string; drop: () => Promise<void> };
  const instances: BackendProcess[] = [];
  const internal = { projectId: "internal", publishableClientKey: key("pck"), secretServerKey: key("ssk"), superSecretAdminKey: key("sak") };

  beforeAll(async () => {
    database = await createFreshDatabase("hexclave_two_instances");
    const env = {
      STACK_DATABASE_CONNECTION_STRING: database.url,
      STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
      // Behind one load balancer they share its public URL, and with it every token's issuer.
      NEXT_PUBLIC_STACK_API_URL: "https://api.hexclave.test",
      STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: internal.publishableClientKey,
      STACK_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY: internal.secretServerKey,
      STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: internal.superSecretAdminKey,
    };
    // One after the other: the first applies the migrations and seeds.
    instances.push(await startBackend(env, { quiet: true }));
    instances.push(await startBackend(env, { quiet: true }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await database?.drop();
  });

  it("accept each other's access tokens, and refresh each other's sessions", async () => {
    const [a, b] = instances as [BackendProcess, BackendProcess];
    const signUp = await api("/api/v1/auth/password/sign-up", {
      baseUrl: a.url,
      headers: projectHeaders(internal, "client"),
      body: { email: uniqueEmail("two-instances"), password: "correct horse battery" },
    });
    expect(signUp.status).toBe(200);

    const meOnB = await api("/api/v1/users/me", { baseUrl: b.url, headers: projectHeaders(internal, "client", { "access-token": signUp.body.access_token }) });
    expect(meOnB.status).toBe(200);
    expect(meOnB.body.id).toBe(signUp.body.user_id);

    const refreshOnB = await api("/api/v1/auth/sessions/current/refresh", {
      method: "POST",
      baseUrl: b.url,
      headers: projectHeaders(internal, "client", { "refresh-token": signUp.body.refresh_token }),
    });
    expect(refreshOnB.status).toBe(200);
    const meOnA = await api("/api/v1/users/me", { baseUrl: a.url, headers: projectHeaders(internal, "client", { "access-token": refreshOnB.body.access_token }) });
    expect(meOnA.status).toBe(200);
    expect(meOnA.body.id).toBe(signUp.body.user_id);
  });
});
