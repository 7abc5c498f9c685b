import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";

// The user fields derived from how a user signs in (auth_with_email = has_password || otp_auth_enabled),
// read after every sign-in path, in the client and the server view.

const CALLBACK = "http://localhost:3000/handler/magic-link-callback";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("derived user fields");
  await enableMagicLinks(project);
});

const client = (accessToken?: string, extra: Record<string, string> = {}) =>
  projectHeaders(project, "client", accessToken ? { "access-token": accessToken, ...extra } : extra);
const server = () => projectHeaders(project, "server");

type Derived = { has_password: boolean; otp_auth_enabled: boolean; auth_with_email: boolean };

async function expectDerived(accessToken: string, expected: Derived, extra: Record<string, string> = {}) {
  const me = await api("/api/v1/users/me", { headers: client(accessToken, extra) });
  expect(me.status, me.text).toBe(200);
  const fields = { ...expected, passkey_auth_enabled: false, requires_totp_mfa: false };
  expect(me.body).toMatchObject(fields);
  expect((await api(`/api/v1/users/${me.body.id}`, { headers: server() })).body).toMatchObject(fields);
}

async function signInByCode(email: string, extra: Record<string, string> = {}, accessToken?: string) {
  expect((await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email, callback_url: CALLBACK } })).status).toBe(200);
  const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
  const signedIn = await api("/api/v1/auth/otp/sign-in", { headers: client(accessToken, extra), body: { code } });
  expect(signedIn.status, signedIn.text).toBe(200);
  return signedIn.body as { access_token: string; user_id: string; is_new_user: boolean };
}

const PASSWORD_ONLY: Derived = { has_password: true, otp_auth_enabled: false, auth_with_email: true };
const CODE_ONLY: Derived = { has_password: false, otp_auth_enabled: true, auth_with_email: true };
const NEITHER: Derived = { has_password: false, otp_auth_enabled: false, auth_with_email: false };

describe("derived user fields on every sign-in path", () => {
  it("password sign-up: a password, no code method", async () => {
    await expectDerived((await signUpWithPassword(project)).accessToken, PASSWORD_ONLY);
  });

  // Regression: a user created by a sign-in code read otp_auth_enabled: false and auth_with_email: false.
  it("sign-up with a mailed code: the code method", async () => {
    const signedIn = await signInByCode(uniqueEmail("otp-new"));
    expect(signedIn.is_new_user).toBe(true);
    await expectDerived(signedIn.access_token, CODE_ONLY);
  });

  it("an existing verified password user who signs in by code gains the code method", async () => {
    const user = await signUpWithPassword(project);
    await api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: server(), body: { primary_email_verified: true } });
    const signedIn = await signInByCode(user.email);
    expect(signedIn).toMatchObject({ user_id: user.userId, is_new_user: false });
    await expectDerived(signedIn.access_token, { has_password: true, otp_auth_enabled: true, auth_with_email: true });
  });

  it("anonymous: no way in by email, then the way it signs up", async () => {
    const anonymous = await api("/api/v1/auth/anonymous/sign-up", { headers: client(), body: {} });
    const allow = { "allow-anonymous-user": "true" };
    await expectDerived(anonymous.body.access_token, NEITHER, allow);
    const upgraded = await signInByCode(uniqueEmail("otp-upgrade"), allow, anonymous.body.access_token);
    expect(upgraded).toMatchObject({ user_id: anonymous.body.user_id, is_new_user: true });
    await expectDerived(upgraded.access_token, CODE_ONLY);

    const second = await api("/api/v1/auth/anonymous/sign-up", { headers: client(), body: {} });
    const byPassword = await api("/api/v1/auth/password/sign-up", {
      headers: client(second.body.access_token, allow),
      body: { email: uniqueEmail("pw-upgrade"), password: "correct horse battery" },
    });
    await expectDerived(byPassword.body.access_token, PASSWORD_ONLY);
  });

  it("server-created users and changes to otp_auth_enabled", async () => {
    const created = await api("/api/v1/users", { headers: server(), body: { primary_email: uniqueEmail("server"), otp_auth_enabled: true } });
    expect(created.body).toMatchObject({ ...CODE_ONLY, passkey_auth_enabled: false });
    const off = await api(`/api/v1/users/${created.body.id}`, { method: "PATCH", headers: server(), body: { otp_auth_enabled: false } });
    expect(off.body).toMatchObject(NEITHER);
    const bare = await api("/api/v1/users", { headers: server(), body: { display_name: "no email" } });
    expect(bare.body).toMatchObject(NEITHER);
  });
});
