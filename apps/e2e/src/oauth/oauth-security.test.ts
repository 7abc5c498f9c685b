import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  APP_CALLBACK,
  type AuthorizeOptions,
  type CallbackResult,
  authorize,
  authorizeQuery,
  authorizeWithQuery,
  callbackUrlFor,
  enableOAuthProviders,
  exchangeCode,
  followCallback,
  oauthSignIn,
  overrideEnvironmentConfig,
  providerStateOf,
  readApiResponse,
  runOAuthFlow,
  signInAtProvider,
  tenancyRowCount,
  enableOwnKeysOpenIdProvider,
} from "../harness/oauth";
import {
  type ApiResponse,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  sql,
  testEnv,
  uniqueEmail,
} from "../harness/rest";

// What an attacker can do with the OAuth round trip: send the result elsewhere, replay or swap its states and codes,
// downgrade PKCE, or collect someone's OAuth sign-in through an address they signed up with first.

let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("OAuth security");
  await enableOAuthProviders(project, [
    { id: "spotify", type: "shared" },
    { id: "github", type: "shared" },
  ]);
});

const asResponse = (result: CallbackResult): ApiResponse => ({ status: result.response.status, headers: result.response.headers, body: result.body, text: JSON.stringify(result.body) });

/** Starts a redirect-mode sign-in and signs in at the mock provider, stopping before the callback. */
async function untilCallback(target: TestProject, options: AuthorizeOptions = {}) {
  const { response, jar } = await authorize(target, options);
  expect(response.status).toBe(307);
  const providerUrl = response.headers.get("location")!;
  const callbackUrl = await signInAtProvider(providerUrl, { email: uniqueEmail("oauth") }, jar);
  return { jar, callbackUrl, state: providerStateOf(providerUrl), authorizeResponse: response };
}

const usersAndSessions = async (target: TestProject) => ({ users: await tenancyRowCount(target, "project_users"), sessions: await tenancyRowCount(target, "sessions") });

function tokenRequest(fields: Record<string, string>) {
  return api("/api/v1/auth/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: new URLSearchParams(fields).toString() });
}

describe("redirect URIs outside the project's trusted domains", () => {
  let strict: TestProject;

  beforeAll(async () => {
    strict = await createTestProject("OAuth trusted domains");
    await enableOAuthProviders(strict);
    await overrideEnvironmentConfig(strict, {
      "domains.allowLocalhost": false,
      "domains.trustedDomains.main": { baseUrl: "https://app.example.com", handlerPath: "/handler" },
    });
  });

  it("sends the code to the trusted domain itself", async () => {
    const flow = await runOAuthFlow(strict, { email: uniqueEmail("oauth") }, { redirectUri: "https://app.example.com/handler/oauth-callback" });
    expect(flow.response.status).toBe(303);
    expect(flow.location!.origin + flow.location!.pathname).toBe("https://app.example.com/handler/oauth-callback");
    expect(flow.location!.searchParams.get("code")).toMatch(/^[a-z2-7]{45}$/);
  });

  it.each([
    ["another host", "https://evil.com/cb"],
    ["the trusted host as a subdomain of another", "https://app.example.com.evil.com/cb"],
    ["the trusted host as user info", "https://app.example.com@evil.com/cb"],
    ["the trusted host in the fragment", "https://evil.com#@app.example.com"],
    ["a backslash before user info", "https://app.example.com\\@evil.com/cb"],
    ["a percent-encoded slash before user info", "https://app.example.com%2F@evil.com/cb"],
    ["a percent-encoded at sign", "https://app.example.com%40evil.com/cb"],
    ["a percent-encoded dot", "https://app.example.com%2eevil.com/cb"],
    ["a percent-encoded scheme", "https%3A%2F%2Fapp.example.com/cb"],
    ["plain http on the trusted host", "http://app.example.com/cb"],
    ["another port on the trusted host", "https://app.example.com:8443/cb"],
    ["a javascript: URL", "javascript:alert(document.domain)//app.example.com"],
    ["a scheme-relative URL", "//evil.com/cb"],
  ])("refuses %s (%s) with no Location and no authorization code", async (_label, redirectUri) => {
    const codesBefore = await tenancyRowCount(strict, "verification_codes", "oauth_authorization_code");
    const { jar, callbackUrl } = await untilCallback(strict, { redirectUri });
    const callback = await followCallback(callbackUrl, jar);
    expectKnownError(asResponse(callback), "REDIRECT_URL_NOT_WHITELISTED", 400);
    expect(callback.response.headers.get("location")).toBeNull();
    expect(await tenancyRowCount(strict, "verification_codes", "oauth_authorization_code")).toBe(codesBefore);
  });

  it("lets a wildcard domain stand for one subdomain label, not two", async () => {
    const wildcard = await createTestProject("OAuth wildcard domain");
    await enableOAuthProviders(wildcard);
    await overrideEnvironmentConfig(wildcard, {
      "domains.allowLocalhost": false,
      "domains.trustedDomains.main": { baseUrl: "https://*.example.com", handlerPath: "/handler" },
    });
    const accepted = await runOAuthFlow(wildcard, { email: uniqueEmail("oauth") }, { redirectUri: "https://a.example.com/cb" });
    expect(accepted.response.status).toBe(303);
    expect(accepted.location!.href).toMatch(/^https:\/\/a\.example\.com\/cb\?code=/);
    const tokens = await exchangeCode(wildcard, accepted.location!.searchParams.get("code")!, accepted.pkce.verifier, "https://a.example.com/cb");
    expect(tokens.status).toBe(200);

    const refused = await runOAuthFlow(wildcard, { email: uniqueEmail("oauth") }, { redirectUri: "https://a.b.example.com/cb" });
    expectKnownError(asResponse(refused), "REDIRECT_URL_NOT_WHITELISTED", 400);
    expect(refused.location).toBeNull();
  });

  it("refuses an untrusted after_callback_redirect_url at authorize, before any flow starts", async () => {
    const flowsBefore = await tenancyRowCount(strict, "verification_codes", "oauth_flow");
    const { response } = await authorize(strict, { redirectUri: "https://app.example.com/cb", afterCallbackRedirectUrl: "https://evil.com/after" });
    expectKnownError(await readApiResponse(response), "REDIRECT_URL_NOT_WHITELISTED", 400);
    expect(response.headers.get("location")).toBeNull();
    expect(await tenancyRowCount(strict, "verification_codes", "oauth_flow")).toBe(flowsBefore);
  });
});

describe("the state that ties the provider's answer to its flow", () => {
  async function refusedWithoutSignIn(callbackUrl: string, init: RequestInit = {}) {
    const before = await usersAndSessions(project);
    const response = await fetch(callbackUrl, { ...init, redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.headers.get("location")).toBeNull();
    expect(await usersAndSessions(project)).toEqual(before);
    return response;
  }

  it("refuses a callback without a state", async () => {
    await refusedWithoutSignIn(callbackUrlFor("spotify", { code: "provider-code" }));
  });

  it("refuses a callback with a garbled state", async () => {
    await refusedWithoutSignIn(callbackUrlFor("spotify", { state: "not-a-state", code: "provider-code" }));
  });

  it("refuses a well-formed state that no flow of the project issued", async () => {
    const forged = `${Buffer.from(`${project.projectId}#main`).toString("base64url")}.${"a".repeat(45)}`;
    await refusedWithoutSignIn(callbackUrlFor("spotify", { state: forged, code: "provider-code" }), { headers: { cookie: `stack-oauth-inner-${forged}=true` } });
  });

  it("refuses a replayed callback, even with the flow's cookie", async () => {
    const { jar, callbackUrl, state } = await untilCallback(project);
    const first = await followCallback(callbackUrl, jar);
    expect(first.response.status).toBe(303);
    await refusedWithoutSignIn(callbackUrl, { headers: { cookie: `stack-oauth-inner-${state}=true` } });
  });

  it("refuses a flow started with one provider at another provider's callback", async () => {
    const { jar, callbackUrl } = await untilCallback(project, { providerId: "spotify" });
    const swapped = callbackUrl.replace("/callback/spotify?", "/callback/github?");
    expect(swapped).not.toBe(callbackUrl);
    await refusedWithoutSignIn(swapped, { headers: { cookie: jar.header(swapped) } });
  });

  it("refuses a redirect-mode callback from a browser that did not start the flow", async () => {
    const { callbackUrl } = await untilCallback(project);
    await refusedWithoutSignIn(callbackUrl);
  });

  it("answers OUTER_OAUTH_TIMEOUT for a flow older than 10 minutes", async () => {
    const { jar, callbackUrl, state } = await untilCallback(project);
    // The flow's row is found by the hash of the one-time code at the end of the state.
    const aged = await sql(
      "update verification_codes set expires_at = now() - interval '1 second' where type = 'oauth_flow' and code_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex') returning id",
      [state.split(".")[1]],
    );
    expect(aged).toHaveLength(1);
    const before = await usersAndSessions(project);
    expectKnownError(asResponse(await followCallback(callbackUrl, jar)), "OUTER_OAUTH_TIMEOUT", 408);
    expect(await usersAndSessions(project)).toEqual(before);
  });
});

describe("PKCE and the authorization code", () => {
  const codeOf = (result: CallbackResult) => result.location!.searchParams.get("code")!;

  it("refuses code_challenge_method=plain at authorize", async () => {
    const { response } = await authorize(project, { extra: { code_challenge_method: "plain" } });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("refuses a missing or empty code_challenge at authorize", async () => {
    const query = authorizeQuery(project);
    query.delete("code_challenge");
    expect((await authorizeWithQuery("spotify", query.toString())).status).toBe(400);
    expect((await authorize(project, { extra: { code_challenge: "" } })).response.status).toBe(400);
  });

  it("refuses a code_challenge shorter than an S256 challenge at authorize", async () => {
    const { response } = await authorize(project, { extra: { code_challenge: "abc" } });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("spends the code on a wrong verifier, so the right one no longer works", async () => {
    const flow = await runOAuthFlow(project, { email: uniqueEmail("oauth") });
    expectKnownError(await exchangeCode(project, codeOf(flow), "w".repeat(43)), "INVALID_AUTHORIZATION_CODE", 400);
    expectKnownError(await exchangeCode(project, codeOf(flow), flow.pkce.verifier), "INVALID_AUTHORIZATION_CODE", 400);
  });

  it("refuses an exchange without a verifier", async () => {
    const flow = await runOAuthFlow(project, { email: uniqueEmail("oauth") });
    const response = await tokenRequest({
      grant_type: "authorization_code",
      client_id: project.projectId,
      client_secret: project.publishableClientKey,
      code: codeOf(flow),
      redirect_uri: APP_CALLBACK,
    });
    expectKnownError(response, "INVALID_AUTHORIZATION_CODE", 400);
  });

  it("revokes the session a code opened when the code is presented again", async () => {
    const signIn = await oauthSignIn(project, { email: uniqueEmail("oauth") });
    expect(signIn.tokens.status).toBe(200);
    expect((await refreshWithOAuth(project.projectId, signIn.tokens.body.refresh_token)).status).toBe(200);
    expectKnownError(await exchangeCode(project, codeOf(signIn), signIn.pkce.verifier), "INVALID_AUTHORIZATION_CODE", 400);
    expectKnownError(await refreshWithOAuth(project.projectId, signIn.tokens.body.refresh_token), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("does not exchange one project's code for another project, nor burn it there", async () => {
    const other = await createTestProject("OAuth other project");
    const flow = await runOAuthFlow(project, { email: uniqueEmail("oauth") });
    expectKnownError(await exchangeCode(other, codeOf(flow), flow.pkce.verifier), "INVALID_AUTHORIZATION_CODE", 400);
    expect((await exchangeCode(project, codeOf(flow), flow.pkce.verifier)).status).toBe(200);
  });

  it("refuses a code with another redirect_uri than its authorization request", async () => {
    const flow = await runOAuthFlow(project, { email: uniqueEmail("oauth") });
    const response = await exchangeCode(project, codeOf(flow), flow.pkce.verifier, "http://localhost:12345/elsewhere");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  });

  it("supports only the code flow: response_type=token is refused at authorize", async () => {
    const { response } = await authorize(project, { extra: { response_type: "token" } });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("answers unsupported_grant_type for grant_type=password", async () => {
    const response = await tokenRequest({
      grant_type: "password",
      client_id: project.projectId,
      client_secret: project.publishableClientKey,
      username: "someone@example.com",
      password: "correct horse battery",
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: "unsupported_grant_type" });
  });
});

describe("accounts that share an email address", () => {
  const errorOf = (result: CallbackResult) => {
    expect(result.response.status).toBe(307);
    expect(result.location!.origin + result.location!.pathname).toBe(APP_CALLBACK);
    expect(result.location!.searchParams.get("code")).toBeNull();
    return { code: result.location!.searchParams.get("errorCode"), details: JSON.parse(result.location!.searchParams.get("details") ?? "null") };
  };
  const linksOf = async (userId: string) => (await sql("select id from oauth_accounts where user_id = $1", [userId])).length;

  it("does not hand a victim's OAuth sign-in to whoever signed up first with their unverified address", async () => {
    const victim = uniqueEmail("victim");
    const attacker = await signUpWithPassword(project, victim);
    const usersBefore = await tenancyRowCount(project, "project_users");
    const flow = await runOAuthFlow(project, { email: victim, verified: true });
    expect(errorOf(flow)).toEqual({
      code: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      details: { type: "email", contact_channel_value: victim, would_work_if_email_was_verified: true },
    });
    expect(await linksOf(attacker.userId)).toBe(0);
    expect(await tenancyRowCount(project, "project_users")).toBe(usersBefore);
  });

  it("does not link an address the provider has not verified to the verified account that has it", async () => {
    const email = uniqueEmail("owner");
    const owner = await signUpWithPassword(project, email);
    const verified = await api(`/api/v1/users/${owner.userId}`, { method: "PATCH", headers: projectHeaders(project, "server"), body: { primary_email_verified: true } });
    expect(verified.status).toBe(200);
    const usersBefore = await tenancyRowCount(project, "project_users");
    const flow = await runOAuthFlow(project, { email, verified: false });
    expect(errorOf(flow)).toEqual({
      code: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      details: { type: "email", contact_channel_value: email, would_work_if_email_was_verified: false },
    });
    expect(await linksOf(owner.userId)).toBe(0);
    expect(await tenancyRowCount(project, "project_users")).toBe(usersBefore);
  });
});

describe("error redirects", () => {
  async function deniedAtProvider(errorRedirectUri: string) {
    const { response, jar } = await authorize(project, { errorRedirectUri });
    const state = providerStateOf(response.headers.get("location")!);
    const callbackUrl = callbackUrlFor("spotify", { state, error: "access_denied" });
    const result = await followCallback(callbackUrl, jar);
    expect(result.response.status).toBe(307);
    expect(result.location!.searchParams.get("errorCode")).toBe("OAUTH_PROVIDER_ACCESS_DENIED");
    return result.location!;
  }

  it("sends an error to a trusted error_redirect_uri", async () => {
    const location = await deniedAtProvider("http://localhost:12345/oauth-error");
    expect(location.origin + location.pathname).toBe("http://localhost:12345/oauth-error");
  });

  it("ignores an untrusted error_redirect_uri and sends the error to the trusted redirect_uri", async () => {
    const location = await deniedAtProvider("https://evil.com/oauth-error");
    expect(location.origin + location.pathname).toBe(APP_CALLBACK);
  });
});

describe("what the backend logs", () => {
  it("never logs our tokens, the authorization code, the provider's code or the provider's access token", async () => {
    // A provider on the project's own keys (the mock server as a generic OpenID provider), so its tokens are kept
    // and one can be read back through connected accounts.
    const own = await createTestProject("OAuth logs");
    await enableOwnKeysOpenIdProvider(own, "mockoidc");
    const signIn = await oauthSignIn(own, { email: uniqueEmail("oauth") }, { providerId: "mockoidc" });
    expect(signIn.tokens.status).toBe(200);
    const me = await api("/api/v1/users/me", { headers: projectHeaders(own, "client", { "access-token": signIn.tokens.body.access_token }) });
    const providerToken = await api(`/api/v1/connected-accounts/${me.body.id}/mockoidc/access-token`, { headers: projectHeaders(own, "server"), body: {} });
    expect(providerToken.status).toBe(201);
    // A refresh is logged as a security event: its record shows the log has caught up with every request before it.
    const marker = await refreshWithOAuth(own.projectId, signIn.tokens.body.refresh_token);
    expect(marker.status).toBe(200);
    const requestId = marker.headers.get("x-hexclave-request-id")!;
    const deadline = Date.now() + 5000;
    let log = readFileSync(testEnv().backendLogFile, "utf8");
    while (!log.includes(requestId) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      log = readFileSync(testEnv().backendLogFile, "utf8");
    }
    expect(log).toContain(requestId);
    const secrets = {
      access_token: signIn.tokens.body.access_token,
      refresh_token: signIn.tokens.body.refresh_token,
      authorization_code: signIn.location!.searchParams.get("code")!,
      provider_code: new URL(signIn.callbackUrl).searchParams.get("code")!,
      provider_access_token: providerToken.body.access_token,
    };
    for (const [name, secret] of Object.entries(secrets)) {
      // A missing value would make the check below pass for nothing.
      expect(secret?.length ?? 0, name).toBeGreaterThan(10);
      expect(log.includes(secret), `${name} is in the backend log`).toBe(false);
    }
  });
});

describe("the inner cookies of published SDKs", () => {
  const cookieNamed = (response: Response, name: string) => response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));

  it("sets stack- and hexclave-oauth-inner-<state> at authorize, and clears both at the callback", async () => {
    const { jar, callbackUrl, state, authorizeResponse } = await untilCallback(project);
    for (const prefix of ["stack-oauth-inner-", "hexclave-oauth-inner-"]) {
      const cookie = cookieNamed(authorizeResponse, `${prefix}${state}`);
      expect(cookie, prefix).toBeDefined();
      expect(cookie).toMatch(/;\s*HttpOnly(;|$)/i);
      expect(cookie).toMatch(/;\s*Path=\/(;|$)/);
      expect(cookie).toMatch(/;\s*Max-Age=600(;|$)/);
    }
    const callback = await followCallback(callbackUrl, jar);
    expect(callback.response.status).toBe(303);
    for (const prefix of ["stack-oauth-inner-", "hexclave-oauth-inner-"]) {
      const cleared = cookieNamed(callback.response, `${prefix}${state}`);
      expect(cleared, prefix).toMatch(/^[^=]+=;/);
      expect(cleared).toMatch(/;\s*Max-Age=0(;|$)/);
      expect(cleared).toMatch(/;\s*Path=\/(;|$)/);
    }
  });
});
