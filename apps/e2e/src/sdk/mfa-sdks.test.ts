import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { api, expectKnownError, projectHeaders, sql, testEnv, uniqueEmail } from "../harness/rest";
import { authenticatorCode } from "../harness/totp";
import { ALL_SDKS, type StackSdk } from "./clients";
import { createProjectThroughSdk } from "./sdk-project";

// TOTP as each SDK drives it: the user turns it on with update({ totpMultiFactorSecret }), the first factor answers
// MULTI_FACTOR_AUTHENTICATION_REQUIRED with an attempt code, and signInWithMfa(totp, attemptCode) finishes. The
// published SDKs send a browser to their MFA page on that answer, so here the first factor is a plain request.

const PASSWORD = "correct horse battery";

async function setUp(sdk: StackSdk) {
  const { project, keys } = await createProjectThroughSdk(sdk);
  const target = { projectId: project.id as string, publishableClientKey: keys.publishableClientKey, secretServerKey: keys.secretServerKey, superSecretAdminKey: keys.superSecretAdminKey };
  const newClient = () => new sdk.StackClientApp({ baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory", redirectMethod: "none" });
  const attemptCode = async (email: string) => {
    const first = await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(target as never, "client"), body: { email, password: PASSWORD } });
    expectKnownError(first, "MULTI_FACTOR_AUTHENTICATION_REQUIRED", 400);
    return first.body.details.attempt_code as string;
  };
  return { newClient, attemptCode };
}

const errorCodeOf = async (promise: Promise<{ status: string; error?: { errorCode?: string } }>) => {
  try {
    const result = await promise;
    return result.status === "ok" ? "ok" : result.error?.errorCode;
  } catch (error) {
    return (error as { errorCode?: string }).errorCode ?? String(error);
  }
};

describe.each(ALL_SDKS)("$name: TOTP two-factor sign-in", ({ sdk }) => {
  it("turns TOTP on, then takes a right code once, and refuses a wrong, replayed or expired one", async () => {
    const { newClient, attemptCode } = await setUp(sdk);
    const email = uniqueEmail("sdk-totp");
    const owner = newClient();
    await owner.signUpWithCredential({ email, password: PASSWORD, noRedirect: true, noVerificationCallback: true });
    const secret = randomBytes(20);
    await (await owner.getUser({ or: "throw" })).update({ totpMultiFactorSecret: new Uint8Array(secret) });
    expect((await owner.getUser({ or: "throw" })).isMultiFactorRequired).toBe(true);

    const app = newClient();
    const attempt = await attemptCode(email);
    const right = authenticatorCode(secret);
    const wrong = right === "000000" ? "111111" : "000000";
    expect(await errorCodeOf(app.signInWithMfa(wrong, attempt, { noRedirect: true }))).toBe("INVALID_TOTP_CODE");
    expect(await errorCodeOf(app.signInWithMfa(right, attempt, { noRedirect: true }))).toBe("ok");
    expect((await app.getUser({ or: "throw" })).primaryEmail).toBe(email);

    expect(await errorCodeOf(newClient().signInWithMfa(right, await attemptCode(email), { noRedirect: true }))).toBe("INVALID_TOTP_CODE");

    const stale = await attemptCode(email);
    // Only this user's attempts: other test files run beside this one on the same database.
    const userId = (await owner.getUser({ or: "throw" })).id;
    await sql("update verification_codes set expires_at = now() - interval '1 second' where type = 'mfa_sign_in' and data->>'user_id' = $1", [userId]);
    expect(await errorCodeOf(newClient().signInWithMfa(authenticatorCode(secret, Date.now(), 1), stale, { noRedirect: true }))).toBe("VERIFICATION_CODE_EXPIRED");
  });
});
