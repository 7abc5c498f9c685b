import { createHash, randomBytes } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { APP_CALLBACK, CookieJar, authorizeQuery, followCallback, newPkce, oauthProjectSnapshot, overrideEnvironmentConfig } from "../harness/oauth";
import { type TestProject, api, createTestProject, projectHeaders, testEnv } from "../harness/rest";

// GitHub cannot be reached from here: this server answers the endpoints the github preset uses the way GitHub
// documents them, and a second backend points the preset at it (STACK_OAUTH_BASE_URL_GITHUB).
const CLIENT_ID = "gh-client";
const CLIENT_SECRET = "gh-secret";
const GITHUB_PROFILE = {
  login: "octocat",
  node_id: "MDQ6VXNlcjU4MzIzMQ==",
  avatar_url: "https://avatars.githubusercontent.com/u/583231?v=4",
  html_url: "https://github.com/octocat",
  type: "User",
  site_admin: false,
  name: "The Octocat",
  // The public profile address, which GitHub never checks: the sign-in must not take it.
  email: "octocat-public@example.com",
  created_at: "2011-01-25T18:44:36Z",
};

type TokenRequest = { form: URLSearchParams; accept: string | undefined; challenge: string | undefined };
type Grant = { challenge: string; redirectUri: string };
const grants = new Map<string, Grant>();
const issuedTokens = new Set<string>();
const tokenRequests: TokenRequest[] = [];
let tokenError: string | null = null;
// A new GitHub account per test, so a failed sign-in cannot hide behind an existing user.
let githubUser = { ...GITHUB_PROFILE, id: 0 };
let primaryEmail = "";

let server: Server;
let origin: string;
let backend: BackendProcess;
let project: TestProject;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
};

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** GitHub's /login/oauth/access_token: the app's credentials and the PKCE verifier in the form; errors are HTTP 200. */
function accessToken(form: URLSearchParams, accept: string | undefined, res: ServerResponse) {
  const grant = grants.get(form.get("code") ?? "");
  tokenRequests.push({ form, accept, challenge: grant?.challenge });
  grants.delete(form.get("code") ?? "");
  const verifier = form.get("code_verifier") ?? "";
  let answer: Record<string, string>;
  if (tokenError) answer = { error: tokenError, error_description: "The code passed is incorrect or expired." };
  else if (form.get("client_id") !== CLIENT_ID || form.get("client_secret") !== CLIENT_SECRET) answer = { error: "incorrect_client_credentials" };
  else if (!grant || grant.redirectUri !== form.get("redirect_uri")) answer = { error: "bad_verification_code" };
  else if (createHash("sha256").update(verifier).digest("base64url") !== grant.challenge) answer = { error: "bad_verification_code" };
  else {
    const token = `gho_${randomBytes(18).toString("base64url")}`;
    issuedTokens.add(token);
    answer = { access_token: token, token_type: "bearer", scope: "user:email" };
  }
  // GitHub answers form-encoded unless the client asks for JSON.
  if (accept?.includes("application/json")) return json(res, 200, answer);
  res.writeHead(200, { "content-type": "application/x-www-form-urlencoded; charset=utf-8" });
  res.end(new URLSearchParams(answer).toString());
}

function githubApi(req: IncomingMessage, res: ServerResponse, path: string) {
  const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
  // GitHub's REST API refuses requests without a User-Agent.
  if (!req.headers["user-agent"]) return json(res, 403, { message: "Request forbidden by administrative rules." });
  if (!token || !issuedTokens.has(token)) return json(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
  if (path === "/user") return json(res, 200, githubUser);
  json(res, 200, [
    { email: "octocat-old@example.com", verified: false, primary: false, visibility: null },
    { email: primaryEmail, verified: true, primary: true, visibility: "private" },
    { email: `${githubUser.id}+octocat@users.noreply.github.com`, verified: true, primary: false, visibility: null },
  ]);
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", origin);
    if (req.method === "GET" && url.pathname === "/login/oauth/authorize") {
      // Straight back to the app, as if the person had already authorised it.
      const code = randomBytes(10).toString("hex");
      grants.set(code, { challenge: url.searchParams.get("code_challenge") ?? "", redirectUri: url.searchParams.get("redirect_uri") ?? "" });
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") return accessToken(await readForm(req), req.headers.accept, res);
    if (req.method === "GET" && (url.pathname === "/user" || url.pathname === "/user/emails")) return githubApi(req, res, url.pathname);
    json(res, 404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  backend = await startBackend({ ...backendEnv(testEnv()), STACK_OAUTH_BASE_URL_GITHUB: origin }, { quiet: true });
  project = await createTestProject("GitHub preset");
  await overrideEnvironmentConfig(project, {
    "auth.oauth.providers.github": { type: "github", isShared: false, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, allowSignIn: true, allowConnectedAccounts: true },
  });
}, 90_000);
afterAll(async () => {
  await backend?.stop();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});
beforeEach(() => {
  tokenRequests.length = 0;
  tokenError = null;
  githubUser = { ...GITHUB_PROFILE, id: randomBytes(4).readUInt32BE() };
  primaryEmail = `octocat-${githubUser.id}@example.com`;
});

/** Authorize at the second backend → the stand-in → the backend's callback, as a browser follows them. */
async function signInWithGitHub() {
  const pkce = newPkce();
  const jar = new CookieJar();
  const start = await jar.fetch(`${backend.url}/api/v1/auth/oauth/authorize/github?${authorizeQuery(project, { pkce })}`);
  expect(start.status, await start.clone().text()).toBe(307);
  const atGitHub = new URL(start.headers.get("location")!);
  expect(atGitHub.origin + atGitHub.pathname).toBe(`${origin}/login/oauth/authorize`);
  expect(atGitHub.searchParams.get("client_id")).toBe(CLIENT_ID);
  expect(atGitHub.searchParams.get("scope")).toBe("user:email");
  const back = await fetch(atGitHub, { redirect: "manual" });
  expect(back.status).toBe(302);
  const callback = await followCallback(back.headers.get("location")!, jar);
  return { callback, pkce, providerRedirectUri: atGitHub.searchParams.get("redirect_uri") };
}

function exchangeCode(code: string, verifier: string) {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: project.projectId,
    client_secret: project.publishableClientKey,
    code,
    redirect_uri: APP_CALLBACK,
    code_verifier: verifier,
  });
  return api("/api/v1/auth/oauth/token", { baseUrl: backend.url, method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: form.toString() });
}

describe("the github preset against a stand-in for GitHub", () => {
  it("signs up with GitHub's name, avatar and primary verified address, and hands out GitHub's token", async () => {
    const { callback, pkce, providerRedirectUri } = await signInWithGitHub();
    expect(callback.response.status, JSON.stringify(callback.body)).toBe(303);
    expect(callback.location!.origin + callback.location!.pathname).toBe(APP_CALLBACK);
    expect(callback.location!.searchParams.get("state")).toBe("app-state-1");
    const tokens = await exchangeCode(callback.location!.searchParams.get("code")!, pkce.verifier);
    expect(tokens.status, tokens.text).toBe(200);
    expect(tokens.body.is_new_user).toBe(true);

    // The code exchange at GitHub carried the project's GitHub credentials and the verifier of the challenge it saw.
    expect(tokenRequests).toHaveLength(1);
    const [exchange] = tokenRequests;
    expect(exchange!.accept).toContain("application/json");
    expect(Object.fromEntries(exchange!.form)).toMatchObject({ grant_type: "authorization_code", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uri: providerRedirectUri });
    expect(createHash("sha256").update(exchange!.form.get("code_verifier")!).digest("base64url")).toBe(exchange!.challenge);

    const headers = projectHeaders(project, "client", { "access-token": tokens.body.access_token });
    const me = await api("/api/v1/users/me", { baseUrl: backend.url, headers });
    expect(me.body).toMatchObject({ primary_email: primaryEmail, primary_email_verified: true, display_name: "The Octocat", profile_image_url: GITHUB_PROFILE.avatar_url });
    expect(me.body.oauth_providers).toEqual([{ id: "github", account_id: String(githubUser.id), email: primaryEmail }]);

    const connected = await api("/api/v1/connected-accounts/me/github/access-token", { baseUrl: backend.url, headers, body: {} });
    expect(connected.status, connected.text).toBe(201);
    expect(issuedTokens.has(connected.body.access_token)).toBe(true);
  });

  it("answers GitHub's HTTP 200 bad_verification_code with an error redirect, creating nothing", async () => {
    tokenError = "bad_verification_code";
    const before = await oauthProjectSnapshot(project);
    const { callback } = await signInWithGitHub();
    expect(tokenRequests).toHaveLength(1);
    expect(callback.response.status).toBe(307);
    expect(callback.location!.origin + callback.location!.pathname).toBe(APP_CALLBACK);
    expect(callback.location!.searchParams.get("code")).toBeNull();
    expect(callback.location!.searchParams.get("state")).toBe("app-state-1");
    expect(callback.location!.searchParams.get("errorCode")).toBe("OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE");
    const after = await oauthProjectSnapshot(project);
    for (const table of ["project_users", "contact_channels", "sessions", "oauth_accounts", "oauth_provider_tokens"]) expect(after[table], table).toEqual(before[table]);
  });
});
