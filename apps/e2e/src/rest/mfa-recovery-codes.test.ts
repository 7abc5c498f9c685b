import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, signUpWithPassword, sql, uniqueEmail } from "../harness/rest";
import { authenticatorCode } from "../harness/totp";

// Recovery codes are ours (Stack Auth has none): ten single-use codes that stand in for a lost authenticator app.

const PASSWORD = "correct horse battery";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Recovery codes");
});

const client = (accessToken?: string) => projectHeaders(project, "client", accessToken ? { "access-token": accessToken } : {});
const codesRoute = "/api/v1/auth/mfa/recovery-codes";
const makeCodes = (accessToken: string) => api(codesRoute, { method: "POST", headers: client(accessToken), body: {} });
const remaining = async (accessToken: string) => (await api(codesRoute, { headers: client(accessToken) })).body.remaining as number;
const signIn = (email: string) => api("/api/v1/auth/password/sign-in", { headers: client(), body: { email, password: PASSWORD } });
const withRecoveryCode = (code: string, recovery_code: string) =>
  api("/api/v1/auth/mfa/sign-in", { headers: client(), body: { code, type: "recovery_code", recovery_code } });

async function attemptCodeFor(email: string): Promise<string> {
  const first = await signIn(email);
  expectKnownError(first, "MULTI_FACTOR_AUTHENTICATION_REQUIRED", 400);
  return first.body.details.attempt_code;
}

async function userWithCodes() {
  const user = await signUpWithPassword(project, uniqueEmail("recovery"), PASSWORD);
  const secret = randomBytes(20);
  const patch = await api("/api/v1/users/me", { method: "PATCH", headers: client(user.accessToken), body: { totp_secret_base64: secret.toString("base64") } });
  expect(patch.status).toBe(200);
  const made = await makeCodes(user.accessToken);
  expect(made.status).toBe(200);
  return { ...user, secret, codes: made.body.recovery_codes as string[] };
}

describe("MFA recovery codes", () => {
  it("are made only for a user with TOTP, ten of them, each shown once", async () => {
    const plain = await signUpWithPassword(project, uniqueEmail("no-totp"), PASSWORD);
    expectKnownError(await makeCodes(plain.accessToken), "MFA_NOT_ENABLED", 400);
    expect(await remaining(plain.accessToken)).toBe(0);

    const { accessToken, codes } = await userWithCodes();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(codes).size).toBe(10);
    expect(await remaining(accessToken)).toBe(10);
  });

  it("sign a user in once each at the MFA step, typed in any case and without the dash", async () => {
    const { email, accessToken, userId, codes } = await userWithCodes();
    const signedIn = await withRecoveryCode(await attemptCodeFor(email), codes[0]!);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ user_id: userId, is_new_user: false });
    expect(await remaining(accessToken)).toBe(9);
    expectKnownError(await withRecoveryCode(await attemptCodeFor(email), codes[0]!), "INVALID_MFA_RECOVERY_CODE", 400);
    expect((await withRecoveryCode(await attemptCodeFor(email), ` ${codes[1]!.toUpperCase().replace("-", "")} `)).status).toBe(200);
    expect(await remaining(accessToken)).toBe(8);
  });

  it("refuses a wrong code without spending the attempt", async () => {
    const { email, codes } = await userWithCodes();
    const attempt = await attemptCodeFor(email);
    expectKnownError(await withRecoveryCode(attempt, "aaaaa-aaaaa"), "INVALID_MFA_RECOVERY_CODE", 400);
    expect((await withRecoveryCode(attempt, codes[2]!)).status).toBe(200);
  });

  it("are all replaced by a new set, and all deleted when the TOTP secret changes or goes", async () => {
    const { email, accessToken, codes } = await userWithCodes();
    const renewed = (await makeCodes(accessToken)).body.recovery_codes as string[];
    expectKnownError(await withRecoveryCode(await attemptCodeFor(email), codes[0]!), "INVALID_MFA_RECOVERY_CODE", 400);
    expect(await remaining(accessToken)).toBe(10);

    await api("/api/v1/users/me", { method: "PATCH", headers: client(accessToken), body: { totp_secret_base64: randomBytes(20).toString("base64") } });
    expect(await remaining(accessToken)).toBe(0);
    expectKnownError(await withRecoveryCode(await attemptCodeFor(email), renewed[0]!), "INVALID_MFA_RECOVERY_CODE", 400);
    await api("/api/v1/users/me", { method: "PATCH", headers: client(accessToken), body: { totp_secret_base64: null } });
    expectKnownError(await makeCodes(accessToken), "MFA_NOT_ENABLED", 400);
  });

  it("are stored as keyed digests, never as the code or its plain hash", async () => {
    const { userId, codes } = await userWithCodes();
    const rows = await sql<{ code_hash: string }>("select code_hash from mfa_recovery_codes where user_id = $1", [userId]);
    expect(rows).toHaveLength(10);
    const plainForms = codes.flatMap((code) => [code, code.replace("-", ""), createHash("sha256").update(code).digest("hex"), createHash("sha256").update(code.replace("-", "")).digest("hex")]);
    for (const row of rows) expect(plainForms).not.toContain(row.code_hash);
  });

  it("count towards the same guessing pause as TOTP codes", async () => {
    const { email, secret } = await userWithCodes();
    let paused = false;
    for (let i = 0; i < 12 && !paused; i++) {
      const attempt = await attemptCodeFor(email);
      const answer = await withRecoveryCode(attempt, `zzzz${i % 10}-zzzzz`.slice(0, 11));
      paused = answer.status === 429;
      if (!paused) expectKnownError(answer, "INVALID_MFA_RECOVERY_CODE", 400);
    }
    expect(paused).toBe(true);
    const totp = await api("/api/v1/auth/mfa/sign-in", { headers: client(), body: { code: await attemptCodeFor(email), type: "totp", totp: authenticatorCode(secret) } });
    expectKnownError(totp, "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
  });

  it("need a signed-in user, and refuse bodies of another shape", async () => {
    expectKnownError(await api(codesRoute, { method: "POST", headers: client(), body: {} }), "SCHEMA_ERROR", 400);
    expectKnownError(await api(codesRoute, { headers: client() }), "SCHEMA_ERROR", 400);
    const { email } = await userWithCodes();
    const attempt = await attemptCodeFor(email);
    for (const body of [{ code: attempt, type: "recovery_code" }, { code: attempt, type: "recovery_code", recovery_code: "x".repeat(33) }, { code: attempt, type: "backup", recovery_code: "aaaaa-aaaaa" }]) {
      expectKnownError(await api("/api/v1/auth/mfa/sign-in", { headers: client(), body }), "SCHEMA_ERROR", 400);
    }
  });
});
