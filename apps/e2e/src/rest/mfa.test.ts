import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as stackJs108 from "stack-js-2-8-108";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, signUpWithPassword, sql, testEnv, uniqueEmail } from "../harness/rest";
import { authenticatorCode } from "../harness/totp";
import { HexclaveServerApp } from "@stackframe/js";

const PASSWORD = "correct horse battery";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("TOTP");
});

const client = (accessToken?: string) => projectHeaders(project, "client", accessToken ? { "access-token": accessToken } : {});
const signIn = (email: string) => api("/api/v1/auth/password/sign-in", { headers: client(), body: { email, password: PASSWORD } });
const mfa = (code: string, totp: string) => api("/api/v1/auth/mfa/sign-in", { headers: client(), body: { code, type: "totp", totp } });

/** A user with TOTP turned on the way the SDKs do it: PATCH /users/me with the secret in base64. */
async function userWithTotp(): Promise<{ email: string; secret: Buffer; userId: string }> {
  const user = await signUpWithPassword(project, uniqueEmail("totp"), PASSWORD);
  const secret = randomBytes(20);
  const updated = await api("/api/v1/users/me", { method: "PATCH", headers: client(user.accessToken), body: { totp_secret_base64: secret.toString("base64") } });
  expect(updated.status).toBe(200);
  expect(updated.body.requires_totp_mfa).toBe(true);
  return { email: user.email, secret, userId: user.userId };
}

async function attemptCodeFor(email: string): Promise<string> {
  const first = await signIn(email);
  expectKnownError(first, "MULTI_FACTOR_AUTHENTICATION_REQUIRED", 400);
  expect(first.body.details.attempt_code).toMatch(/^[a-z2-7]{45}$/);
  return first.body.details.attempt_code;
}

describe("TOTP two-factor sign-in", () => {
  it("asks a user with TOTP for a code after the password, and signs them in with a current one", async () => {
    const { email, secret, userId } = await userWithTotp();
    const signedIn = await mfa(await attemptCodeFor(email), authenticatorCode(secret));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ user_id: userId, is_new_user: false });
    expect((await api("/api/v1/users/me", { headers: client(signedIn.body.access_token) })).body.id).toBe(userId);
  });

  it("refuses a wrong code without spending the attempt, and a code already used", async () => {
    const { email, secret } = await userWithTotp();
    const attempt = await attemptCodeFor(email);
    const right = authenticatorCode(secret);
    const wrong = right === "000000" ? "111111" : "000000";
    expectKnownError(await mfa(attempt, wrong), "INVALID_TOTP_CODE", 400);
    expect((await mfa(attempt, right)).status).toBe(200);
    // The same code again, on a fresh attempt: accepted once only.
    expectKnownError(await mfa(await attemptCodeFor(email), right), "INVALID_TOTP_CODE", 400);
  });

  it("refuses an attempt code that was used, never issued, or has expired", async () => {
    const { email, secret } = await userWithTotp();
    const attempt = await attemptCodeFor(email);
    expect((await mfa(attempt, authenticatorCode(secret))).status).toBe(200);
    expectKnownError(await mfa(attempt, authenticatorCode(secret, Date.now(), 1)), "VERIFICATION_CODE_ALREADY_USED", 409);
    expectKnownError(await mfa("a".repeat(45), authenticatorCode(secret)), "VERIFICATION_CODE_NOT_FOUND", 404);
    const stale = await attemptCodeFor(email);
    await sql("update verification_codes set expires_at = now() - interval '1 second' where type = 'mfa_sign_in' and data->>'user_id' = (select id::text from project_users where id = (select user_id from contact_channels where value = $1 limit 1))", [email]);
    expectKnownError(await mfa(stale, authenticatorCode(secret)), "VERIFICATION_CODE_EXPIRED", 400);
  });

  it("refuses a secret that is not base64 or has the wrong length, writing nothing", async () => {
    const user = await signUpWithPassword(project, uniqueEmail("totp-bad"), PASSWORD);
    for (const totp_secret_base64 of ["not base64!", randomBytes(8).toString("base64"), randomBytes(80).toString("base64")]) {
      expectKnownError(await api("/api/v1/users/me", { method: "PATCH", headers: client(user.accessToken), body: { totp_secret_base64 } }), "SCHEMA_ERROR", 400);
    }
    expect((await api("/api/v1/users/me", { headers: client(user.accessToken) })).body.requires_totp_mfa).toBe(false);
  });

  it("stores the secret sealed, not as given", async () => {
    const { secret, userId } = await userWithTotp();
    const [row] = await sql<{ totp_secret: string }>("select totp_secret from project_users where id = $1", [userId]);
    expect(row!.totp_secret).not.toContain(secret.toString("base64"));
  });

  it("is turned on and used through the published SDK", async () => {
    const email = uniqueEmail("totp-sdk");
    const app = new (stackJs108 as any).StackClientApp({ baseUrl: testEnv().backendUrl, projectId: project.projectId, publishableClientKey: project.publishableClientKey, tokenStore: "memory", redirectMethod: "none" });
    await app.signUpWithCredential({ email, password: PASSWORD, noRedirect: true, noVerificationCallback: true });
    const secret = randomBytes(20);
    await (await app.getUser({ or: "throw" })).update({ totpMultiFactorSecret: new Uint8Array(secret) });
    const first = await signIn(email);
    expectKnownError(first, "MULTI_FACTOR_AUTHENTICATION_REQUIRED", 400);
    expect((await mfa(first.body.details.attempt_code, authenticatorCode(secret))).status).toBe(200);
  });

  it("is set and turned off from a server with our SDK, for a user who lost their authenticator", async () => {
    const server = new HexclaveServerApp({
      baseUrl: testEnv().backendUrl,
      projectId: project.projectId,
      publishableClientKey: project.publishableClientKey,
      secretServerKey: project.secretServerKey,
    });
    const secret = randomBytes(20);
    const created = await server.createUser({ primaryEmail: uniqueEmail("totp-server"), primaryEmailAuthEnabled: true, password: PASSWORD, totpMultiFactorSecret: new Uint8Array(secret) });
    expect(created.isMultiFactorRequired).toBe(true);
    const first = await signIn(created.primaryEmail!);
    expectKnownError(first, "MULTI_FACTOR_AUTHENTICATION_REQUIRED", 400);
    expect((await mfa(first.body.details.attempt_code, authenticatorCode(secret))).status).toBe(200);
    await created.update({ totpMultiFactorSecret: null });
    expect((await signIn(created.primaryEmail!)).status).toBe(200);
  });
});
