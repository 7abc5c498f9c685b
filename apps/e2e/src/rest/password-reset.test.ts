import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, listEmails, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, refreshWithOAuth, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";

const CALLBACK = "http://localhost:3000/handler/password-reset";
const NEW_PASSWORD = "a brand new passphrase";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Password reset");
});

const headers = () => projectHeaders(project, "client");
const sendResetCode = (email: string, callback = CALLBACK) =>
  api("/api/v1/auth/password/send-reset-code", { headers: headers(), body: { email, callback_url: callback } });

async function resetCodeFor(email: string): Promise<string> {
  const sent = await sendResetCode(email);
  expect(sent.body).toEqual({ success: "maybe, only if user with e-mail exists" });
  const mail = await waitForEmail(testEnv().maildev.webUrl, email);
  expect(mail.subject).toBe("Reset your password at Password reset");
  return codeFromEmail(mail);
}

describe("password reset", () => {
  it("mails a link whose code sets a new password and signs the account out everywhere", async () => {
    const user = await signUpWithPassword(project);
    const code = await resetCodeFor(user.email);
    expect((await api("/api/v1/auth/password/reset/check-code", { headers: headers(), body: { code } })).body).toEqual({ is_code_valid: true });
    const reset = await api("/api/v1/auth/password/reset", { headers: headers(), body: { code, password: NEW_PASSWORD } });
    expect(reset.body).toEqual({ success: true });

    expectKnownError(await refreshWithOAuth(project.projectId, user.refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    const signIn = (password: string) => api("/api/v1/auth/password/sign-in", { headers: headers(), body: { email: user.email, password } });
    expectKnownError(await signIn(user.password), "EMAIL_PASSWORD_MISMATCH", 400);
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);
    expectKnownError(await api("/api/v1/auth/password/reset", { headers: headers(), body: { code, password: "yet another one" } }), "VERIFICATION_CODE_ALREADY_USED", 409);
  });

  it("answers an unknown address exactly like a known one, and mails nothing", async () => {
    const unknown = await sendResetCode(uniqueEmail("nobody"));
    const known = await sendResetCode((await signUpWithPassword(project)).email);
    expect(unknown.status).toBe(known.status);
    expect(unknown.text).toBe(known.text);
  });

  it("spends the code even when the new password is too short", async () => {
    const user = await signUpWithPassword(project);
    const code = await resetCodeFor(user.email);
    expectKnownError(await api("/api/v1/auth/password/reset", { headers: headers(), body: { code, password: "short" } }), "PASSWORD_TOO_SHORT", 400);
    expectKnownError(await api("/api/v1/auth/password/reset", { headers: headers(), body: { code, password: NEW_PASSWORD } }), "VERIFICATION_CODE_ALREADY_USED", 409);
  });

  it("refuses an untrusted callback URL for an existing account", async () => {
    const user = await signUpWithPassword(project);
    expectKnownError(await sendResetCode(user.email, "https://evil.example.com/reset"), "REDIRECT_URL_NOT_WHITELISTED", 400);
  });

  it("does not accept a password on check-code", async () => {
    const response = await api("/api/v1/auth/password/reset/check-code", { headers: headers(), body: { code: "a".repeat(45), password: NEW_PASSWORD } });
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });

  // Only the newest link works, and none after the password changed.
  it("keeps only the newest reset link alive", async () => {
    const user = await signUpWithPassword(project);
    const first = await resetCodeFor(user.email);
    await sendResetCode(user.email);
    const mails = async () => (await listEmails(testEnv().maildev.webUrl)).filter((mail) => mail.to.some((to) => to.address === user.email));
    await expect.poll(async () => (await mails()).length, { timeout: 15_000 }).toBe(2);
    const second = codeFromEmail((await mails())[1]!);
    expectKnownError(await api("/api/v1/auth/password/reset", { headers: headers(), body: { code: first, password: NEW_PASSWORD } }), "VERIFICATION_CODE_ALREADY_USED", 409);
    expect((await api("/api/v1/auth/password/reset", { headers: headers(), body: { code: second, password: NEW_PASSWORD } })).status).toBe(200);
  });

  // Changing the primary email spends the reset links sent before.
  it("refuses a link sent before the primary email changed", async () => {
    const user = await signUpWithPassword(project);
    const code = await resetCodeFor(user.email);
    const changed = await api("/api/v1/users/me", {
      method: "PATCH",
      headers: projectHeaders(project, "client", { "access-token": user.accessToken }),
      body: { primary_email: uniqueEmail("moved") },
    });
    expect(changed.status).toBe(200);
    expectKnownError(await api("/api/v1/auth/password/reset", { headers: headers(), body: { code, password: NEW_PASSWORD } }), "VERIFICATION_CODE_ALREADY_USED", 409);
  });

  // A reset never signs anyone in. Two-factor sign-in does not exist yet; when it does, this test
  // gains a user with a TOTP secret.
  it("signs nobody in: the reset answers without tokens, and signing in still takes the new password", async () => {
    const user = await signUpWithPassword(project);
    const code = await resetCodeFor(user.email);
    const reset = await api("/api/v1/auth/password/reset", { headers: headers(), body: { code, password: NEW_PASSWORD } });
    expect(reset.body).toEqual({ success: true });
    expect(reset.headers.get("set-cookie")).toBeNull();
    const wrong = await api("/api/v1/auth/password/sign-in", { headers: headers(), body: { email: user.email, password: "not the new one!" } });
    expectKnownError(wrong, "EMAIL_PASSWORD_MISMATCH", 400);
  });
});
