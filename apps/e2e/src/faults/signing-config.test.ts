import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { backendEnv } from "../harness/global-setup";
import { startExpectingExit } from "../harness/refused-start";
import { testEnv } from "../harness/rest";

// JW-13: a backend that cannot sign or name its issuer must not start, so no mode ever serves requests unauthenticated.

/** The suite's settings with some changed; the database is unreachable on purpose: the checks must fail before it is touched. */
function changedEnv(changes: Record<string, string | undefined>): Record<string, string | undefined> {
  return {
    ...process.env,
    ...backendEnv(testEnv()),
    NODE_ENV: "test",
    HEXCLAVE_DEV: "0",
    STACK_DATABASE_CONNECTION_STRING: "postgres://nobody@127.0.0.1:1/none",
    ...changes,
  };
}

async function expectRefusedStart(changes: Record<string, string | undefined>, naming: string) {
  const outcome = await startExpectingExit(changedEnv(changes));
  expect(outcome.code).not.toBe(0);
  expect(outcome.code).not.toBeNull();
  expect(outcome.answered).toBe(false);
  expect(outcome.stderr).toContain(naming);
}

describe("start-up with a signing configuration it cannot use (JW-13)", () => {
  it("refuses to start in production without a server secret", async () => {
    await expectRefusedStart({ NODE_ENV: "production", STACK_SERVER_SECRET: undefined, HEXCLAVE_SERVER_SECRET: undefined }, "STACK_SERVER_SECRET");
  });

  it("refuses to start with a server secret too short to derive keys from", async () => {
    await expectRefusedStart({ STACK_SERVER_SECRET: "short", HEXCLAVE_SERVER_SECRET: undefined }, "server secret");
  });

  it("refuses to start in development when the stored secret is empty", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "hexclave-secret-"));
    writeFileSync(join(dataDir, "server-secret"), "\n");
    await expectRefusedStart({ HEXCLAVE_DEV: "1", STACK_SERVER_SECRET: undefined, HEXCLAVE_SERVER_SECRET: undefined, STACK_DATA_DIR: dataDir }, "server secret");
  });

  it("refuses to start with an issuer URL that is not an absolute http(s) URL", async () => {
    await expectRefusedStart({ NEXT_PUBLIC_STACK_API_URL: "api.example.com" }, "NEXT_PUBLIC_STACK_API_URL");
    await expectRefusedStart({ NEXT_PUBLIC_STACK_API_URL: "javascript:alert(1)" }, "NEXT_PUBLIC_STACK_API_URL");
  });

  it("refuses to start with an unreadable key generation, or a revocation of the signing key itself", async () => {
    await expectRefusedStart({ STACK_SIGNING_KEY_GENERATION: "latest" }, "STACK_SIGNING_KEY_GENERATION");
    await expectRefusedStart({ STACK_SIGNING_KEY_GENERATION: "1", STACK_SIGNING_KEY_REVOKED_BEFORE: "2" }, "revoked");
  });

  it("refuses to start with an access-token lifetime of zero", async () => {
    await expectRefusedStart({ STACK_ACCESS_TOKEN_EXPIRATION_TIME: "0" }, "STACK_ACCESS_TOKEN_EXPIRATION_TIME");
  });
});
