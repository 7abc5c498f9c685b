import { describe, expect, it } from "vitest";
import { enableOAuthProviders, enableOwnKeysOpenIdProvider, mockProviderUserinfo, newPkce, oauthSignIn } from "../harness/oauth";
import { type TestProject, api, createTestProject, projectHeaders, signUpWithPassword, uniqueEmail, testEnv } from "../harness/rest";

const accessToken = (project: TestProject, token: string, scope?: string, providerId = "acme") =>
  api(`/api/v1/connected-accounts/me/${providerId}/access-token`, {
    headers: projectHeaders(project, "client", { "access-token": token }),
    body: scope === undefined ? {} : { scope },
  });

describe("connected accounts", () => {
  it("signs in with a generic OpenID provider found by discovery, its ID token checked", async () => {
    const project = await createTestProject();
    await enableOwnKeysOpenIdProvider(project);
    const email = uniqueEmail("oidc");
    const { tokens } = await oauthSignIn(project, { email, name: "Ida Oidc" }, { providerId: "acme" });
    expect(tokens.status).toBe(200);
    const projectJson = await api("/api/v1/projects/current", { headers: projectHeaders(project, "client") });
    expect(projectJson.body.config.enabled_oauth_providers).toContainEqual({ id: "acme" });
  });

  it("hands out a provider access token with an extra scope, and a fresh one after it expires", async () => {
    const project = await createTestProject();
    await enableOwnKeysOpenIdProvider(project);
    const user = await signUpWithPassword(project);
    const linked = await oauthSignIn(project, { email: uniqueEmail("conn") }, { providerId: "acme", type: "link", token: user.accessToken, providerScope: "repo" });
    expect(linked.tokens.status).toBe(200);

    const list = await api("/api/v1/connected-accounts/me", { headers: projectHeaders(project, "client", { "access-token": user.accessToken }) });
    expect(list.body).toEqual({ items: [{ user_id: user.userId, provider: "acme", provider_account_id: expect.stringMatching(/^mock-/) }], is_paginated: false });

    const first = await accessToken(project, user.accessToken, "repo");
    expect(first.status).toBe(201);
    const info = await mockProviderUserinfo(first.body.access_token);
    expect(info.status).toBe(200);
    expect(info.body.sub).toBe(list.body.items[0].provider_account_id);

    // The mock provider's tokens live 5 seconds in the e2e run: the next one is a refreshed token.
    await new Promise((resolve) => setTimeout(resolve, 5500));
    expect((await mockProviderUserinfo(first.body.access_token)).status).toBe(401);
    const refreshed = await accessToken(project, user.accessToken, "repo");
    expect(refreshed.status).toBe(201);
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
    expect((await mockProviderUserinfo(refreshed.body.access_token)).status).toBe(200);

    const missing = await accessToken(project, user.accessToken, "admin:org");
    expect(missing.body.code).toBe("OAUTH_CONNECTION_DOES_NOT_HAVE_REQUIRED_SCOPE");

    // One named account, and the deprecated route older SDKs call.
    const accountId = list.body.items[0].provider_account_id;
    const named = await api(`/api/v1/connected-accounts/me/acme/${accountId}/access-token`, {
      headers: projectHeaders(project, "client", { "access-token": user.accessToken }),
      body: { scope: "repo" },
    });
    expect(named.status).toBe(201);
    expect((await mockProviderUserinfo(named.body.access_token)).status).toBe(200);
    const unknownAccount = await api("/api/v1/connected-accounts/me/acme/mock-nope/access-token", {
      headers: projectHeaders(project, "client", { "access-token": user.accessToken }),
      body: {},
    });
    expect(unknownAccount.body.code).toBe("OAUTH_CONNECTION_NOT_CONNECTED_TO_USER");
    const deprecated = await api("/api/v1/auth/oauth/connected-accounts/acme/access-token", {
      headers: projectHeaders(project, "client", { "access-token": user.accessToken }),
      body: { scope: "repo" },
    });
    expect(deprecated.status).toBe(201);
  });

  it("gives no tokens for shared keys, an unconnected user, or another user", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    await enableOwnKeysOpenIdProvider(project);
    const { tokens } = await oauthSignIn(project, { email: uniqueEmail("shared") });
    expect((await accessToken(project, tokens.body.access_token, undefined, "spotify")).body.code).toBe("OAUTH_ACCESS_TOKEN_NOT_AVAILABLE_WITH_SHARED_OAUTH_KEYS");
    expect((await accessToken(project, tokens.body.access_token)).body.code).toBe("OAUTH_CONNECTION_NOT_CONNECTED_TO_USER");
    expect((await accessToken(project, tokens.body.access_token, undefined, "nope")).body.code).toBe("OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED");
    const other = await signUpWithPassword(project);
    const foreign = await api(`/api/v1/connected-accounts/${other.userId}/acme/access-token`, {
      headers: projectHeaders(project, "client", { "access-token": tokens.body.access_token }),
      body: {},
    });
    expect(foreign.status).toBe(403);
  });

  it("refuses extra provider scopes on the shared keys", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const query = new URLSearchParams({
      client_id: project.projectId,
      client_secret: project.publishableClientKey,
      redirect_uri: "http://localhost:12345/cb",
      scope: "legacy",
      state: "s",
      grant_type: "authorization_code",
      code_challenge: newPkce().challenge,
      code_challenge_method: "S256",
      response_type: "code",
      provider_scope: "user-library-modify",
    });
    const response = await api(`/api/v1/auth/oauth/authorize/spotify?${query}`);
    expect(response.body.code).toBe("OAUTH_EXTRA_SCOPE_NOT_AVAILABLE_WITH_SHARED_OAUTH_KEYS");
  });
});

describe("cross-domain hand-off", () => {
  it("gives another trusted domain a code for the same session", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const { tokens } = await oauthSignIn(project, { email: uniqueEmail("xd") });
    const pkce = newPkce();
    const handoff = await api("/api/v1/auth/oauth/cross-domain/authorize", {
      headers: projectHeaders(project, "client", { "access-token": tokens.body.access_token, "refresh-token": tokens.body.refresh_token }),
      body: { redirect_uri: "http://localhost:4000/handler/oauth-callback", state: "xd-state", code_challenge: pkce.challenge },
    });
    expect(handoff.status).toBe(200);
    const target = new URL(handoff.body.redirect_url);
    expect(target.searchParams.get("state")).toBe("xd-state");
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      client_id: project.projectId,
      client_secret: project.publishableClientKey,
      code: target.searchParams.get("code")!,
      redirect_uri: "http://localhost:4000/handler/oauth-callback",
      code_verifier: pkce.verifier,
    });
    const exchanged = await api("/api/v1/auth/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: form.toString() });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.refresh_token).toBe(tokens.body.refresh_token);
  });

  it("needs the session's own refresh token and a trusted target", async () => {
    const project = await createTestProject();
    const user = await signUpWithPassword(project);
    const other = await signUpWithPassword(project);
    const body = { redirect_uri: "http://localhost:4000/cb", state: "s", code_challenge: newPkce().challenge };
    const headers = (refresh?: string) => projectHeaders(project, "client", { "access-token": user.accessToken, "refresh-token": refresh });
    expect((await api("/api/v1/auth/oauth/cross-domain/authorize", { headers: headers(), body })).status).toBe(400);
    expect((await api("/api/v1/auth/oauth/cross-domain/authorize", { headers: headers(other.refreshToken), body })).status).toBe(401);
    const untrusted = await api("/api/v1/auth/oauth/cross-domain/authorize", { headers: headers(user.refreshToken), body: { ...body, redirect_uri: "https://evil.example/cb" } });
    expect(untrusted.body.code).toBe("REDIRECT_URL_NOT_WHITELISTED");
    const mobile = await api("/api/v1/auth/oauth/cross-domain/authorize", {
      headers: headers(user.refreshToken),
      body: { ...body, redirect_uri: "hexclave-mobile-oauth-url://callback" },
    });
    expect(mobile.status).toBe(200);
  });
});
