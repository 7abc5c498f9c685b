import {
  BASE_URL,
  FIXTURE_IDS,
  HOUR,
  PROJECT_ID,
  type Reply,
  accessTokenExpiringIn,
  fakeFetch,
  knownError,
  list,
  ok,
  requestOf,
  serverUserJson,
  userJson,
} from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { HexclaveClientApp, HexclaveServerApp } from "../public-api.js";
import { permissionMethods } from "./permission.js";

const TEAM = FIXTURE_IDS.team;
const USER = FIXTURE_IDS.user;
const team = { id: TEAM };

async function signedIn(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(ok(userJson()), ...replies);
  const tokenStore = { accessToken: accessTokenExpiringIn(HOUR), refreshToken: "rt" };
  const user = await new HexclaveClientApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore, fetch }).getUser({ or: "throw" });
  calls.splice(0);
  return { user, requests: () => calls.map(requestOf) };
}

async function serverUser(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(ok(serverUserJson()), ...replies);
  const user = await new HexclaveServerApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk", fetch }).getUser(USER);
  if (!user) throw new Error("the fixture user should exist");
  calls.splice(0);
  return { user, requests: () => calls.map(requestOf) };
}

describe("permissionMethods", () => {
  const lists: [string | null, boolean][] = [];
  const methods = permissionMethods(async (scope, recursive) => {
    lists.push([scope?.id ?? null, recursive]);
    const rows: { id: string; user_id: string }[] = [{ id: "read", user_id: USER }];
    return rows;
  });

  it("lists recursively unless told otherwise, in a team or in the project", async () => {
    lists.splice(0);
    await methods.listPermissions(team);
    await methods.listPermissions(team, { recursive: false });
    await methods.listPermissions();
    await methods.listPermissions({ recursive: false });
    expect(lists).toEqual([
      [TEAM, true],
      [TEAM, false],
      [null, true],
      [null, false],
    ]);
  });

  it("returns permissions as { id } only", async () => {
    expect(await methods.listPermissions()).toEqual([{ id: "read" }]);
  });

  it("finds one permission, or null", async () => {
    expect(await methods.getPermission(team, "read")).toEqual({ id: "read" });
    expect(await methods.getPermission("write")).toBeNull();
    expect(await methods.hasPermission("read")).toBe(true);
    expect(await methods.hasPermission(team, "write")).toBe(false);
  });
});

describe("the signed-in user's permissions", () => {
  it("checks a team permission recursively, as the user", async () => {
    const { user, requests } = await signedIn(ok(list([{ id: "$invite_members", user_id: USER, team_id: TEAM }])));
    expect(await user.hasPermission(team, "$invite_members")).toBe(true);
    expect(requests()).toEqual([
      { method: "GET", path: `/team-permissions?team_id=${TEAM}&user_id=me&recursive=true`, body: undefined, accessType: "client" },
    ]);
  });

  it("checks a project permission", async () => {
    const { user, requests } = await signedIn(ok(list([])));
    expect(await user.getPermission("admin")).toBeNull();
    expect(requests()[0]?.path).toBe("/project-permissions?user_id=me&recursive=true");
  });

  it("lists only direct grants when asked", async () => {
    const { user, requests } = await signedIn(ok(list([{ id: "team_admin", user_id: USER, team_id: TEAM }])));
    expect(await user.listPermissions(team, { recursive: false })).toEqual([{ id: "team_admin" }]);
    expect(requests()[0]?.path).toBe(`/team-permissions?team_id=${TEAM}&user_id=me&recursive=false`);
  });
});

describe("a server user's permissions", () => {
  it("grants and revokes a team permission with an empty body", async () => {
    const { user, requests } = await serverUser(ok({ id: "team_admin", user_id: USER, team_id: TEAM }), ok({ success: true }));
    await user.grantPermission(team, "team_admin");
    await user.revokePermission(team, "team_admin");
    expect(requests().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: "POST", path: `/team-permissions/${TEAM}/${USER}/team_admin`, body: {} },
      { method: "DELETE", path: `/team-permissions/${TEAM}/${USER}/team_admin`, body: {} },
    ]);
  });

  it("grants and revokes a project permission", async () => {
    const { user, requests } = await serverUser(ok({ id: "admin", user_id: USER }), ok({ success: true }));
    await user.grantPermission("admin");
    await user.revokePermission("admin");
    expect(requests().map(({ method, path }) => `${method} ${path}`)).toEqual([`POST /project-permissions/${USER}/admin`, `DELETE /project-permissions/${USER}/admin`]);
  });

  it("checks permissions of that user with server access", async () => {
    const { user, requests } = await serverUser(ok(list([{ id: "admin", user_id: USER }])));
    expect(await user.hasPermission("admin")).toBe(true);
    expect(requests()[0]).toMatchObject({ path: `/project-permissions?user_id=${USER}&recursive=true`, accessType: "server" });
  });

  it("surfaces a grant the API refuses as its known error", async () => {
    const { user } = await serverUser(knownError("PERMISSION_NOT_FOUND", 404, { permission_id: "nope" }));
    await expect(user.grantPermission(team, "nope")).rejects.toMatchObject({ code: "PERMISSION_NOT_FOUND" });
  });
});
