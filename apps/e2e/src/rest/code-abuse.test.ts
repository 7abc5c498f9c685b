import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, listEmails, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, signUpWithPassword, sql, testEnv, uniqueEmail } from "../harness/rest";

const RESET_CALLBACK = "http://localhost:3000/handler/password-reset";
const SIGN_IN_CALLBACK = "http://localhost:3000/handler/magic-link-callback";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Code abuse");
  await enableMagicLinks(project);
  // These tests are about the codes' own limits (per code, per address and hour), which hold with the sign-in guard
  // off too; its pause of typed codes is tested in sign-in-guard.test.ts.
  const guardOff = await api("/api/v1/internal/config/override/environment", {
    method: "PATCH",
    headers: projectHeaders(project, "admin"),
    body: { config_override_string: JSON.stringify({ "auth.signInGuard.enabled": false }) },
  });
  if (guardOff.status !== 200) throw new Error(`Turning the sign-in guard off failed: ${guardOff.status} ${guardOff.text}`);
});

const headers = (extra: Record<string, string> = {}) => ({ ...projectHeaders(project, "client"), ...extra });

async function resetCode(email: string, extraHeaders: Record<string, string> = {}) {
  await api("/api/v1/auth/password/send-reset-code", { headers: headers(extraHeaders), body: { email, callback_url: RESET_CALLBACK } });
  return await waitForEmail(testEnv().maildev.webUrl, email);
}

async function signInCode(email: string) {
  const sent = await api("/api/v1/auth/otp/send-sign-in-code", { headers: headers(), body: { email, callback_url: SIGN_IN_CALLBACK } });
  const mail = await waitForEmail(testEnv().maildev.webUrl, email);
  return { nonce: sent.body.nonce as string, code: codeFromEmail(mail) };
}

/** Ages the unused codes of one user (reset) or one address (sign-in) past their expiry; other tests' codes stay. */
async function expireCodes(type: string, key: "user_id" | "email", value: string) {
  await sql("update verification_codes set expires_at = now() - interval '1 second' where type = $1 and used_at is null and data->>$2 = $3", [type, key, value]);
}

describe("password reset codes", () => {
  // RS-02
  it("lets exactly one of two parallel resets with the same code win", async () => {
    const user = await signUpWithPassword(project);
    const code = codeFromEmail(await resetCode(user.email));
    const attempts = await Promise.all(
      ["first new password", "second new password"].map((password) => api("/api/v1/auth/password/reset", { headers: headers(), body: { code, password } })),
    );
    expect(attempts.map((response) => response.status).sort()).toEqual([200, 409]);
    const winner = ["first new password", "second new password"][attempts.findIndex((response) => response.status === 200)]!;
    expect((await api("/api/v1/auth/password/sign-in", { headers: headers(), body: { email: user.email, password: winner } })).status).toBe(200);
  });

  // RS-04
  it("refuses an expired code with VERIFICATION_CODE_EXPIRED and changes nothing", async () => {
    const user = await signUpWithPassword(project);
    const code = codeFromEmail(await resetCode(user.email));
    await expireCodes("password_reset", "user_id", user.userId);
    expectKnownError(await api("/api/v1/auth/password/reset", { headers: headers(), body: { code, password: "too late password" } }), "VERIFICATION_CODE_EXPIRED", 400);
    expect((await api("/api/v1/auth/password/sign-in", { headers: headers(), body: { email: user.email, password: user.password } })).status).toBe(200);
    const [row] = await sql("select code_hash from verification_codes where type = 'password_reset' order by created_at desc limit 1");
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.code_hash).not.toContain(code);
  });

  // RS-08
  it("builds the emailed link from the trusted callback URL, whatever Host or X-Forwarded-Host say", async () => {
    const user = await signUpWithPassword(project);
    const mail = await resetCode(user.email, { "x-forwarded-host": "evil.example.com" });
    expect(mail.text).toContain(`${RESET_CALLBACK}?code=`);
    expect(mail.text + mail.html).not.toContain("evil.example.com");
  });
});

describe("sign-in codes", () => {
  // MF-02
  it("counts parallel wrong guesses atomically and gives two parallel right answers one session", async () => {
    const email = uniqueEmail("parallel");
    const { nonce, code } = await signInCode(email);
    const right = await Promise.all([0, 1].map(() => api("/api/v1/auth/otp/sign-in", { headers: headers(), body: { code } })));
    expect(right.map((response) => response.status).sort()).toEqual([200, 409]);

    const next = await signInCode(uniqueEmail("guesses"));
    const wrong = next.code.startsWith("a") ? "b" : "a";
    const guesses = await Promise.all(Array.from({ length: 20 }, () => api("/api/v1/auth/otp/sign-in", { headers: headers(), body: { code: `${wrong.repeat(6)}${next.nonce}` } })));
    expect(guesses.every((response) => response.body.code === "VERIFICATION_CODE_NOT_FOUND")).toBe(true);
    const [counter] = await sql("select attempts from verification_codes where nonce_hash = encode(sha256($1::bytea), 'hex')", [next.nonce]);
    expect(counter.attempts).toBe(20);
    expectKnownError(await api("/api/v1/auth/otp/sign-in", { headers: headers(), body: { code: next.code } }), "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED", 400);
    expect(nonce).toHaveLength(39);
  });

  // MF-04
  it("refuses an expired code and a used one", async () => {
    const used = await signInCode(uniqueEmail("used"));
    expect((await api("/api/v1/auth/otp/sign-in", { headers: headers(), body: { code: used.code } })).status).toBe(200);
    expectKnownError(await api("/api/v1/auth/otp/sign-in", { headers: headers(), body: { code: used.code } }), "VERIFICATION_CODE_ALREADY_USED", 409);
    const expiredEmail = uniqueEmail("expired");
    const expired = await signInCode(expiredEmail);
    await expireCodes("otp_sign_in", "email", expiredEmail);
    expectKnownError(await api("/api/v1/auth/otp/sign-in", { headers: headers(), body: { code: expired.code } }), "VERIFICATION_CODE_EXPIRED", 400);
  });

  // MF-03: wrong guesses count per address across codes; asking for a new code does not start over.
  it("keeps counting wrong guesses across resent codes", async () => {
    const email = uniqueEmail("resend");
    for (let code = 0; code < 4; code++) {
      const sent = await api("/api/v1/auth/otp/send-sign-in-code", { headers: headers(), body: { email, callback_url: SIGN_IN_CALLBACK } });
      for (let guess = 0; guess < 5; guess++) {
        await api("/api/v1/auth/otp/sign-in", { headers: headers(), body: { code: `aaaaaa${sent.body.nonce}`.replace(/^aaaaaa/, guess % 2 ? "bbbbbb" : "cccccc") } });
      }
    }
    const last = await api("/api/v1/auth/otp/send-sign-in-code", { headers: headers(), body: { email, callback_url: SIGN_IN_CALLBACK } });
    const mails = async () => (await listEmails(testEnv().maildev.webUrl)).filter((mail) => mail.to.some((to) => to.address === email));
    await expect.poll(async () => (await mails()).length, { timeout: 15_000 }).toBe(5);
    const code = (await mails()).map(codeFromEmail).find((candidate) => candidate.endsWith(last.body.nonce))!;
    expectKnownError(await api("/api/v1/auth/otp/sign-in", { headers: headers(), body: { code } }), "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED", 400);
  });
});

// Regression (found by the route fuzz): a code was spent first, so a request refused after that still used it up.
describe("codes used only by the request that succeeds", () => {
  it("keeps a verification code whose channel is gone unspent, and refuses it the same way again", async () => {
    const user = await signUpWithPassword(project);
    const me = { ...headers(), "x-hexclave-access-token": user.accessToken };
    const second = uniqueEmail("second");
    const channel = await api("/api/v1/contact-channels", { headers: me, body: { user_id: "me", type: "email", value: second, used_for_auth: false } });
    await api(`/api/v1/contact-channels/me/${channel.body.id}/send-verification-code`, { headers: me, body: { callback_url: SIGN_IN_CALLBACK } });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, second));
    await api(`/api/v1/contact-channels/me/${channel.body.id}`, { method: "DELETE", headers: me });
    for (let i = 0; i < 2; i++) expect((await api("/api/v1/contact-channels/verify", { headers: headers(), body: { code } })).status).toBe(400);
    const [row] = await sql("select used_at from verification_codes where data->>'email' = $1", [second]);
    expect(row.used_at).toBeNull();
  });

  it("keeps a sign-in code unspent while sign-up is off, so it works once sign-up is on again", async () => {
    const fresh = await createTestProject("Code abuse, sign-up off");
    await enableMagicLinks(fresh);
    const email = uniqueEmail("later");
    const client = projectHeaders(fresh, "client");
    await api("/api/v1/auth/otp/send-sign-in-code", { headers: client, body: { email, callback_url: SIGN_IN_CALLBACK } });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
    const admin = { "x-hexclave-project-id": fresh.projectId, "x-hexclave-access-type": "admin", "x-hexclave-super-secret-admin-key": fresh.superSecretAdminKey };
    await api("/api/v1/internal/projects/current", { method: "PATCH", headers: admin, body: { config: { sign_up_enabled: false } } });
    expectKnownError(await api("/api/v1/auth/otp/sign-in", { headers: client, body: { code } }), "SIGN_UP_NOT_ENABLED", 400);
    await api("/api/v1/internal/projects/current", { method: "PATCH", headers: admin, body: { config: { sign_up_enabled: true } } });
    const signedIn = await api("/api/v1/auth/otp/sign-in", { headers: client, body: { code } });
    expect(signedIn.status, signedIn.text).toBe(200);
    expect(signedIn.body.is_new_user).toBe(true);
  });
});
