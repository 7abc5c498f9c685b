import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";

let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Anonymous users");
  await enableMagicLinks(project);
});

async function anonymousSignUp() {
  const response = await api("/api/v1/auth/anonymous/sign-up", { headers: projectHeaders(project, "client"), body: {} });
  expect(response.status).toBe(200);
  return response.body as { access_token: string; refresh_token: string; user_id: string };
}

const asAnonymous = (accessToken: string, allow = true) =>
  projectHeaders(project, "client", { "access-token": accessToken, ...(allow ? { "allow-anonymous-user": "true" } : {}) });

describe("anonymous users", () => {
  it("get a token of the anonymous audience that needs x-hexclave-allow-anonymous-user", async () => {
    const anonymous = await anonymousSignUp();
    const [, payload] = anonymous.access_token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    expect(claims).toMatchObject({ aud: `${project.projectId}:anon`, is_anonymous: true, is_restricted: true });
    expect((await api("/api/v1/users/me", { headers: asAnonymous(anonymous.access_token) })).body).toMatchObject({ is_anonymous: true, primary_email: null });
    expectKnownError(await api("/api/v1/users/me", { headers: asAnonymous(anonymous.access_token, false) }), "ANONYMOUS_AUTHENTICATION_NOT_ALLOWED", 401);
  });

  it("become a real account in place when they sign up with a password", async () => {
    const anonymous = await anonymousSignUp();
    const email = uniqueEmail("upgrade");
    const signUp = await api("/api/v1/auth/password/sign-up", { headers: asAnonymous(anonymous.access_token), body: { email, password: "correct horse battery" } });
    expect(signUp.body.user_id).toBe(anonymous.user_id);
    const me = await api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": signUp.body.access_token }) });
    expect(me.body).toMatchObject({ id: anonymous.user_id, is_anonymous: false, primary_email: email, has_password: true });
  });

  it("become a real account in place when they sign in with a code for a new address", async () => {
    const anonymous = await anonymousSignUp();
    const email = uniqueEmail("upgrade-otp");
    await api("/api/v1/auth/otp/send-sign-in-code", { headers: projectHeaders(project, "client"), body: { email, callback_url: "http://localhost:3000/handler/magic-link-callback" } });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
    const signIn = await api("/api/v1/auth/otp/sign-in", { headers: asAnonymous(anonymous.access_token), body: { code } });
    expect(signIn.body).toMatchObject({ user_id: anonymous.user_id, is_new_user: true });
  });

  it("cannot take an address that already signs in to an account", async () => {
    const taken = await signUpWithPassword(project);
    const anonymous = await anonymousSignUp();
    const response = await api("/api/v1/auth/password/sign-up", { headers: asAnonymous(anonymous.access_token), body: { email: taken.email, password: "correct horse battery" } });
    expectKnownError(response, "USER_EMAIL_ALREADY_EXISTS", 409);
    expect((await api("/api/v1/users/me", { headers: asAnonymous(anonymous.access_token) })).body.is_anonymous).toBe(true);
  });
});
