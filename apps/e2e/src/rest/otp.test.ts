import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";

const CALLBACK = "http://localhost:3000/handler/magic-link-callback";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Sign-in codes");
  await enableMagicLinks(project);
});

const headers = () => projectHeaders(project, "client");
const sendCode = (email: string) => api("/api/v1/auth/otp/send-sign-in-code", { headers: headers(), body: { email, callback_url: CALLBACK } });
const signIn = (code: string) => api("/api/v1/auth/otp/sign-in", { headers: headers(), body: { code } });

/** The 6 characters the email shows for typing in. */
function otpFromEmail(text: string): string {
  const match = /\b([A-Z2-7]{6})\b/.exec(text);
  if (!match) throw new Error("No sign-in code in the email");
  return match[1]!;
}

describe("sign-in codes and magic links", () => {
  it("signs up a new address with the typed code plus the nonce, with the address verified", async () => {
    const email = uniqueEmail("otp-new");
    const sent = await sendCode(email);
    expect(sent.body.nonce).toMatch(/^[a-z2-7]{39}$/);
    const mail = await waitForEmail(testEnv().maildev.webUrl, email);
    const otp = otpFromEmail(mail.text);
    expect(codeFromEmail(mail).slice(0, 6)).toBe(otp.toLowerCase());

    const first = await signIn(`${otp}${sent.body.nonce}`);
    expect(first.status).toBe(200);
    expect(first.body.is_new_user).toBe(true);
    const me = await api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": first.body.access_token }) });
    expect(me.body).toMatchObject({ primary_email: email, primary_email_verified: true, has_password: false });
    expectKnownError(await signIn(`${otp}${sent.body.nonce}`), "VERIFICATION_CODE_ALREADY_USED", 409);
  });

  it("signs an existing, verified account in with the link's code", async () => {
    const email = uniqueEmail("otp-existing");
    const sent = await sendCode(email);
    const first = await signIn(codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email)));
    await sendCode(email);
    const mail = await waitForEmail(testEnv().maildev.webUrl, email, (m) => !m.text.includes(sent.body.nonce));
    const second = await signIn(codeFromEmail(mail));
    expect(second.body).toMatchObject({ is_new_user: false, user_id: first.body.user_id });
  });

  it("refuses an address that an unverified password account signs in with", async () => {
    const user = await signUpWithPassword(project);
    const response = await sendCode(user.email);
    expectKnownError(response, "USER_EMAIL_ALREADY_EXISTS", 409);
    expect(response.body.details.would_work_if_email_was_verified).toBe(true);
  });

  // A typed code falls after a handful of wrong guesses, even the right one afterwards.
  it("invalidates a code after 5 wrong guesses for its nonce", async () => {
    const email = uniqueEmail("otp-guess");
    const sent = await sendCode(email);
    const otp = otpFromEmail((await waitForEmail(testEnv().maildev.webUrl, email)).text);
    const wrong = otp === "AAAAAA" ? "BBBBBB" : "AAAAAA";
    for (let i = 0; i < 5; i++) expectKnownError(await signIn(`${wrong}${sent.body.nonce}`), "VERIFICATION_CODE_NOT_FOUND", 404);
    expectKnownError(await signIn(`${otp}${sent.body.nonce}`), "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED", 400);
  });

  it("answers 403 in plain text when the project has sign-in codes off", async () => {
    const other = await createTestProject("Codes off");
    const response = await api("/api/v1/auth/otp/send-sign-in-code", {
      headers: projectHeaders(other, "client"),
      body: { email: uniqueEmail(), callback_url: CALLBACK },
    });
    expect(response.status).toBe(403);
    expect(response.text).toBe("OTP sign-in is not enabled for this project");
  });
});
