import { describe, expect, it } from "vitest";
import { enableOAuthProviders, exchangeCode, oauthSignIn, runOAuthFlow } from "../harness/oauth";
import { type TestProject, api, createTestProject, enableMagicLinks, projectHeaders, signUpWithPassword, sql, uniqueEmail } from "../harness/rest";

const me = (project: TestProject, accessToken: string) => api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": accessToken }) });

async function verifyEmailOf(project: TestProject, userId: string) {
  await sql("update contact_channels set is_verified = true where user_id = $1", [userId]);
  void project;
}

/** The error an OAuth callback hands back to the app, read from the redirect's query. */
function redirectedError(location: URL | null) {
  expect(location).not.toBeNull();
  return { code: location!.searchParams.get("errorCode"), details: JSON.parse(location!.searchParams.get("details") ?? "{}") };
}

describe("merge strategies", () => {
  it("link_method joins a verified provider email to a verified account", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const existing = await signUpWithPassword(project);
    await verifyEmailOf(project, existing.userId);
    const { tokens } = await oauthSignIn(project, { email: existing.email, verified: true });
    expect(tokens.body.is_new_user).toBe(false);
    expect((await me(project, tokens.body.access_token)).body).toMatchObject({ id: existing.userId, has_password: true, oauth_providers: [{ id: "spotify" }] });
  });

  it("link_method refuses when the account has not verified the email, saying verifying it would work", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const existing = await signUpWithPassword(project);
    const flow = await runOAuthFlow(project, { email: existing.email, verified: true });
    expect(flow.response.status).toBe(307);
    expect(redirectedError(flow.location)).toEqual({
      code: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      details: { type: "email", contact_channel_value: existing.email, would_work_if_email_was_verified: true },
    });
    expect(await sql("select 1 from oauth_accounts where user_id = $1", [existing.userId])).toHaveLength(0);
  });

  it("link_method refuses an email the provider does not vouch for", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const existing = await signUpWithPassword(project);
    await verifyEmailOf(project, existing.userId);
    const flow = await runOAuthFlow(project, { email: existing.email, verified: false });
    expect(redirectedError(flow.location)).toMatchObject({ code: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", details: { would_work_if_email_was_verified: false } });
  });

  it("raise_error refuses even when both sides are verified", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project, undefined, { oauth_account_merge_strategy: "raise_error" });
    const existing = await signUpWithPassword(project);
    await verifyEmailOf(project, existing.userId);
    const flow = await runOAuthFlow(project, { email: existing.email });
    expect(redirectedError(flow.location)).toMatchObject({ code: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", details: { would_work_if_email_was_verified: false } });
  });

  it("allow_duplicates makes a second user whose copy of the email signs nobody in", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project, undefined, { oauth_account_merge_strategy: "allow_duplicates" });
    const existing = await signUpWithPassword(project);
    await verifyEmailOf(project, existing.userId);
    const { tokens } = await oauthSignIn(project, { email: existing.email });
    expect(tokens.body.is_new_user).toBe(true);
    const duplicate = await me(project, tokens.body.access_token);
    expect(duplicate.body.id).not.toBe(existing.userId);
    expect(duplicate.body).toMatchObject({ primary_email: existing.email, primary_email_verified: true });
    const channels = await api("/api/v1/contact-channels?user_id=me", { headers: projectHeaders(project, "client", { "access-token": tokens.body.access_token }) });
    expect(channels.body.items).toEqual([expect.objectContaining({ value: existing.email, is_verified: true, used_for_auth: false })]);
  });

  it("a new user's unverified provider email is kept but is not a sign-in address", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const email = uniqueEmail("unverified");
    const { tokens } = await oauthSignIn(project, { email, verified: false });
    const channels = await api("/api/v1/contact-channels?user_id=me", { headers: projectHeaders(project, "client", { "access-token": tokens.body.access_token }) });
    expect(channels.body.items).toEqual([expect.objectContaining({ value: email, is_verified: false, used_for_auth: false })]);
    // So the address is still free for someone who proves it, e.g. by password sign-up.
    expect((await signUpWithPassword(project, email)).userId).not.toBe((await me(project, tokens.body.access_token)).body.id);
  });

  it("refuses new users when sign-up is off, and still signs existing ones in", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const email = uniqueEmail("known");
    await oauthSignIn(project, { email });
    await enableOAuthProviders(project, undefined, { sign_up_enabled: false });
    expect((await oauthSignIn(project, { email })).tokens.status).toBe(200);
    const refused = await runOAuthFlow(project, { email: uniqueEmail("new") });
    expect(redirectedError(refused.location).code).toBe("SIGN_UP_NOT_ENABLED");
  });
});

describe("linking and upgrading", () => {
  it("links a second provider to the signed-in user, and refuses an account linked to someone else", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project, [
      { id: "spotify", type: "shared" },
      { id: "github", type: "shared" },
    ]);
    const user = await signUpWithPassword(project);
    const linked = await oauthSignIn(project, { email: uniqueEmail("gh") }, { providerId: "github", type: "link", token: user.accessToken });
    expect(linked.tokens.body).toMatchObject({ is_new_user: false });
    expect((await me(project, linked.tokens.body.access_token)).body).toMatchObject({ id: user.userId, oauth_providers: [{ id: "github" }] });

    const other = await signUpWithPassword(project);
    const spotifyEmail = uniqueEmail("sp");
    await oauthSignIn(project, { email: spotifyEmail }, { providerId: "spotify", type: "link", token: other.accessToken });
    const stolen = await runOAuthFlow(project, { email: spotifyEmail }, { providerId: "spotify", type: "link", token: user.accessToken });
    expect(redirectedError(stolen.location).code).toBe("OAUTH_CONNECTION_ALREADY_CONNECTED_TO_ANOTHER_USER");
  });

  it("needs the user's token to link", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const response = await api(`/api/v1/auth/oauth/authorize/spotify?${new URLSearchParams({
      client_id: project.projectId,
      client_secret: project.publishableClientKey,
      redirect_uri: "http://localhost:12345/cb",
      scope: "legacy",
      state: "s",
      grant_type: "authorization_code",
      code_challenge: "a".repeat(43),
      code_challenge_method: "S256",
      response_type: "code",
      type: "link",
    })}`);
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/token/);
  });

  it("upgrades an anonymous user in place when its token comes with the sign-in", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const anonymous = await api("/api/v1/auth/anonymous/sign-up", { headers: projectHeaders(project, "client"), body: {} });
    const email = uniqueEmail("upgraded");
    const { tokens } = await oauthSignIn(project, { email, name: "Ann Upgraded" }, { token: anonymous.body.access_token });
    expect(tokens.body.is_new_user).toBe(true);
    const upgraded = await me(project, tokens.body.access_token);
    expect(upgraded.body).toMatchObject({ id: anonymous.body.user_id, is_anonymous: false, primary_email: email, display_name: "Ann Upgraded" });
  });

  it("hands a TOTP user to the second factor at the code exchange", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const email = uniqueEmail("totp");
    const first = await oauthSignIn(project, { email });
    const secret = Buffer.alloc(20, 7).toString("base64");
    const enrolled = await api("/api/v1/users/me", {
      method: "PATCH",
      headers: projectHeaders(project, "client", { "access-token": first.tokens.body.access_token }),
      body: { totp_secret_base64: secret },
    });
    expect(enrolled.status).toBe(200);
    const flow = await runOAuthFlow(project, { email });
    const exchanged = await exchangeCode(project, flow.location!.searchParams.get("code")!, flow.pkce.verifier);
    expect(exchanged.status).toBe(400);
    expect(exchanged.body).toMatchObject({ code: "MULTI_FACTOR_AUTHENTICATION_REQUIRED", details: { attempt_code: expect.any(String) } });
  });
});

describe("/oauth-providers", () => {
  it("lists, changes and removes a user's links, each client only its own", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    await enableMagicLinks(project);
    const email = uniqueEmail("links");
    const { tokens } = await oauthSignIn(project, { email });
    const client = projectHeaders(project, "client", { "access-token": tokens.body.access_token });
    const userId = (await me(project, tokens.body.access_token)).body.id;
    const list = await api("/api/v1/oauth-providers?user_id=me", { headers: client });
    expect(list.body).toEqual({
      items: [{ user_id: userId, id: expect.any(String), email, provider_config_id: "spotify", type: "spotify", allow_sign_in: true, allow_connected_accounts: true }],
      is_paginated: false,
    });
    const linkId = list.body.items[0].id;
    const server = await api(`/api/v1/oauth-providers/${userId}/${linkId}`, { headers: projectHeaders(project, "server") });
    expect(server.body.account_id).toMatch(/^mock-/);

    const other = await signUpWithPassword(project);
    const foreign = await api(`/api/v1/oauth-providers/${userId}/${linkId}`, { headers: projectHeaders(project, "client", { "access-token": other.accessToken }) });
    expect(foreign.status).toBe(403);

    const patched = await api(`/api/v1/oauth-providers/me/${linkId}`, { method: "PATCH", headers: client, body: { allow_connected_accounts: false } });
    expect(patched.body).toMatchObject({ allow_sign_in: true, allow_connected_accounts: false });
    expect((await api("/api/v1/connected-accounts/me", { headers: client })).body).toEqual({ items: [], is_paginated: false });

    const removed = await api(`/api/v1/oauth-providers/me/${linkId}`, { method: "DELETE", headers: client });
    expect(removed.body).toEqual({ success: true });
    const gone = await api(`/api/v1/oauth-providers/me/${linkId}`, { headers: client });
    expect(gone.status).toBe(404);
    // Unlinked, the provider account signs up anew.
    expect((await oauthSignIn(project, { email: uniqueEmail("again") })).tokens.body.is_new_user).toBe(true);
  });

  it("lets a server link an account by id, once per provider account for sign-in", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const [a, b] = [await signUpWithPassword(project), await signUpWithPassword(project)];
    const body = { provider_config_id: "spotify", account_id: "acct-1", email: "x@example.com", allow_sign_in: true, allow_connected_accounts: true };
    const created = await api("/api/v1/oauth-providers", { headers: projectHeaders(project, "server"), body: { ...body, user_id: a.userId } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user_id: a.userId, account_id: "acct-1", provider_config_id: "spotify", type: "spotify" });
    const taken = await api("/api/v1/oauth-providers", { headers: projectHeaders(project, "server"), body: { ...body, user_id: b.userId } });
    expect(taken.body.code).toBe("OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN");
    const unknown = await api("/api/v1/oauth-providers", { headers: projectHeaders(project, "server"), body: { ...body, provider_config_id: "nope", user_id: b.userId } });
    expect(unknown.status).toBe(404);
  });
});

describe("POST /users with oauth_providers", () => {
  it("creates a user with a linked account that then signs in through the provider", async () => {
    const project = await createTestProject();
    await enableOAuthProviders(project);
    const email = uniqueEmail("imported");
    // The mock provider's account id for an email, as its sign-in page derives it.
    const accountId = `mock-${(await import("node:crypto")).createHash("sha256").update(email).digest("hex").slice(0, 32)}`;
    const created = await api("/api/v1/users", { headers: projectHeaders(project, "server"), body: { oauth_providers: [{ id: "spotify", account_id: accountId, email }] } });
    expect(created.status).toBe(201);
    expect(created.body.oauth_providers).toEqual([{ id: "spotify", account_id: accountId, email }]);
    const { tokens } = await oauthSignIn(project, { email });
    expect(tokens.body.is_new_user).toBe(false);
    expect((await me(project, tokens.body.access_token)).body.id).toBe(created.body.id);

    const unknown = await api("/api/v1/users", { headers: projectHeaders(project, "server"), body: { oauth_providers: [{ id: "nope", account_id: "x" }] } });
    expect(unknown.status).toBe(400);
    const taken = await api("/api/v1/users", { headers: projectHeaders(project, "server"), body: { oauth_providers: [{ id: "spotify", account_id: accountId }] } });
    expect(taken.body.code).toBe("OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN");
  });
});
