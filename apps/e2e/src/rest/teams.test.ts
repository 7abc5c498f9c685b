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
