import { beforeAll, describe, expect, it } from "vitest";
import {
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  patchProjectConfig,
  projectHeaders,
  signUpWithPassword,
  sql,
} from "../harness/rest";

let project: TestProject;
const client = (user: SignedInUser) => projectHeaders(project, "client", { "access-token": user.accessToken });
const server = () => projectHeaders(project, "server");

async function createTeamAs(user: SignedInUser, displayName = "Team") {
  const response = await api("/api/v1/teams", { headers: client(user), body: { display_name: displayName } });
  expect(response.status).toBe(201);
  return response.body as { id: string; display_name: string };
}

beforeAll(async () => {
  project = await createTestProject("Teams");
  await patchProjectConfig(project, { client_team_creation_enabled: true });
});

describe("teams", () => {
  it("lets a client create a team it joins with the creator's default permissions", async () => {
    const user = await signUpWithPassword(project);
    const team = await createTeamAs(user, "Acme");
    expect(team).toMatchObject({ display_name: "Acme", profile_image_url: null });
    expect(team).not.toHaveProperty("server_metadata");
    const listed = await api("/api/v1/teams?user_id=me", { headers: client(user) });
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([team.id]);
    const permissions = await api(`/api/v1/team-permissions?team_id=${team.id}&user_id=me`, { headers: client(user) });
    expect(permissions.body.items).toEqual([{ id: "team_admin", team_id: team.id, user_id: user.userId }]);
    const recursive = await api(`/api/v1/team-permissions?team_id=${team.id}&user_id=me&recursive=true`, { headers: client(user) });
    expect(recursive.body.items.map((p: { id: string }) => p.id)).toEqual([
      "$delete_team",
      "$invite_members",
      "$manage_api_keys",
      "$read_members",
      "$remove_members",
      "$update_team",
      "team_admin",
    ]);
  });

  it("refuses client team creation when the project does not allow it", async () => {
    const other = await createTestProject("No client teams");
    const user = await signUpWithPassword(other);
    const response = await api("/api/v1/teams", { headers: projectHeaders(other, "client", { "access-token": user.accessToken }), body: { display_name: "X" } });
    expect(response.status).toBe(403);
  });

  it("lets members with $update_team rename the team, and refuses plain members", async () => {
    const admin = await signUpWithPassword(project);
    const member = await signUpWithPassword(project);
    const team = await createTeamAs(admin);
    expect((await api(`/api/v1/team-memberships/${team.id}/${member.userId}`, { headers: server(), body: {} })).status).toBe(201);
    const renamed = await api(`/api/v1/teams/${team.id}`, { method: "PATCH", headers: client(admin), body: { display_name: "Renamed" } });
    expect(renamed.body.display_name).toBe("Renamed");
    const refused = await api(`/api/v1/teams/${team.id}`, { method: "PATCH", headers: client(member), body: { display_name: "Mine now" } });
    expectKnownError(refused, "TEAM_PERMISSION_REQUIRED", 401);
    const stranger = await signUpWithPassword(project);
    const hidden = await api(`/api/v1/teams/${team.id}`, { headers: client(stranger) });
    expectKnownError(hidden, "TEAM_MEMBERSHIP_NOT_FOUND", 404);
  });

  it("takes an empty display name on create and rename, as Stack Auth's API does", async () => {
    const user = await signUpWithPassword(project);
    const created = await api("/api/v1/teams", { headers: server(), body: { display_name: "", creator_user_id: user.userId } });
    expect(created.status).toBe(201);
    expect(created.body.display_name).toBe("");
    const team = await createTeamAs(user, "Named");
    await api(`/api/v1/team-permissions/${team.id}/${user.userId}/$update_team`, { headers: server(), body: {} });
    const renamed = await api(`/api/v1/teams/${team.id}`, { method: "PATCH", headers: client(user), body: { display_name: "" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.display_name).toBe("");
    expect((await api(`/api/v1/teams/${team.id}`, { headers: server() })).body.display_name).toBe("");
  });

  it("ignores the body of a DELETE, as the SDKs send one", async () => {
    const user = await signUpWithPassword(project);
    const team = await createTeamAs(user);
    const deleted = await api(`/api/v1/teams/${team.id}`, { method: "DELETE", headers: server(), body: { display_name: "ignored" } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true });
    expectKnownError(await api(`/api/v1/teams/${team.id}`, { headers: server() }), "TEAM_NOT_FOUND", 404);
  });

  it("adds and removes members, with member profiles falling back to the user's own name", async () => {
    const admin = await signUpWithPassword(project);
    const member = await signUpWithPassword(project);
    await api("/api/v1/users/me", { method: "PATCH", headers: client(member), body: { display_name: "Mia" } });
    const team = await createTeamAs(admin);
    await api(`/api/v1/team-memberships/${team.id}/${member.userId}`, { headers: server(), body: {} });
    const again = await api(`/api/v1/team-memberships/${team.id}/${member.userId}`, { headers: server(), body: {} });
    expectKnownError(again, "TEAM_MEMBERSHIP_ALREADY_EXISTS", 409);
    const profiles = await api(`/api/v1/team-member-profiles?team_id=${team.id}`, { headers: client(admin) });
    expect(profiles.body.items).toContainEqual({ team_id: team.id, user_id: member.userId, display_name: "Mia", profile_image_url: null });
    const changed = await api(`/api/v1/team-member-profiles/${team.id}/me`, { method: "PATCH", headers: client(member), body: { display_name: "Mia at Acme" } });
    expect(changed.body.display_name).toBe("Mia at Acme");
    const serverView = await api(`/api/v1/team-member-profiles/${team.id}/${member.userId}`, { headers: server() });
    expect(serverView.body.user.id).toBe(member.userId);
    const left = await api(`/api/v1/team-memberships/${team.id}/me`, { method: "DELETE", headers: client(member), body: {} });
    expect(left.status).toBe(200);
    expect((await api("/api/v1/teams?user_id=me", { headers: client(member) })).body.items).toEqual([]);
  });

  it("checks nested permissions recursively and revokes only direct grants", async () => {
    const admin = projectHeaders(project, "admin");
    for (const [id, contained] of [["read", []], ["write", ["read"]], ["owner", ["write"]]] as const) {
      const created = await api("/api/v1/team-permission-definitions", { headers: admin, body: { id: `doc_${id}`, contained_permission_ids: contained.map((c) => `doc_${c}`) } });
      expect(created.status).toBe(201);
    }
    const user = await signUpWithPassword(project);
    const team = await createTeamAs(user);
    const granted = await api(`/api/v1/team-permissions/${team.id}/${user.userId}/doc_owner`, { headers: server(), body: {} });
    expect(granted.status).toBe(201);
    const check = await api(`/api/v1/team-permissions?team_id=${team.id}&user_id=me&permission_id=doc_read&recursive=true`, { headers: client(user) });
    expect(check.body.items).toEqual([{ id: "doc_read", team_id: team.id, user_id: user.userId }]);
    const direct = await api(`/api/v1/team-permissions?team_id=${team.id}&user_id=me&permission_id=doc_read`, { headers: client(user) });
    expect(direct.body.items).toEqual([]);
    const notDirect = await api(`/api/v1/team-permissions/${team.id}/${user.userId}/doc_read`, { method: "DELETE", headers: server() });
    expectKnownError(notDirect, "TEAM_PERMISSION_NOT_FOUND", 401);
    const unknown = await api(`/api/v1/team-permissions/${team.id}/${user.userId}/nope`, { headers: server(), body: {} });
    expectKnownError(unknown, "PERMISSION_NOT_FOUND", 404);
  });
});

// CC-02: there is no team limit to stop at. Stack Auth's API has no limit on
// teams (only the internal project counts dashboard seats when someone joins), so what applies is that requests
// racing each other make exactly the rows they asked for, never a duplicate.
describe("creating and joining at once (CC-02)", () => {
  const CONCURRENCY = 20;

  it("makes one team, one membership and one creator grant per concurrent create", async () => {
    const user = await signUpWithPassword(project);
    const responses = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => api("/api/v1/teams", { headers: client(user), body: { display_name: `Rush ${i}` } })));
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    const ids = new Set(responses.map((response) => response.body.id as string));
    expect(ids.size).toBe(CONCURRENCY);
    const rows = await sql<{ team_id: string; members: number; grants: number }>(
      `select t.id as team_id,
              (select count(*)::int from team_members m where m.team_id = t.id) as members,
              (select count(*)::int from team_permission_grants g where g.team_id = t.id) as grants
       from teams t where t.id = any($1::uuid[])`,
      [[...ids]],
    );
    expect(rows).toHaveLength(CONCURRENCY);
    expect(rows.every((row) => row.members === 1 && row.grants === 1)).toBe(true);
  });

  it("adds a user to a team once when the same membership is requested many times at once; the rest get 409", async () => {
    const admin = await signUpWithPassword(project);
    const member = await signUpWithPassword(project);
    const team = await createTeamAs(admin);
    const responses = await Promise.all(Array.from({ length: CONCURRENCY }, () => api(`/api/v1/team-memberships/${team.id}/${member.userId}`, { headers: server(), body: {} })));
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 201)) expectKnownError(response, "TEAM_MEMBERSHIP_ALREADY_EXISTS", 409);
    const [row] = await sql("select count(*)::int as n from team_members where team_id = $1 and user_id = $2", [team.id, member.userId]);
    expect(row.n).toBe(1);
    const grants = await sql("select permission_id from team_permission_grants where team_id = $1 and user_id = $2", [team.id, member.userId]);
    expect(grants).toEqual([{ permission_id: "team_member" }]);
  });

  it("grants one permission once however many grants race", async () => {
    const admin = await signUpWithPassword(project);
    const member = await signUpWithPassword(project);
    const team = await createTeamAs(admin);
    await api(`/api/v1/team-memberships/${team.id}/${member.userId}`, { headers: server(), body: {} });
    const responses = await Promise.all(Array.from({ length: CONCURRENCY }, () => api(`/api/v1/team-permissions/${team.id}/${member.userId}/team_admin`, { headers: server(), body: {} })));
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
    const [row] = await sql("select count(*)::int as n from team_permission_grants where team_id = $1 and user_id = $2 and permission_id = 'team_admin'", [team.id, member.userId]);
    expect(row.n).toBe(1);
  });
});
