import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import {
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  sql,
  testEnv,
} from "../harness/rest";
import { decodePayload } from "./token-helpers";

// The refresh endpoints: POST /auth/oauth/token (refresh_token grant) and POST /auth/sessions/current/refresh.
// Every dead refresh token answers 401 REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED, Stack Auth's code, not OAuth's invalid_grant.

let project: TestProject;
beforeAll(async () => {
  project = await createTestProject("Refresh tokens");
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function refreshViaHeader(target: Pick<TestProject, "projectId" | "publishableClientKey" | "secretServerKey" | "superSecretAdminKey">, refreshToken: string, baseUrl?: string) {
  return api("/api/v1/auth/sessions/current/refresh", { baseUrl, method: "POST", headers: projectHeaders(target, "client", { "refresh-token": refreshToken }) });
}

async function expectDead(refreshToken: string, target: TestProject = project) {
  expectKnownError(await refreshWithOAuth(target.projectId, refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  expectKnownError(await refreshViaHeader(target, refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
}

function signIn(user: SignedInUser, target: TestProject = project): Promise<ApiResponse> {
  return api("/api/v1/auth/password/sign-in", { headers: projectHeaders(target, "client"), body: { email: user.email, password: user.password } });
}

describe("lifetimes (TK-05)", () => {
  const IDLE_SECONDS = 4;
  let idle: BackendProcess;
  beforeAll(async () => {
    idle = await startBackend({ ...backendEnv(testEnv()), STACK_REFRESH_TOKEN_IDLE_TIMEOUT: `${IDLE_SECONDS}s` }, { quiet: true });
  });
  afterAll(() => idle.stop());

  async function sessionFor(user: SignedInUser, expiresInMillis: number) {
    const response = await api("/api/v1/auth/sessions", { headers: projectHeaders(project, "server"), body: { user_id: user.userId, expires_in_millis: expiresInMillis } });
    expect(response.status).toBe(200);
    return response.body.refresh_token as string;
  }
  const refreshOnIdle = (refreshToken: string) => refreshViaHeader(project, refreshToken, idle.url);

  it("ends a session at its absolute expiry however often it was used, on both endpoints", async () => {
    const user = await signUpWithPassword(project);
    const refreshToken = await sessionFor(user, 6000);
    const started = Date.now();
    // Used every second up to just before the expiry, so the idle window has not run out when the expiry comes.
    while (Date.now() - started < 5000) {
      expect((await refreshOnIdle(refreshToken)).status).toBe(200);
      await sleep(1000);
    }
    await sleep(Math.max(0, 6300 - (Date.now() - started)));
    expectKnownError(await refreshOnIdle(refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    await expectDead(refreshToken);
  });

  it("ends a session left unused for longer than the idle timeout", async () => {
    const user = await signUpWithPassword(project);
    const refreshToken = (await signIn(user)).body.refresh_token as string;
    expect((await refreshOnIdle(refreshToken)).status).toBe(200);
    await sleep(IDLE_SECONDS * 1000 + 500);
    expectKnownError(await refreshOnIdle(refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: project.projectId, client_secret: project.publishableClientKey });
    const viaOAuth = await api("/api/v1/auth/oauth/token", { baseUrl: idle.url, headers: { "content-type": "application/x-www-form-urlencoded" }, rawBody: form.toString() });
    expectKnownError(viaOAuth, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("gives sign-in sessions a one-year absolute lifetime, which refreshing never moves", async () => {
    const user = await signUpWithPassword(project);
    const expiry = async () => (await sql("select expires_at from sessions where user_id = $1", [user.userId]))[0].expires_at as Date;
    const before = await expiry();
    expect(Math.abs(before.getTime() - Date.now() - 365 * 86_400_000)).toBeLessThan(120_000);
    expect((await refreshWithOAuth(project.projectId, user.refreshToken)).status).toBe(200);
    expect(await expiry()).toEqual(before);
  });
});

describe("after sign-out (TK-06)", () => {
  // The refresh token's half of TK-06 (both endpoints refuse it at once) is in access-tokens.test.ts, "after sign-out".
  let user: SignedInUser;
  beforeAll(async () => {
    user = await signUpWithPassword(project);
    const signedOut = await api("/api/v1/auth/sessions/current", { method: "DELETE", headers: projectHeaders(project, "client", { "access-token": user.accessToken }), body: {} });
    expect(signedOut.body).toEqual({ success: true });
  });

  it("keeps accepting the access token only until its exp, at most 10 minutes after it was issued (docs/configuration.md)", async () => {
    const { iat, exp } = decodePayload(user.accessToken);
    expect(exp - iat).toBeLessThanOrEqual(600);
    expect((await api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": user.accessToken }) })).status).toBe(200);
  });

  it("lists the session no more, and a second sign-out finds nothing to end", async () => {
    const other = (await signIn(user)).body.access_token as string;
    const list = await api("/api/v1/auth/sessions?user_id=me", { headers: projectHeaders(project, "client", { "access-token": other }) });
    expect(list.body.items.map((session: { id: string }) => session.id)).not.toContain(decodePayload(user.accessToken).refresh_token_id);
    const again = await api("/api/v1/auth/sessions/current", { method: "DELETE", headers: projectHeaders(project, "client", { "access-token": user.accessToken }), body: {} });
    expectKnownError(again, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });
});

describe("client authentication on refresh (TK-08)", () => {
  // A project that requires its publishable key is the confidential client. Stack Auth's API answers a wrong or missing
  // secret with 400 INVALID_OAUTH_CLIENT_ID_OR_SECRET and a missing key with 401 PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT.
  let strict: TestProject;
  let other: TestProject;
  let user: SignedInUser;
  beforeAll(async () => {
    [strict, other] = await Promise.all([createTestProject("Confidential client"), createTestProject("Other client")]);
    user = await signUpWithPassword(strict);
    await sql(`update projects set config_override = config_override || '{"project.requirePublishableClientKey": true}'::jsonb where id = $1`, [strict.projectId]);
    // Project config is cached for up to two seconds per instance.
    await sleep(2100);
  });

  const tokenRequest = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    api("/api/v1/auth/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      rawBody: new URLSearchParams({ grant_type: "refresh_token", refresh_token: user.refreshToken, ...fields }).toString(),
    });
  const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` });

  it("refreshes with the project's publishable key, in the body or as HTTP Basic", async () => {
    expect((await tokenRequest({ client_id: strict.projectId, client_secret: strict.publishableClientKey })).status).toBe(200);
    expect((await tokenRequest({}, basic(strict.projectId, strict.publishableClientKey))).status).toBe(200);
  });

  it("refuses the public-client sentinel with PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT", async () => {
    expectKnownError(await refreshWithOAuth(strict.projectId, user.refreshToken), "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT", 401);
  });

  it("refuses a request with no client credentials at all", async () => {
    expectKnownError(await tokenRequest({ client_id: strict.projectId }), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
    expectKnownError(await tokenRequest({}), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
  });

  it("refuses another client's credentials, in the body or as HTTP Basic", async () => {
    expectKnownError(await tokenRequest({ client_id: strict.projectId, client_secret: other.publishableClientKey }), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
    expectKnownError(await tokenRequest({}, basic(strict.projectId, other.publishableClientKey)), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
    // The other client authenticates correctly, but the token is not one of its own.
    expectKnownError(await tokenRequest({ client_id: other.projectId, client_secret: other.publishableClientKey }), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("refuses malformed Basic credentials as bad client credentials, never with a 500", async () => {
    expectKnownError(await tokenRequest({}, basic("%zz", "%zz")), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
  });

  it("refuses the header refresh without the key, or with another project's", async () => {
    const noKey = await api("/api/v1/auth/sessions/current/refresh", {
      method: "POST",
      headers: { "x-hexclave-project-id": strict.projectId, "x-hexclave-access-type": "client", "x-hexclave-refresh-token": user.refreshToken },
    });
    expectKnownError(noKey, "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT", 401);
    expectKnownError(await refreshViaHeader({ ...strict, publishableClientKey: other.publishableClientKey }, user.refreshToken), "INVALID_PUBLISHABLE_CLIENT_KEY", 401);
    expect((await refreshViaHeader(strict, user.refreshToken)).status).toBe(200);
  });
});

describe("revoking every session of a scope (TK-09)", () => {
  // No introspection endpoint exists: both refresh endpoints and the CLI hand-over look sessions up the same way.
  async function sessionsOf(target: TestProject, user: SignedInUser): Promise<string[]> {
    const more = await Promise.all([signIn(user, target), signIn(user, target)]);
    return [user.refreshToken, ...more.map((response) => response.body.refresh_token as string)];
  }

  it("a user's: a server's password change ends all three of the user's sessions and no one else's", async () => {
    const [victim, bystander] = await Promise.all([signUpWithPassword(project), signUpWithPassword(project)]);
    const tokens = await sessionsOf(project, victim);
    const changed = await api(`/api/v1/users/${victim.userId}`, { method: "PATCH", headers: projectHeaders(project, "server"), body: { password: "a whole new passphrase" } });
    expect(changed.status).toBe(200);
    for (const token of tokens) await expectDead(token);
    const cli = await api("/api/v1/auth/cli", { headers: projectHeaders(project, "client"), body: {} });
    const handOver = await api("/api/v1/auth/cli/complete", { headers: projectHeaders(project, "client"), body: { login_code: cli.body.login_code, refresh_token: tokens[0] } });
    expect(handOver.status).toBe(400);
    const listed = await api(`/api/v1/auth/sessions?user_id=${victim.userId}`, { headers: projectHeaders(project, "server") });
    expect(listed.body.items).toEqual([]);
    expect((await refreshWithOAuth(project.projectId, bystander.refreshToken)).status).toBe(200);
  });

  it("a project's: deleting the project ends every session of every user in it, and leaves other projects alone", async () => {
    const [doomed, bystanders] = await Promise.all([createTestProject("Doomed"), createTestProject("Bystanders")]);
    const [alice, bob, carol] = await Promise.all([signUpWithPassword(doomed), signUpWithPassword(doomed), signUpWithPassword(bystanders)]);
    const tokens = [...(await sessionsOf(doomed, alice)), bob.refreshToken];
    const deleted = await api("/api/v1/internal/projects/current", { method: "DELETE", headers: projectHeaders(doomed, "admin"), body: {} });
    expect(deleted.status).toBe(200);
    for (const token of tokens) {
      expectKnownError(await refreshWithOAuth(doomed.projectId, token), "INVALID_OAUTH_CLIENT_ID_OR_SECRET", 400);
      expectKnownError(await refreshWithOAuth(bystanders.projectId, token), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    }
    expect((await sql("select count(*)::int as n from sessions where user_id = any($1)", [[alice.userId, bob.userId]]))[0].n).toBe(0);
    expect((await refreshWithOAuth(bystanders.projectId, carol.refreshToken)).status).toBe(200);
  });
});

describe("format and storage (TK-10)", () => {
  // Refresh tokens keep Stack Auth's format of 45 base32 characters (225 bits); backend unit tests check the randomness and the logs.
  it("is 45 lowercase base32 characters, and no table holds it in the clear, the CLI hand-over included", async () => {
    const user = await signUpWithPassword(project);
    expect(user.refreshToken).toMatch(/^[a-z2-7]{45}$/);
    expect((await refreshWithOAuth(project.projectId, user.refreshToken)).status).toBe(200);
    const cli = await api("/api/v1/auth/cli", { headers: projectHeaders(project, "client"), body: {} });
    const approved = await api("/api/v1/auth/cli/complete", { headers: projectHeaders(project, "client"), body: { login_code: cli.body.login_code, refresh_token: user.refreshToken } });
    expect(approved.body).toEqual({ success: true });

    const tables = await sql<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'");
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) {
      const [row] = await sql(`select count(*)::int as n from "${name}" t where t::text like '%' || $1 || '%'`, [user.refreshToken]);
      expect({ table: name, rows: row.n }).toEqual({ table: name, rows: 0 });
    }
    const hashed = await sql("select count(*)::int as n from sessions where refresh_token_hash = encode(sha256($1::bytea), 'hex')", [user.refreshToken]);
    expect(hashed[0].n).toBe(1);

    const polled = await api("/api/v1/auth/cli/poll", { headers: projectHeaders(project, "client"), body: { polling_code: cli.body.polling_code } });
    expect(polled.body).toEqual({ status: "success", refresh_token: user.refreshToken });
  });
});
