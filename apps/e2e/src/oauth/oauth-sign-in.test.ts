import { describe, expect, it } from "vitest";
import { APP_CALLBACK, CookieJar, authorize, enableOAuthProviders, exchangeCode, newPkce, oauthSignIn, runOAuthFlow, signInAtProvider } from "../harness/oauth";
import { api, createTestProject, projectHeaders, uniqueEmail } from "../harness/rest";

describe("OAuth sign-in through the mock provider", () => {
  it("signs up a new user with the provider's profile, then signs the same user in again", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const email = uniqueEmail("oauth");
    const first = await oauthSignIn(project, { email, name: "Olga Auth" });
    expect(first.location!.origin + first.location!.pathname).toBe(APP_CALLBACK);
    expect(first.location!.searchParams.get("state")).toBe("app-state-1");
    expect(first.tokens.status).toBe(200);
    expect(first.tokens.body).toMatchObject({ token_type: "Bearer", scope: "legacy", is_new_user: true, newUser: true, after_callback_redirect_url: null });
    const me = await api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": first.tokens.body.access_token }) });
    expect(me.body).toMatchObject({ primary_email: email, primary_email_verified: true, display_name: "Olga Auth", has_password: false });
    expect(me.body.oauth_providers).toEqual([{ id: "spotify", account_id: expect.any(String), email }]);
    expect(me.body.profile_image_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/avatars\//);

    const second = await oauthSignIn(project, { email, name: "Olga Auth" });
    expect(second.tokens.body.is_new_user).toBe(false);
    const again = await api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": second.tokens.body.access_token }) });
    expect(again.body.id).toBe(me.body.id);
  });

  it("uses an authorization code once, and only with its verifier and redirect URI", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const flow = await runOAuthFlow(project, { email: uniqueEmail("oauth") });
    const code = flow.location!.searchParams.get("code")!;
    expect((await exchangeCode(project, code, "x".repeat(43))).body.code).toBe("INVALID_AUTHORIZATION_CODE");
    // A wrong verifier used the code up.
    expect((await exchangeCode(project, code, flow.pkce.verifier)).body.code).toBe("INVALID_AUTHORIZATION_CODE");
  });

  it("takes the provider's answer posted as a form, as Apple sends it", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const pkce = newPkce();
    const jar = new CookieJar();
    const { response } = await authorize(project, { pkce }, jar);
    const callbackUrl = new URL(await signInAtProvider(response.headers.get("location")!, { email: uniqueEmail("form-post") }, jar));
    const form = new URLSearchParams(callbackUrl.searchParams);
    callbackUrl.search = "";
    const posted = await jar.fetch(callbackUrl.href, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(posted.status).toBe(303);
    const code = new URL(posted.headers.get("location")!).searchParams.get("code")!;
    expect((await exchangeCode(project, code, pkce.verifier)).status).toBe(200);
  });
});
