import { CookieJar, type MockProfile, type Pkce, newPkce, signInAtProvider } from "./oauth-browser";
import { type ApiResponse, type TestProject, api, patchProjectConfig, projectHeaders, sql, testEnv } from "./rest";
import { projectSnapshot } from "./snapshots";

export { CookieJar, type MockProfile, type Pkce, newPkce, signInAtProvider };

/** The app page OAuth results come back to in these tests; localhost is trusted by new projects. */
export const APP_CALLBACK = "http://localhost:12345/oauth-callback";

export type OAuthProviderSetting = { id: string; type: "shared" | "standard"; client_id?: string; client_secret?: string };

/** Turns providers on through the legacy admin PATCH, as Stack Auth's dashboard does (spotify on the shared keys by default). */
export function enableOAuthProviders(project: TestProject, providers: OAuthProviderSetting[] = [{ id: "spotify", type: "shared" }], extra: Record<string, unknown> = {}) {
  return patchProjectConfig(project, { oauth_providers: providers, ...extra });
}

/** Sets config override keys at the environment level, e.g. a generic OpenID provider. */
export async function overrideEnvironmentConfig(project: TestProject, override: Record<string, unknown>) {
  const response = await api("/api/v1/internal/config/override/environment", {
    method: "PATCH",
    headers: projectHeaders(project, "admin"),
    body: { config_override_string: JSON.stringify(override) },
  });
  if (response.status !== 200) throw new Error(`Config override failed: ${response.status} ${response.text}`);
}

/**
 * A generic OpenID provider on the project's own keys: the mock server's `generic` client, found by discovery. Unlike
 * the shared keys, it gives the app extra scopes and provider tokens.
 */
export function enableOwnKeysOpenIdProvider(project: TestProject, id = "acme") {
  return overrideEnvironmentConfig(project, {
    [`auth.oauth.providers.${id}`]: {
      type: "oidc",
      issuerUrl: testEnv().mockOAuthUrl,
      clientId: "generic",
      clientSecret: "MOCK-SERVER-SECRET",
      isShared: false,
      allowSignIn: true,
      allowConnectedAccounts: true,
    },
  });
}

/** The mock provider's userinfo with a provider access token: whether the token works there. */
export async function mockProviderUserinfo(accessToken: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${testEnv().mockOAuthUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** What an OAuth round trip needs of a project: the SDK's client credentials. */
export type OAuthClientProject = Pick<TestProject, "projectId" | "publishableClientKey">;

export type AuthorizeOptions = {
  /** A backend of the test's own (e.g. one on its own database); the suite's backend by default. */
  baseUrl?: string;
  providerId?: string;
  type?: "authenticate" | "link";
  token?: string;
  redirectUri?: string;
  errorRedirectUri?: string;
  afterCallbackRedirectUrl?: string;
  state?: string;
  pkce?: Pkce;
  providerScope?: string;
  mode?: "redirect" | "json";
  clientSecret?: string;
  extra?: Record<string, string>;
};

export function authorizeQuery(project: OAuthClientProject, options: AuthorizeOptions = {}): URLSearchParams {
  const pkce = options.pkce ?? newPkce();
  const query = new URLSearchParams({
    client_id: project.projectId,
    client_secret: options.clientSecret ?? project.publishableClientKey,
    redirect_uri: options.redirectUri ?? APP_CALLBACK,
    scope: "legacy",
    state: options.state ?? "app-state-1",
    grant_type: "authorization_code",
    code_challenge: pkce.challenge,
    code_challenge_method: "S256",
    response_type: "code",
    ...(options.type ? { type: options.type } : {}),
    ...(options.token ? { token: options.token } : {}),
    ...(options.errorRedirectUri ? { error_redirect_uri: options.errorRedirectUri } : {}),
    ...(options.afterCallbackRedirectUrl ? { after_callback_redirect_url: options.afterCallbackRedirectUrl } : {}),
    ...(options.providerScope ? { provider_scope: options.providerScope } : {}),
    ...(options.mode ? { stack_response_mode: options.mode } : {}),
    ...options.extra,
  });
  return query;
}

/** GET /auth/oauth/authorize/{provider} without following the redirect. */
export async function authorize(project: OAuthClientProject, options: AuthorizeOptions = {}, jar = new CookieJar()) {
  const url = `${options.baseUrl ?? testEnv().backendUrl}/api/v1/auth/oauth/authorize/${options.providerId ?? "spotify"}?${authorizeQuery(project, options)}`;
  const response = await jar.fetch(url);
  return { response, jar };
}

export type CallbackResult = { response: Response; location: URL | null; body: any };

/** Follows the provider's redirect back to the backend with the browser's cookies. */
export async function followCallback(callbackUrl: string, jar: CookieJar): Promise<CallbackResult> {
  const response = await jar.fetch(callbackUrl);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // plain-text refusal
  }
  const location = response.headers.get("location");
  return { response, location: location ? new URL(location) : null, body };
}

/** Authorize → provider → callback, resolving with the callback's answer. */
export async function runOAuthFlow(project: OAuthClientProject, profile: MockProfile, options: AuthorizeOptions = {}) {
  const pkce = options.pkce ?? newPkce();
  const { response, jar } = await authorize(project, { ...options, pkce });
  if (response.status !== 307) throw new Error(`Authorize answered ${response.status}: ${await response.text()}`);
  const callbackUrl = await signInAtProvider(response.headers.get("location")!, profile, jar);
  const callback = await followCallback(callbackUrl, jar);
  return { ...callback, pkce, callbackUrl, jar };
}

/** The SDK's code exchange: form-encoded, the project in client_id. */
export function exchangeCode(project: OAuthClientProject, code: string, verifier: string, redirectUri = APP_CALLBACK, baseUrl?: string): Promise<ApiResponse> {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: project.projectId,
    client_secret: project.publishableClientKey,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  return api("/api/v1/auth/oauth/token", { baseUrl, method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: form.toString() });
}

/** A full OAuth sign-in; resolves with the token response. */
export async function oauthSignIn(project: OAuthClientProject, profile: MockProfile, options: AuthorizeOptions = {}) {
  const flow = await runOAuthFlow(project, profile, options);
  if (flow.response.status !== 303 || !flow.location?.searchParams.get("code")) {
    throw new Error(`The callback answered ${flow.response.status} ${flow.location ?? JSON.stringify(flow.body)}`);
  }
  const tokens = await exchangeCode(project, flow.location.searchParams.get("code")!, flow.pkce.verifier, options.redirectUri ?? APP_CALLBACK, options.baseUrl);
  return { ...flow, tokens };
}

/** GET /auth/oauth/authorize/{provider} with the query string exactly as given, for requests no SDK would build. */
export function authorizeWithQuery(providerId: string, query: string, jar = new CookieJar()): Promise<Response> {
  return jar.fetch(`${testEnv().backendUrl}/api/v1/auth/oauth/authorize/${providerId}?${query}`);
}

/** The state the backend sent to the provider, read from its redirect (or json-mode location) to the provider. */
export function providerStateOf(location: string): string {
  const state = new URL(location).searchParams.get("state");
  if (!state) throw new Error(`No state in the provider URL ${location}`);
  return state;
}

/** The backend's callback URL for a provider, with the query the provider would send. */
export function callbackUrlFor(providerId: string, params: Record<string, string>): string {
  return `${testEnv().backendUrl}/api/v1/auth/oauth/callback/${providerId}?${new URLSearchParams(params)}`;
}

/** Rows of a tenancy-owned table that belong to the project's main tenancy, optionally only those of one verification code type. */
export async function tenancyRowCount(project: TestProject, table: "project_users" | "sessions" | "oauth_accounts" | "verification_codes", codeType?: string): Promise<number> {
  const byType = codeType === undefined ? "" : " and x.type = $2";
  const [row] = await sql(
    `select count(*)::int as n from ${table} x join tenancies t on t.id = x.tenancy_id where t.project_id = $1 and t.branch_id = 'main'${byType}`,
    codeType === undefined ? [project.projectId] : [project.projectId, codeType],
  );
  return row.n;
}

/** Everything a project holds, its OAuth links and provider tokens included, to prove a refused OAuth request wrote nothing. */
export async function oauthProjectSnapshot(project: TestProject): Promise<Record<string, unknown>> {
  const snapshot = await projectSnapshot(project.projectId);
  for (const table of ["oauth_accounts", "oauth_provider_tokens"]) {
    const [row] = await sql(`select count(*)::int as n from ${table} x join tenancies t on t.id = x.tenancy_id where t.project_id = $1`, [project.projectId]);
    snapshot[table] = row.n;
  }
  return snapshot;
}

/** A fetch answer read the way `api()` reads one, for `expectKnownError`. */
export async function readApiResponse(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // plain-text refusal
  }
  return { status: response.status, headers: response.headers, body, text };
}
