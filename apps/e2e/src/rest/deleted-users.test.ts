import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import {
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  enableMagicLinks,
  expectKnownError,
  internalProject,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  sql,
  testEnv,
} from "../harness/rest";

// AU-12: a deleted user is refused on every sign-in and token path that exists today: password, sign-in code and magic
// link, password reset, both refreshes, the access token, the CLI hand-over, server-opened sessions and admin access
// tokens; API keys are in api-keys.test.ts ("stops accepting the keys of a deleted user"). OAuth, passkeys and admin
// impersonation do not exist yet, and neither does a disabled state: restricted_by_admin users still sign in, as in Stack Auth's API.
// A deleted user's access token answers as "no user", as there, rather than 401/403 user_disabled.

const RESET_CALLBACK = "http://localhost:3000/handler/password-reset";
const MAGIC_LINK_CALLBACK = "http://localhost:3000/handler/magic-link-callback";

let project: TestProject;
let user: SignedInUser;
let second: { access_token: string; refresh_token: string };
let resetCode: string;
let signInCode: string;
let cliPollingCode: string;

const client = (extra: Record<string, string> = {}) => projectHeaders(project, "client", extra);

beforeAll(async () => {
  project = await createTestProject("Deleted users");
  await enableMagicLinks(project);
  user = await signUpWithPassword(project);
  // A sign-in code only goes to an address that is verified.
  await api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: projectHeaders(project, "server"), body: { primary_email_verified: true } });
  second = (await api("/api/v1/auth/password/sign-in", { headers: client(), body: { email: user.email, password: user.password } })).body;

  // Codes and hand-overs that were handed out while the user existed.
  await api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email: user.email, callback_url: RESET_CALLBACK } });
  resetCode = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, user.email, (mail) => mail.subject.startsWith("Reset")));
  await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email: user.email, callback_url: MAGIC_LINK_CALLBACK } });
  signInCode = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, user.email, (mail) => !mail.subject.startsWith("Reset")));
  const cli = await api("/api/v1/auth/cli", { headers: client(), body: {} });
  cliPollingCode = cli.body.polling_code;
  expect((await api("/api/v1/auth/cli/complete", { headers: client(), body: { login_code: cli.body.login_code, refresh_token: second.refresh_token } })).status).toBe(200);

  const deleted = await api(`/api/v1/users/${user.userId}`, { method: "DELETE", headers: projectHeaders(project, "server"), body: {} });
  expect(deleted.body).toEqual({ success: true });
});

describe("after a user is deleted (AU-12)", () => {
  it("password sign-in answers EMAIL_PASSWORD_MISMATCH, as for an unknown address", async () => {
    const response = await api("/api/v1/auth/password/sign-in", { headers: client(), body: { email: user.email, password: user.password } });
    expectKnownError(response, "EMAIL_PASSWORD_MISMATCH", 400);
  });

  it("every refresh token of the user is refused at once, on both refresh endpoints, and no session row is left", async () => {
    for (const refreshToken of [user.refreshToken, second.refresh_token]) {
      expectKnownError(await refreshWithOAuth(project.projectId, refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
      const viaHeader = await api("/api/v1/auth/sessions/current/refresh", { method: "POST", headers: client({ "refresh-token": refreshToken }) });
      expectKnownError(viaHeader, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    }
    expect((await sql("select count(*)::int as n from sessions where user_id = $1", [user.userId]))[0].n).toBe(0);
  });

  it("the access token yields no user: reads are refused and writes change nothing", async () => {
    const headers = client({ "access-token": user.accessToken });
    expectKnownError(await api("/api/v1/users/me", { headers }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    const patched = await api("/api/v1/users/me", { method: "PATCH", headers, body: { display_name: "back from the dead" } });
    expect(patched.status).toBeGreaterThanOrEqual(400);
    expect(patched.status).toBeLessThan(500);
    const changed = await api("/api/v1/auth/password/update", { headers, body: { old_password: user.password, new_password: "another passphrase" } });
    expectKnownError(changed, "SCHEMA_ERROR", 400);
    const signedOut = await api("/api/v1/auth/sessions/current", { method: "DELETE", headers, body: {} });
    expectKnownError(signedOut, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    expect((await sql("select count(*)::int as n from project_users where id = $1", [user.userId]))[0].n).toBe(0);
  });

  it("a reset link mailed before the deletion opens nothing", async () => {
    const response = await api("/api/v1/auth/password/reset", { headers: client(), body: { code: resetCode, password: "a brand new passphrase" } });
    expectKnownError(response, "VERIFICATION_CODE_NOT_FOUND", 404);
    expect((await sql("select count(*)::int as n from project_users where id = $1", [user.userId]))[0].n).toBe(0);
  });

  it("a sign-in link mailed before the deletion never signs in to the deleted account", async () => {
    // The address is free again, so its owner may sign up anew: a new user with nothing of the old one.
    const response = await api("/api/v1/auth/otp/sign-in", { headers: client(), body: { code: signInCode } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ is_new_user: true });
    expect(response.body.user_id).not.toBe(user.userId);
  });

  it("the CLI hand-over approved before the deletion yields a refresh token that is refused", async () => {
    const polled = await api("/api/v1/auth/cli/poll", { headers: client(), body: { polling_code: cliPollingCode } });
    expect(polled.body).toEqual({ status: "success", refresh_token: second.refresh_token });
    expectKnownError(await refreshWithOAuth(project.projectId, polled.body.refresh_token), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    const cli = await api("/api/v1/auth/cli", { headers: client(), body: {} });
    const approval = await api("/api/v1/auth/cli/complete", { headers: client(), body: { login_code: cli.body.login_code, refresh_token: user.refreshToken } });
    expect(approval.status).toBe(400);
    expect(approval.text).toBe("Invalid refresh token");
  });

  it("a server cannot open a session for the deleted user", async () => {
    for (const isImpersonation of [false, true]) {
      const response = await api("/api/v1/auth/sessions", { headers: projectHeaders(project, "server"), body: { user_id: user.userId, is_impersonation: isImpersonation } });
      expectKnownError(response, "USER_ID_DOES_NOT_EXIST", 400);
    }
  });

  it("the admin access token of a deleted dashboard user is refused with 401", async () => {
    const managed = await createTestProject("Managed by a deleted owner");
    const adminHeaders = { "x-hexclave-project-id": managed.projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": managed.owner.accessToken };
    expect((await api("/api/v1/internal/projects/current", { headers: adminHeaders })).status).toBe(200);
    const deleted = await api(`/api/v1/users/${managed.owner.userId}`, { method: "DELETE", headers: projectHeaders(internalProject(), "server"), body: {} });
    expect(deleted.status).toBe(200);
    const refused = await api("/api/v1/internal/projects/current", { headers: adminHeaders });
    // An admin access token whose user is gone: a plain-text 401 with no known error, as Stack Auth answers it.
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-hexclave-known-error")).toBeNull();
    expectKnownError(await refreshWithOAuth("internal", managed.owner.refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });
});
