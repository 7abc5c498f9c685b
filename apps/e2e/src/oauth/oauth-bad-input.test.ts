import { randomBytes } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../harness/backend-process";
import {
  APP_CALLBACK,
  CookieJar,
  authorize,
  authorizeQuery,
  authorizeWithQuery,
  callbackUrlFor,
  enableOAuthProviders,
  followCallback,
  oauthProjectSnapshot,
  overrideEnvironmentConfig,
  providerStateOf,
  readApiResponse,
  tenancyRowCount,
} from "../harness/oauth";
import { type ApiResponse, type TestProject, api, createTestProject, expectKnownError } from "../harness/rest";

// Requests no SDK sends, and providers that answer nonsense: each is refused with a 4xx (or, for a provider that
// cannot be used, OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE), never a 500, and leaves nothing behind.

let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("OAuth bad input");
  await enableOAuthProviders(project);
});

/** Sends an authorize request that must be refused, and checks the refusal wrote nothing (no flow above all). */
async function refusedAuthorize(send: () => Promise<Response>): Promise<ApiResponse> {
  const before = await oauthProjectSnapshot(project);
  const response = await readApiResponse(await send());
  expect(response.status, response.text).toBeGreaterThanOrEqual(400);
  expect(response.status, response.text).toBeLessThan(500);
  expect(response.headers.get("location")).toBeNull();
  if (typeof response.body === "string") expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  expect(await oauthProjectSnapshot(project)).toEqual(before);
  return response;
}

const queryWith = (change: (query: URLSearchParams) => void) => {
  const query = authorizeQuery(project);
  change(query);
  return query.toString();
};

describe("malformed authorize requests", () => {
  it("accepts the well-formed request these are variations of", async () => {
    const flows = await tenancyRowCount(project, "verification_codes", "oauth_flow");
    expect((await authorizeWithQuery("spotify", authorizeQuery(project).toString())).status).toBe(307);
    expect(await tenancyRowCount(project, "verification_codes", "oauth_flow")).toBe(flows + 1);
  });

  it.each(["redirect_uri", "state", "client_id", "code_challenge"])("refuses a duplicated %s with SCHEMA_ERROR", async (name) => {
    const response = await refusedAuthorize(() => authorizeWithQuery("spotify", queryWith((query) => query.append(name, "second-value"))));
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });

  it.each([
    ["client_id", "%E0%A4%A"],
    ["client_id", "%zz"],
    ["client_secret", "%"],
  ])("refuses %s with invalid percent-encoding (%s)", async (name, raw) => {
    const query = queryWith((q) => q.delete(name));
    await refusedAuthorize(() => authorizeWithQuery("spotify", `${query}&${name}=${raw}`));
  });

  it("refuses a provider id with invalid percent-encoding", async () => {
    await refusedAuthorize(() => authorizeWithQuery("spo%E0%A4%Atify", authorizeQuery(project).toString()));
  });

  it("refuses a 5000-character state with SCHEMA_ERROR", async () => {
    const response = await refusedAuthorize(() => authorize(project, { state: "s".repeat(5000) }).then((result) => result.response));
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });

  it.each(["client_id", "client_secret", "redirect_uri", "scope", "state", "grant_type", "code_challenge", "code_challenge_method", "response_type"])(
    "refuses a request without %s with SCHEMA_ERROR",
    async (name) => {
      const response = await refusedAuthorize(() => authorizeWithQuery("spotify", queryWith((query) => query.delete(name))));
      expectKnownError(response, "SCHEMA_ERROR", 400);
    },
  );

  it("refuses an unknown provider id", async () => {
    const response = await refusedAuthorize(() => authorize(project, { providerId: "nope" }).then((result) => result.response));
    expectKnownError(response, "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400);
  });

  it("refuses a provider type the project has not enabled", async () => {
    const response = await refusedAuthorize(() => authorize(project, { providerId: "github" }).then((result) => result.response));
    expectKnownError(response, "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400);
  });

  it("refuses sign-in with a provider configured for connected accounts only", async () => {
    const connectOnly = await createTestProject("OAuth connect-only provider");
    await overrideEnvironmentConfig(connectOnly, { "auth.oauth.providers.github": { type: "github", isShared: true, allowSignIn: false, allowConnectedAccounts: true } });
    const flows = await tenancyRowCount(connectOnly, "verification_codes", "oauth_flow");
    const { response } = await authorize(connectOnly, { providerId: "github" });
    expectKnownError(await readApiResponse(response), "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400);
    expect(await tenancyRowCount(connectOnly, "verification_codes", "oauth_flow")).toBe(flows);
  });

  it("refuses an unknown client_id", async () => {
    const response = await refusedAuthorize(() => authorizeWithQuery("spotify", queryWith((query) => query.set("client_id", "no-such-project"))));
    expectKnownError(response, "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
  });

  it("refuses a client_id naming a branch the project does not have", async () => {
    const response = await refusedAuthorize(() => authorizeWithQuery("spotify", queryWith((query) => query.set("client_id", `${project.projectId}#nope`))));
    expectKnownError(response, "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
  });

  it("refuses a wrong client_secret", async () => {
    const response = await refusedAuthorize(() => authorize(project, { clientSecret: `pck_${randomBytes(20).toString("hex")}` }).then((result) => result.response));
    expectKnownError(response, "INVALID_PUBLISHABLE_CLIENT_KEY", 401);
  });
});

describe("malformed token requests", () => {
  const tokenRequest = (fields: Record<string, string>) =>
    api("/api/v1/auth/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: new URLSearchParams(fields).toString() });
  const codeGrant = (overrides: Record<string, string>) => ({
    grant_type: "authorization_code",
    client_id: project.projectId,
    client_secret: project.publishableClientKey,
    code: "a".repeat(45),
    redirect_uri: APP_CALLBACK,
    code_verifier: "v".repeat(43),
    ...overrides,
  });

  it("refuses an unknown client_id", async () => {
    expectKnownError(await tokenRequest(codeGrant({ client_id: "no-such-project" })), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
  });

  it("refuses a wrong client_secret", async () => {
    expectKnownError(await tokenRequest(codeGrant({ client_secret: "pck_wrong" })), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
  });

  it("refuses a code that was never issued", async () => {
    expectKnownError(await tokenRequest(codeGrant({})), "INVALID_AUTHORIZATION_CODE", 400);
  });

  it("refuses a duplicated code with SCHEMA_ERROR", async () => {
    const form = `${new URLSearchParams(codeGrant({}))}&code=${"b".repeat(45)}`;
    const response = await api("/api/v1/auth/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: form });
    expectKnownError(response, "SCHEMA_ERROR", 400);
  });
});

type Behaviour = "working" | "token_500" | "token_empty_json" | "token_html" | "empty_sub" | "other_sub";

/**
 * A stand-in for a generic OpenID provider that misbehaves in one way per issuer path (`/{behaviour}`): a valid
 * discovery document and sign-in redirect, then a token endpoint or userinfo that answers as `behaviour` says.
 */
async function startBrokenProvider() {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "broken-1", alg: "RS256", use: "sig" };
  const nonces = new Map<string, string>();
  let base = "";

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const formOf = async (req: IncomingMessage) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    return new URLSearchParams(text);
  };
  const idToken = (issuer: string, sub: string, nonce: string | undefined) =>
    new SignJWT({ ...(nonce ? { nonce } : {}), email: "broken@example.com", email_verified: true })
      .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
      .setIssuer(issuer)
      .setAudience("x")
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", base);
    const [, behaviour = "", endpoint = ""] = /^\/([a-z_0-9]+)(\/.*)?$/.exec(url.pathname) ?? [];
    const issuer = `${base}/${behaviour}`;
    if (endpoint === "/.well-known/openid-configuration" && behaviour !== "missing") {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (endpoint === "/jwks") return json(res, 200, { keys: [jwk] });
    if (endpoint === "/authorize") {
      // Signs in at once: back to the backend with a code that remembers the nonce the ID token must carry.
      const code = randomBytes(16).toString("hex");
      const nonce = url.searchParams.get("nonce");
      if (nonce) nonces.set(code, nonce);
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state")!);
      return res.writeHead(302, { location: back.href }).end();
    }
    if (endpoint === "/token") {
      const form = await formOf(req);
      if (behaviour === "token_500") return json(res, 500, { error: "server_error" });
      if (behaviour === "token_empty_json") return json(res, 200, {});
      if (behaviour === "token_html") return res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Sign-in service maintenance</body></html>");
      const sub = behaviour === "empty_sub" ? "" : "broken-user-1";
      return json(res, 200, {
        access_token: `access-${behaviour}`,
        token_type: "Bearer",
        expires_in: 3600,
        id_token: await idToken(issuer, sub, nonces.get(form.get("code") ?? "")),
      });
    }
    if (endpoint === "/userinfo") {
      const sub = behaviour === "empty_sub" ? "" : behaviour === "other_sub" ? "broken-user-2" : "broken-user-1";
      return json(res, 200, { sub, email: "broken@example.com", email_verified: true });
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuerFor: (behaviour: string) => `${base}/${behaviour}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("a generic OpenID provider that misbehaves", () => {
  let broken: Awaited<ReturnType<typeof startBrokenProvider>>;
  let target: TestProject;
  const BEHAVIOURS: Behaviour[] = ["working", "token_500", "token_empty_json", "token_html", "empty_sub", "other_sub"];

  beforeAll(async () => {
    broken = await startBrokenProvider();
    target = await createTestProject("OAuth broken provider");
    const provider = (issuerUrl: string) => ({ type: "oidc", issuerUrl, clientId: "x", clientSecret: "y", isShared: false, allowSignIn: true });
    await overrideEnvironmentConfig(target, {
      ...Object.fromEntries(BEHAVIOURS.map((behaviour) => [`auth.oauth.providers.${behaviour}`, provider(broken.issuerFor(behaviour))])),
      "auth.oauth.providers.missing": provider(broken.issuerFor("missing")),
      "auth.oauth.providers.silent": provider(`http://127.0.0.1:${await freePort()}`),
    });
  });

  afterAll(async () => {
    await broken?.stop();
  });

  /** A json-mode authorize, the provider's redirect back, and the backend callback it leads to. */
  async function signInWith(providerId: string) {
    const { response } = await authorize(target, { providerId, mode: "json" });
    expect(response.status).toBe(200);
    const { location } = (await response.json()) as { location: string };
    const atProvider = await fetch(location, { redirect: "manual" });
    expect(atProvider.status).toBe(302);
    return followCallback(atProvider.headers.get("location")!, new CookieJar());
  }

  function expectErrorRedirect(result: Awaited<ReturnType<typeof followCallback>>, code: string) {
    expect(result.response.status).toBe(307);
    expect(result.location!.origin + result.location!.pathname).toBe(APP_CALLBACK);
    expect(result.location!.searchParams.get("errorCode")).toBe(code);
    expect(result.location!.searchParams.get("code")).toBeNull();
  }

  it("signs in through the stand-in when it behaves, so the failures below are the provider's", async () => {
    const result = await signInWith("working");
    expect(result.response.status).toBe(303);
    expect(result.location!.searchParams.get("code")).toMatch(/^[a-z2-7]{45}$/);
  });

  it.each([
    ["a token endpoint that answers 500", "token_500"],
    ["a token endpoint that answers {}", "token_empty_json"],
    ["a token endpoint that answers HTML", "token_html"],
    ["an account with an empty sub", "empty_sub"],
    ["userinfo about another account than the ID token", "other_sub"],
  ])("answers %s with OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE at the app, creating no user", async (_label, behaviour) => {
    const before = await oauthProjectSnapshot(target);
    expectErrorRedirect(await signInWith(behaviour), "OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE");
    const after = await oauthProjectSnapshot(target);
    for (const table of ["project_users", "contact_channels", "sessions", "oauth_accounts", "oauth_provider_tokens"]) expect(after[table], table).toEqual(before[table]);
  });

  it.each([
    ["access_denied", "OAUTH_PROVIDER_ACCESS_DENIED"],
    ["server_error", "OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE"],
  ])("passes the provider's error=%s on to the app as %s", async (error, code) => {
    const users = await tenancyRowCount(target, "project_users");
    const { response } = await authorize(target, { providerId: "token_500", mode: "json" });
    const { location } = (await response.json()) as { location: string };
    const result = await followCallback(callbackUrlFor("token_500", { state: providerStateOf(location), error }), new CookieJar());
    expectErrorRedirect(result, code);
    expect(await tenancyRowCount(target, "project_users")).toBe(users);
  });

  it.each([
    ["does not answer", "silent"],
    ["answers 404", "missing"],
  ])("refuses at authorize a provider whose discovery document %s", async (_label, providerId) => {
    const flows = await tenancyRowCount(target, "verification_codes", "oauth_flow");
    const { response } = await authorize(target, { providerId, mode: "json" });
    expectKnownError(await readApiResponse(response), "OAUTH_PROVIDER_TEMPORARILY_UNAVAILABLE", 503);
    expect(await tenancyRowCount(target, "verification_codes", "oauth_flow")).toBe(flows);
  });
});
