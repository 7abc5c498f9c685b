import { BASE_URL, HOUR, PROJECT_ID, type Reply, accessTokenExpiringIn, fakeFetch, jwt, knownError, ok, userJson } from "@stackframe/stack-shared/test-support";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pkceChallengeOf } from "../oauth/pkce.js";
import { HexclaveClientApp } from "../public-api.js";
import { setRedirect } from "../urls.js";

const ORIGIN = "https://app.example";
const CALLBACK = `${ORIGIN}/handler/oauth-callback`;
const PROVIDER_URL = "https://github.example/login/oauth/authorize?client_id=gh";

let visited: { url: string; replace: boolean }[];
let cookies: Map<string, string>;
let cookieWrites: string[];
let location: { href: string; protocol: string };

/** A browser at `href` whose cookie jar honours `Max-Age=0`, as far as the SDK's writes need. */
function browserAt(href: string, jar: Record<string, string> = {}) {
  location = { href, protocol: "https:" };
  cookies = new Map(Object.entries(jar));
  cookieWrites = [];
  const history = {
    state: null,
    replaceState: (_state: unknown, _title: string, url: string) => {
      location.href = url;
    },
  };
  vi.stubGlobal("window", { location, history });
  vi.stubGlobal("document", {
    get cookie() {
      return [...cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
    },
    set cookie(assignment: string) {
      cookieWrites.push(assignment);
      const pair = assignment.split(";")[0] ?? "";
      const name = pair.slice(0, pair.indexOf("="));
      if (assignment.includes("Max-Age=0")) cookies.delete(name);
      else cookies.set(name, decodeURIComponent(pair.slice(pair.indexOf("=") + 1)));
    },
  });
}

beforeEach(() => {
  visited = [];
  setRedirect((url, { replace }) => void visited.push({ url, replace }));
  browserAt(`${ORIGIN}/handler/sign-in`);
});
afterEach(() => {
  setRedirect(null);
  vi.unstubAllGlobals();
});

function appWith(tokens: { accessToken: string | null; refreshToken: string | null }, ...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const app = new HexclaveClientApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore: tokens, urls: { afterSignIn: "/home", afterSignUp: "/welcome" }, fetch });
  return { app, calls };
}
const signedOut = { accessToken: null, refreshToken: null };

/** A refusal the way OAuth endpoints send it: the real status, the code in a header (no status override is asked for). */
function refused(code: string, status: number, details?: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ code, error: `error ${code}`, details }), { status, headers: { "x-stack-known-error": code } });
}

const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);
const outerCookies = () => [...cookies].filter(([name]) => name.includes("-oauth-outer-"));

describe("signInWithOAuth", () => {
  it("asks for the provider's URL with an S256 challenge, keeps the verifier in both outer cookies, and goes there", async () => {
    const { app, calls } = appWith(signedOut, ok({ location: PROVIDER_URL }));
    await app.signInWithOAuth("github");

    expect(visited).toEqual([{ url: PROVIDER_URL, replace: false }]);
    const url = new URL(calls[0]?.url ?? "");
    expect(url.pathname).toBe("/api/v1/auth/oauth/authorize/github");
    const query = queryOf(url.href);
    expect(query).toEqual({
      client_id: PROJECT_ID,
      client_secret: "__stack_public_client__",
      redirect_uri: CALLBACK,
      scope: "legacy",
      state: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      grant_type: "authorization_code",
      code_challenge: expect.any(String),
      code_challenge_method: "S256",
      response_type: "code",
      type: "authenticate",
      stack_response_mode: "json",
    });
    // An OAuth endpoint: no session or project headers.
    expect(Object.keys(calls[0]?.headers ?? {}).filter((name) => name.startsWith("x-"))).toEqual([]);
    expect(outerCookies().map(([name]) => name)).toEqual([`hexclave-oauth-outer-${query.state}`, `stack-oauth-outer-${query.state}`]);
    const verifier = cookies.get(`hexclave-oauth-outer-${query.state}`) ?? "";
    expect(cookies.get(`stack-oauth-outer-${query.state}`)).toBe(verifier);
    expect(await pkceChallengeOf(verifier)).toBe(query.code_challenge);
    expect(cookieWrites[0]).toMatch(/; Path=\/; Max-Age=3600; SameSite=Lax; Secure$/);
  });

  it("sends an anonymous user's access token, so that account is the one signed in, and no other user's", async () => {
    const anonymousToken = jwt({ sub: "anon", iat: 0, exp: Math.floor((Date.now() + HOUR) / 1000), is_anonymous: true });
    const anonymous = appWith({ accessToken: anonymousToken, refreshToken: "rt" }, ok({ location: PROVIDER_URL }));
    await anonymous.app.signInWithOAuth("github");
    expect(queryOf(anonymous.calls[0]?.url ?? "").token).toBe(anonymousToken);

    const regular = appWith({ accessToken: accessTokenExpiringIn(HOUR), refreshToken: "rt" }, ok({ location: PROVIDER_URL }));
    await regular.app.signInWithOAuth("github");
    expect(queryOf(regular.calls[0]?.url ?? "")).not.toHaveProperty("token");
  });

  it("comes back where the sign-in page was asked to return to, on this origin only", async () => {
    browserAt(`${ORIGIN}/handler/sign-in?after_auth_return_to=${encodeURIComponent("/team?x=1")}`);
    const here = appWith(signedOut, ok({ location: PROVIDER_URL }));
    await here.app.signInWithOAuth("github");
    expect(queryOf(here.calls[0]?.url ?? "").after_callback_redirect_url).toBe(`${ORIGIN}/team?x=1`);

    browserAt(`${ORIGIN}/handler/sign-in?after_auth_return_to=${encodeURIComponent("https://evil.example/")}`);
    const elsewhere = appWith(signedOut, ok({ location: PROVIDER_URL }));
    await elsewhere.app.signInWithOAuth("github");
    expect(queryOf(elsewhere.calls[0]?.url ?? "")).not.toHaveProperty("after_callback_redirect_url");
  });

  it("passes returnTo as an absolute URL and the extra provider scopes space separated", async () => {
    const { app, calls } = appWith(signedOut, ok({ location: PROVIDER_URL }));
    await app.signInWithOAuth("github", { returnTo: "/settings", providerScope: ["repo", "read:org"] });
    expect(queryOf(calls[0]?.url ?? "")).toMatchObject({ after_callback_redirect_url: `${ORIGIN}/settings`, provider_scope: "repo read:org" });
  });

  it("throws the API's known error, leaving no cookie and staying on the page", async () => {
    const { app } = appWith(signedOut, refused("OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400));
    await expect(app.signInWithOAuth("nope")).rejects.toMatchObject({ code: "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED" });
    expect(outerCookies()).toEqual([]);
    expect(visited).toEqual([]);
  });
});

const tokenResponse = (overrides: Record<string, unknown> = {}) =>
  ok({
    access_token: accessTokenExpiringIn(HOUR),
    refresh_token: "rt-new",
    token_type: "Bearer",
    expires_in: 3600,
    scope: "legacy",
    is_new_user: false,
    newUser: false,
    after_callback_redirect_url: null,
    afterCallbackRedirectUrl: null,
    ...overrides,
  });

describe("callOAuthCallback", () => {
  it("trades the code and its state's verifier for a session, clears both cookies and the address, then goes after sign-in", async () => {
    browserAt(`${CALLBACK}?code=c0de&state=st1`, { "hexclave-oauth-outer-st1": "v-hexclave", "stack-oauth-outer-st1": "v-stack", other: "kept" });
    const { app, calls } = appWith(signedOut, tokenResponse());

    expect(await app.callOAuthCallback()).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: "POST", url: `${BASE_URL}/api/v1/auth/oauth/token`, headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.body))).toEqual({
      grant_type: "authorization_code",
      client_id: PROJECT_ID,
      client_secret: "__stack_public_client__",
      code: "c0de",
      redirect_uri: CALLBACK,
      code_verifier: "v-hexclave",
    });
    expect([...cookies.keys()]).toEqual(["other"]);
    expect(location.href).toBe(CALLBACK);
    expect(visited).toEqual([{ url: "/home", replace: true }]);
    expect(await app.getAuthorizationHeader()).not.toBeNull();
  });

  it("uses the Stack Auth twin when only it is there, and sends a new user after sign-up", async () => {
    browserAt(`${CALLBACK}?code=c0de&state=st1`, { "stack-oauth-outer-st1": "v-stack" });
    const { app, calls } = appWith(signedOut, tokenResponse({ is_new_user: true, newUser: true }));
    await app.callOAuthCallback();
    expect(new URLSearchParams(calls[0]?.body).get("code_verifier")).toBe("v-stack");
    expect(visited).toEqual([{ url: "/welcome", replace: true }]);
  });

  it("goes to the after_callback_redirect_url the flow started with", async () => {
    browserAt(`${CALLBACK}?code=c0de&state=st1`, { "hexclave-oauth-outer-st1": "v" });
    const { app } = appWith(signedOut, tokenResponse({ after_callback_redirect_url: `${ORIGIN}/team?x=1` }));
    await app.callOAuthCallback();
    expect(visited).toEqual([{ url: `${ORIGIN}/team?x=1`, replace: true }]);
  });

  it("throws the known error the API put in the address, details included, without calling it", async () => {
    const query = new URLSearchParams({
      state: "st1",
      error: "server_error",
      error_description: "Taken.",
      errorCode: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      message: "Taken.",
      details: JSON.stringify({ type: "email", would_work_if_email_was_verified: true }),
    });
    browserAt(`${CALLBACK}?${query}&keep=1`, { "hexclave-oauth-outer-st1": "v", "stack-oauth-outer-st1": "v" });
    const { app, calls } = appWith(signedOut);
    await expect(app.callOAuthCallback()).rejects.toMatchObject({
      code: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      message: "Taken.",
      details: { type: "email", would_work_if_email_was_verified: true },
    });
    expect(calls).toEqual([]);
    expect(location.href).toBe(`${CALLBACK}?keep=1`);
    expect(outerCookies()).toEqual([]);
  });

  it("throws MULTI_FACTOR_AUTHENTICATION_REQUIRED with its attempt code, signing nobody in", async () => {
    browserAt(`${CALLBACK}?code=c0de&state=st1`, { "hexclave-oauth-outer-st1": "v" });
    const { app } = appWith(signedOut, refused("MULTI_FACTOR_AUTHENTICATION_REQUIRED", 400, { attempt_code: "a".repeat(45) }));
    await expect(app.callOAuthCallback()).rejects.toMatchObject({ code: "MULTI_FACTOR_AUTHENTICATION_REQUIRED", details: { attempt_code: "a".repeat(45) } });
    expect(outerCookies()).toEqual([]);
    expect(visited).toEqual([]);
    expect(await app.getAuthorizationHeader()).toBeNull();
  });

  it.each([
    ["without a code (a reload, or a page from history)", `${CALLBACK}?state=st1`],
    ["without a verifier for its state (a flow from another browser)", `${CALLBACK}?code=c0de&state=other`],
  ])("finishes nothing %s", async (_case, href) => {
    browserAt(href, { "hexclave-oauth-outer-st1": "v" });
    const { app, calls } = appWith(signedOut);
    expect(await app.callOAuthCallback()).toBe(false);
    expect(calls).toEqual([]);
    expect(visited).toEqual([]);
  });
});

describe("linkConnectedAccount and getConnectedAccount({ or: 'redirect' })", () => {
  async function signedInUser(...replies: Reply[]) {
    const accessToken = accessTokenExpiringIn(HOUR);
    const { app, calls } = appWith({ accessToken, refreshToken: "rt" }, ok(userJson()), ...replies);
    const user = await app.getUser({ or: "throw" });
    calls.splice(0);
    return { user, calls, accessToken };
  }

  it("starts a link flow with the user's access token and scopes, coming back to this page", async () => {
    browserAt(`${ORIGIN}/integrations`);
    const { user, calls, accessToken } = await signedInUser(ok({ location: PROVIDER_URL }));
    await user.linkConnectedAccount("github", { scopes: ["repo"] });
    expect(queryOf(calls[0]?.url ?? "")).toMatchObject({ type: "link", token: accessToken, provider_scope: "repo", after_callback_redirect_url: `${ORIGIN}/integrations` });
    expect(visited).toEqual([{ url: PROVIDER_URL, replace: false }]);
  });

  it("connects the account when it lacks the scopes asked for", async () => {
    const { user, calls } = await signedInUser(knownError("OAUTH_CONNECTION_DOES_NOT_HAVE_REQUIRED_SCOPE", 400), ok({ location: PROVIDER_URL }));
    await expect(user.getConnectedAccount("github", { or: "redirect", scopes: ["repo"] })).rejects.toThrow(/Redirecting/);
    expect(queryOf(calls[1]?.url ?? "")).toMatchObject({ type: "link", provider_scope: "repo" });
    expect(visited).toEqual([{ url: PROVIDER_URL, replace: false }]);
  });
});
