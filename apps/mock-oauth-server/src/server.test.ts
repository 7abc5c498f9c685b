import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CLIENT_SECRET } from "./clients";
import { type MockOAuthServer, startMockOAuthServer } from "./server";

const CALLBACK = "http://localhost:8102/api/v1/auth/oauth/callback/github";
let server: MockOAuthServer;

beforeAll(async () => {
  server = await startMockOAuthServer({ clients: [{ client_id: "registered", client_secret: "s3cret", redirect_uris: ["https://app.example.com/cb"] }] });
});
afterAll(() => server.stop());

/** A browser's cookie jar, reduced to what this flow needs: every cookie goes to every request. */
class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly base = server.url) {}

  async get(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(url, this.base), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      this.cookies.set(name, value);
    }
    return response;
  }
}

async function configFor(clientId = "github", secret = DEFAULT_CLIENT_SECRET, auth?: client.ClientAuth) {
  return client.discovery(new URL(server.issuer), clientId, secret, auth, { execute: [client.allowInsecureRequests] });
}

type SignIn = { email?: string; name?: string; verified?: boolean; scope?: string; extra?: Record<string, string>; browser?: Browser; redirectUri?: string };

/** Drives the authorization endpoint and the sign-in form as a browser would; resolves with the callback URL. */
async function signIn(config: client.Configuration, options: SignIn = {}) {
  const browser = options.browser ?? new Browser(config.serverMetadata().issuer);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri ?? CALLBACK,
    scope: options.scope ?? "openid email profile",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    ...options.extra,
  });
  const toInteraction = await browser.get(authorizationUrl);
  expect(toInteraction.status).toBe(303);
  const interactionUrl = toInteraction.headers.get("location")!;
  const page = await browser.get(interactionUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  for (const label of ["Email", "Display name", "Email verified", "Sign in"]) expect(html).toContain(label);

  const form = new URLSearchParams({ email: options.email ?? "ann@example.com", name: options.name ?? "Ann Example" });
  if (options.verified !== false) form.set("email_verified", "true");
  const afterLogin = await browser.get(interactionUrl, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(afterLogin.status).toBe(303);
  const resumed = await browser.get(afterLogin.headers.get("location")!);
  expect(resumed.status).toBe(303);
  return { callbackUrl: new URL(resumed.headers.get("location")!), verifier, state, html };
}

describe("mock OAuth server", () => {
  it("runs the authorization code flow with PKCE, userinfo and refresh", async () => {
    const config = await configFor();
    const { callbackUrl, verifier, state } = await signIn(config);
    expect(callbackUrl.origin + callbackUrl.pathname).toBe(CALLBACK);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.expires_in).toBe(3600);
    // GitHub-style: a refresh token without offline_access.
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const sub = tokens.claims()!.sub;
    expect(tokens.claims()).toMatchObject({ email: "ann@example.com", email_verified: true, name: "Ann Example" });

    const profile = await client.fetchUserInfo(config, tokens.access_token, sub);
    expect(profile).toMatchObject({ sub, email: "ann@example.com", email_verified: true, name: "Ann Example" });
    const avatar = await fetch(profile.picture!);
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await client.fetchUserInfo(config, refreshed.access_token, sub)).email).toBe("ann@example.com");
  });

  it("derives a stable sub from the email and lets the same browser sign in as someone else", async () => {
    const config = await configFor("google", DEFAULT_CLIENT_SECRET, client.ClientSecretBasic());
    const browser = new Browser();
    const subOf = async (email: string) => {
      const { callbackUrl, verifier, state } = await signIn(config, { email, browser });
      return (await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state })).claims()!.sub;
    };
    const first = await subOf("Bob@Example.com");
    expect(await subOf("carol@example.com")).not.toBe(first);
    expect(await subOf("bob@example.com")).toBe(first);
  });

  it("reports an unverified email when the box is unchecked", async () => {
    const config = await configFor();
    const { callbackUrl, verifier, state } = await signIn(config, { email: "unverified@example.com", verified: false });
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    expect((await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub)).email_verified).toBe(false);
  });

  it("refuses a wrong PKCE verifier", async () => {
    const config = await configFor();
    const { callbackUrl, state } = await signIn(config);
    const wrong = client.randomPKCECodeVerifier();
    await expect(client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: wrong, expectedState: state })).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("refuses an authorization request without PKCE", async () => {
    const config = await configFor();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid" });
    const response = await new Browser().get(url);
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
  });

  it("refuses a redirect URI outside this machine unless registered", async () => {
    const config = await configFor();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: "https://evil.example.com/cb", scope: "openid", code_challenge: "x".repeat(43), code_challenge_method: "S256" });
    const response = await new Browser().get(url);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("redirect_uri");

    const registered = await configFor("registered", "s3cret");
    const { callbackUrl } = await signIn(registered, { redirectUri: "https://app.example.com/cb" });
    expect(callbackUrl.origin).toBe("https://app.example.com");
  });

  it("grants extra provider scopes and lists them in the token response", async () => {
    const config = await configFor();
    const scope = "openid email repo https://www.googleapis.com/auth/drive.readonly";
    const { callbackUrl, verifier, state } = await signIn(config, { scope });
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.scope?.split(" ").sort()).toEqual(scope.split(" ").sort());
    expect((await client.refreshTokenGrant(config, tokens.refresh_token!)).scope?.split(" ")).toContain("repo");
  });

  it("honours offline_access with prompt=consent and revokes refresh tokens", async () => {
    const config = await configFor("generic");
    const { callbackUrl, verifier, state } = await signIn(config, { scope: "openid offline_access", extra: { prompt: "consent" } });
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.scope?.split(" ")).toContain("offline_access");
    await client.tokenRevocation(config, tokens.refresh_token!);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("asks again for a missing email instead of signing in", async () => {
    const config = await configFor();
    const browser = new Browser();
    const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: "openid", code_challenge: "x".repeat(43), code_challenge_method: "S256" });
    const interactionUrl = (await browser.get(url)).headers.get("location")!;
    const body = new URLSearchParams({ email: "  ", name: "<b>Ann</b>" });
    const response = await browser.get(interactionUrl, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter an email address.");
    expect(html).toContain('value="&#60;b&#62;Ann&#60;/b&#62;"');
    expect(html).not.toContain(" checked");
  });

  it("escapes what it echoes on the sign-in page", async () => {
    const config = await configFor();
    const { html } = await signIn(config, { extra: { login_hint: '"><script>alert(1)</script>' } });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#34;&#62;&#60;script&#62;");
  });
});

describe("mock OAuth server with a short access token lifetime", () => {
  it("lets access tokens expire", async () => {
    const shortLived = await startMockOAuthServer({ accessTokenTtlSeconds: 1 });
    try {
      const config = await client.discovery(new URL(shortLived.issuer), "github", DEFAULT_CLIENT_SECRET, undefined, { execute: [client.allowInsecureRequests] });
      const { callbackUrl, verifier, state } = await signIn(config);
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
      expect(tokens.expires_in).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await expect(client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub)).rejects.toThrow();
      expect((await client.refreshTokenGrant(config, tokens.refresh_token!)).access_token).toEqual(expect.any(String));
    } finally {
      await shortLived.stop();
    }
  });

  it("also takes the two-step login then consent that Stack Auth's test helpers post", async () => {
    const config = await configFor("spotify");
    const browser = new Browser(config.serverMetadata().issuer);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK.replace("github", "spotify"),
      scope: "openid email",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "two-step",
    });
    const post = (location: string, form: Record<string, string>) =>
      browser.get(location, { method: "POST", body: new URLSearchParams(form), headers: { "content-type": "application/x-www-form-urlencoded" } });
    const login = (await browser.get(url)).headers.get("location")!;
    const afterLogin = await post(login, { prompt: "login", login: "two-step@example.com", password: "anything" });
    expect(afterLogin.status).toBe(303);
    const consentPage = (await browser.get(afterLogin.headers.get("location")!)).headers.get("location")!;
    expect(consentPage).toMatch(/\/interaction\//);
    const afterConsent = await post(consentPage, { prompt: "consent" });
    const callbackUrl = new URL((await browser.get(afterConsent.headers.get("location")!)).headers.get("location")!);
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: "two-step" });
    expect(tokens.claims()).toMatchObject({ email: "two-step@example.com", email_verified: true });
  });
});
