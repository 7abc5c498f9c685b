import {
  BASE_URL,
  FIXTURE_IDS,
  HOUR,
  PROJECT_ID,
  type Reply,
  accessTokenExpiringIn,
  apiKeyJson,
  fakeFetch,
  knownError,
  list,
  ok,
  requestOf,
  serverTeamJson,
  serverUserJson,
  teamJson,
  userJson,
} from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { HexclaveClientApp, HexclaveServerApp } from "../public-api.js";

const TEAM = FIXTURE_IDS.team;
const USER = FIXTURE_IDS.user;
const KEY = FIXTURE_IDS.apiKey;
const teamKey = () => apiKeyJson({ type: "team", team_id: TEAM });

function serverApp(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const app = new HexclaveServerApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk", fetch });
  return { app, requests: () => calls.map(requestOf) };
}

async function signedIn(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(ok(userJson({ selected_team: teamJson(), selected_team_id: TEAM })), ...replies);
  const tokenStore = { accessToken: accessTokenExpiringIn(HOUR), refreshToken: "rt" };
  const user = await new HexclaveClientApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore, fetch }).getUser({ or: "throw" });
  calls.splice(0);
  return { user, requests: () => calls.map(requestOf) };
}

describe("the signed-in user's API keys", () => {
  it("creates a key for itself and shows the full key once", async () => {
    const { user, requests } = await signedIn(ok({ ...apiKeyJson(), value: "sk_full_secret" }));
    const key = await user.createApiKey({ description: "CI", expiresAt: null });
    expect(key.value).toBe("sk_full_secret");
    expect(requests()).toEqual([
      { method: "POST", path: "/user-api-keys", body: { user_id: "me", description: "CI", expires_at_millis: null }, accessType: "client" },
    ]);
  });

  it("lists its keys masked and revokes one under the key's user", async () => {
    const { user, requests } = await signedIn(ok(list([apiKeyJson()])), ok(apiKeyJson({ manually_revoked_at_millis: 1 })));
    const [key] = await user.listApiKeys();
    expect(key?.value).toEqual({ lastFour: "abcd" });
    await key?.revoke();
    expect(requests().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: "GET", path: "/user-api-keys?user_id=me", body: undefined },
      { method: "PATCH", path: `/user-api-keys/${KEY}?user_id=${USER}`, body: { revoked: true } },
    ]);
  });

  it("creates and lists a team's keys with the team in body and query", async () => {
    const { user, requests } = await signedIn(ok({ ...teamKey(), value: "pk_full" }), ok(list([teamKey()])));
    const created = await user.selectedTeam?.createApiKey({ description: "Widget", expiresAt: new Date(1_900_000_000_000), isPublic: true });
    expect(created).toMatchObject({ type: "team", teamId: TEAM, value: "pk_full" });
    await user.selectedTeam?.listApiKeys();
    expect(requests().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: "POST", path: "/team-api-keys", body: { team_id: TEAM, description: "Widget", expires_at_millis: 1_900_000_000_000, is_public: true } },
      { method: "GET", path: `/team-api-keys?team_id=${TEAM}`, body: undefined },
    ]);
  });
});

describe("HexclaveServerApp.getUser({ apiKey })", () => {
  it("checks the key, then reads its user", async () => {
    const { app, requests } = serverApp(ok(apiKeyJson()), ok(serverUserJson()));
    expect((await app.getUser({ apiKey: "sk_user_key" }))?.id).toBe(USER);
    expect(requests().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: "POST", path: "/user-api-keys/check", body: { api_key: "sk_user_key" } },
      { method: "GET", path: `/users/${USER}`, body: undefined },
    ]);
  });

  it.each([
    ["API_KEY_NOT_FOUND", 404, undefined],
    ["API_KEY_EXPIRED", 401, undefined],
    ["API_KEY_REVOKED", 401, undefined],
    ["WRONG_API_KEY_TYPE", 400, { expected_type: "user", actual_type: "team" }],
  ] as const)("answers null for a key refused with %s", async (code, status, details) => {
    const { app, requests } = serverApp(knownError(code, status, details));
    expect(await app.getUser({ apiKey: "sk_user_key" })).toBeNull();
    expect(requests()).toHaveLength(1);
  });
});

describe("HexclaveServerApp.getTeam({ apiKey })", () => {
  it("checks the key as a team key, then reads its team", async () => {
    const { app, requests } = serverApp(ok(teamKey()), ok(serverTeamJson()));
    expect((await app.getTeam({ apiKey: "sk_team_key" }))?.id).toBe(TEAM);
    expect(requests().map(({ method, path }) => `${method} ${path}`)).toEqual(["POST /team-api-keys/check", `GET /teams/${TEAM}`]);
  });

  it("answers null for a revoked key", async () => {
    const { app } = serverApp(knownError("API_KEY_REVOKED", 401));
    expect(await app.getTeam({ apiKey: "sk_team_key" })).toBeNull();
  });
});

describe("a server user's and team's API keys", () => {
  it("creates a key for the user by id and revokes it with server access", async () => {
    const { app, requests } = serverApp(ok(serverUserJson()), ok({ ...apiKeyJson(), value: "sk_full" }), ok(apiKeyJson()));
    const user = await app.getUser(USER);
    const key = await user?.createApiKey({ description: "CI", expiresAt: null });
    await key?.revoke();
    expect(requests().slice(1)).toEqual([
      { method: "POST", path: "/user-api-keys", body: { user_id: USER, description: "CI", expires_at_millis: null }, accessType: "server" },
      { method: "PATCH", path: `/user-api-keys/${KEY}?user_id=${USER}`, body: { revoked: true }, accessType: "server" },
    ]);
  });

  it("lists a team's keys", async () => {
    const { app, requests } = serverApp(ok(serverTeamJson()), ok(list([teamKey()])));
    const keys = await (await app.getTeam(TEAM))?.listApiKeys();
    expect(keys?.map((key) => key.type)).toEqual(["team"]);
    expect(requests()[1]?.path).toBe(`/team-api-keys?team_id=${TEAM}`);
  });
});
