// Permission escalation by members, demotion racing privileged requests, invitation reuse.
import { performance } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  patchProjectConfig,
  signUpWithPassword,
  uniqueEmail,
} from "../harness/rest";
import { expectNoWrites, invitationCode, teamsOf } from "./team-helpers";

let project: TestProject;
let t: ReturnType<typeof teamsOf>;

beforeAll(async () => {
  project = await createTestProject("RBAC abuse");
  await patchProjectConfig(project, { client_team_creation_enabled: true });
  t = teamsOf(project);
});

async function teamWithMember() {
  const admin = await signUpWithPassword(project);
  const member = await signUpWithPassword(project);
  const team = await t.createTeamAs(admin, "Original");
  await t.addMember(team.id, member.userId);
  return { admin, member, team };
}

const teamPermissionsOf = async (teamId: string, user: SignedInUser) =>
  (await api(`/api/v1/team-permissions?team_id=${teamId}&user_id=me&recursive=true`, { headers: t.client(user) })).body.items.map((p: { id: string }) => p.id);

const writesNothing = (calls: () => Promise<void>) => expectNoWrites(project.projectId, calls);

// RB-01: grants and definitions are server/admin-only routes, as in Stack Auth's API: INSUFFICIENT_ACCESS_TYPE (401).
describe("a plain member (RB-01)", () => {
  it("cannot grant itself team_admin or any team permission: grant routes are server-only", async () => {
    const { member, team } = await teamWithMember();
    await writesNothing(async () => {
      for (const permission of ["team_admin", "$update_team", "$remove_members"]) {
        const response = await api(`/api/v1/team-permissions/${team.id}/me/${permission}`, { headers: t.client(member), body: {} });
        expectKnownError(response, "INSUFFICIENT_ACCESS_TYPE", 401);
        expect(response.body.details).toEqual({ actual_access_type: "client", allowed_access_types: ["server", "admin"] });
      }
    });
    expect(await teamPermissionsOf(team.id, member)).toEqual(["$invite_members", "$read_members", "team_member"]);
  });

  it("cannot revoke the admin's permissions", async () => {
    const { admin, member, team } = await teamWithMember();
    await writesNothing(async () => {
      const response = await api(`/api/v1/team-permissions/${team.id}/${admin.userId}/team_admin`, { method: "DELETE", headers: t.client(member) });
      expectKnownError(response, "INSUFFICIENT_ACCESS_TYPE", 401);
    });
  });

  it("cannot grant itself a project permission", async () => {
    const created = await api("/api/v1/project-permission-definitions", { headers: t.admin(), body: { id: "billing:admin" } });
    expect(created.status).toBe(201);
    const { member } = await teamWithMember();
    await writesNothing(async () => {
      expectKnownError(await api("/api/v1/project-permissions/me/billing:admin", { headers: t.client(member), body: {} }), "INSUFFICIENT_ACCESS_TYPE", 401);
    });
    expect((await api("/api/v1/project-permissions?user_id=me", { headers: t.client(member) })).body.items).toEqual([]);
  });

  it("cannot create or edit permission definitions, which are admin-only", async () => {
    const { member } = await teamWithMember();
    const before = await api("/api/v1/team-permission-definitions", { headers: t.admin() });
    await writesNothing(async () => {
      for (const headers of [t.client(member), t.server()]) {
        const escalate = await api("/api/v1/team-permission-definitions/team_member", { method: "PATCH", headers, body: { contained_permission_ids: ["team_admin"] } });
        expectKnownError(escalate, "INSUFFICIENT_ACCESS_TYPE", 401);
        const create = await api("/api/v1/team-permission-definitions", { headers, body: { id: "sneaky", contained_permission_ids: ["$delete_team"] } });
        expectKnownError(create, "INSUFFICIENT_ACCESS_TYPE", 401);
        expectKnownError(await api("/api/v1/team-permission-definitions/team_admin", { method: "DELETE", headers }), "INSUFFICIENT_ACCESS_TYPE", 401);
        expectKnownError(await api("/api/v1/project-permission-definitions", { headers, body: { id: "sneaky" } }), "INSUFFICIENT_ACCESS_TYPE", 401);
      }
    });
    expect((await api("/api/v1/team-permission-definitions", { headers: t.admin() })).body).toEqual(before.body);
  });

  it("cannot rename or delete the team (TEAM_PERMISSION_REQUIRED)", async () => {
    const { member, team } = await teamWithMember();
    await writesNothing(async () => {
      const rename = await api(`/api/v1/teams/${team.id}`, { method: "PATCH", headers: t.client(member), body: { display_name: "Mine" } });
      expectKnownError(rename, "TEAM_PERMISSION_REQUIRED", 401);
      expect(rename.body.details).toEqual({ team_id: team.id, user_id: member.userId, permission_id: "$update_team" });
      const remove = await api(`/api/v1/teams/${team.id}`, { method: "DELETE", headers: t.client(member) });
      expectKnownError(remove, "TEAM_PERMISSION_REQUIRED", 401);
      expect(remove.body.details.permission_id).toBe("$delete_team");
    });
  });

  it("cannot remove other members, the admin included (TEAM_PERMISSION_REQUIRED)", async () => {
    const { admin, member, team } = await teamWithMember();
    const other = await signUpWithPassword(project);
    await t.addMember(team.id, other.userId);
    await writesNothing(async () => {
      for (const target of [admin, other]) {
        const response = await api(`/api/v1/team-memberships/${team.id}/${target.userId}`, { method: "DELETE", headers: t.client(member), body: {} });
        expectKnownError(response, "TEAM_PERMISSION_REQUIRED", 401);
        expect(response.body.details.permission_id).toBe("$remove_members");
      }
    });
  });

  it("gets only the member defaults by inviting its own second account", async () => {
    const { member, team } = await teamWithMember();
    const alt = await signUpWithPassword(project, uniqueEmail("alt"));
    const sent = await t.sendInvitation(t.client(member), team.id, alt.email);
    expect(sent.status).toBe(200);
    const accepted = await api("/api/v1/team-invitations/accept", { headers: t.client(alt), body: { code: await invitationCode(alt.email) } });
    expect(accepted.status).toBe(200);
    expect(await teamPermissionsOf(team.id, alt)).toEqual(["$invite_members", "$read_members", "team_member"]);
  });

  it("gains and loses rights as soon as an admin changes what a permission contains", async () => {
    const { member, team } = await teamWithMember();
    const definition = await api("/api/v1/team-permission-definitions", { headers: t.admin(), body: { id: "renamer", contained_permission_ids: [] } });
    expect(definition.status).toBe(201);
    await t.grant(team.id, member.userId, "renamer");
    const rename = () => api(`/api/v1/teams/${team.id}`, { method: "PATCH", headers: t.client(member), body: { display_name: "Renamed" } });
    expectKnownError(await rename(), "TEAM_PERMISSION_REQUIRED", 401);
    await api("/api/v1/team-permission-definitions/renamer", { method: "PATCH", headers: t.admin(), body: { contained_permission_ids: ["$update_team"] } });
    expect((await rename()).status).toBe(200);
    await api("/api/v1/team-permission-definitions/renamer", { method: "PATCH", headers: t.admin(), body: { contained_permission_ids: [] } });
    expectKnownError(await rename(), "TEAM_PERMISSION_REQUIRED", 401);
  });
});

describe("demotion during privileged requests (RB-02)", () => {
  it("refuses every rename that starts after the revocation of team_admin returned, and keeps a name written before it", async () => {
    const { member, team } = await teamWithMember();
    await t.grant(team.id, member.userId, "team_admin");
    type Outcome = { name: string; startedAt: number; status: number; code?: string };
    const outcomes: Promise<Outcome>[] = [];
    let revokedAt = Number.POSITIVE_INFINITY;
    let revocation: Promise<void> | undefined;
    for (let i = 0; i < 50; i++) {
      const name = `rename-${i}`;
      const startedAt = performance.now();
      outcomes.push(
        api(`/api/v1/teams/${team.id}`, { method: "PATCH", headers: t.client(member), body: { display_name: name } }).then((r) => ({
          name,
          startedAt,
          status: r.status,
          code: r.body?.code,
        })),
      );
      if (i === 15) {
        revocation = api(`/api/v1/team-permissions/${team.id}/${member.userId}/team_admin`, { method: "DELETE", headers: t.server() }).then((r) => {
          expect(r.status).toBe(200);
          revokedAt = performance.now();
        });
      }
      // Spread the renames over the revocation; the last ten start only once it has returned.
      if (i === 39) await revocation;
      else await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await revocation;
    const results = await Promise.all(outcomes);
    const after = results.filter((result) => result.startedAt > revokedAt);
    expect(after.length).toBeGreaterThan(0);
    for (const result of after) expect([result.name, result.status, result.code]).toEqual([result.name, 401, "TEAM_PERMISSION_REQUIRED"]);
    for (const result of results) expect([200, 401]).toContain(result.status);
    const written = results.filter((result) => result.status === 200);
    expect(written.length).toBeGreaterThan(0);
    for (const result of written) expect(result.startedAt).toBeLessThan(revokedAt);
    const final = await api(`/api/v1/teams/${team.id}`, { headers: t.server() });
    expect(written.map((result) => result.name)).toContain(final.body.display_name);
    expect(await teamPermissionsOf(team.id, member)).not.toContain("$update_team");
  });
});

describe("invitations used twice or by someone else (RB-03)", () => {
  it("refuses the second acceptance of one invitation with VERIFICATION_CODE_ALREADY_USED", async () => {
    const { team } = await teamWithMember();
    const invitee = await signUpWithPassword(project);
    const { code } = await t.invite(team.id, invitee.email);
    expect((await api("/api/v1/team-invitations/accept", { headers: t.client(invitee), body: { code } })).status).toBe(200);
    await writesNothing(async () => {
      expectKnownError(await api("/api/v1/team-invitations/accept", { headers: t.client(invitee), body: { code } }), "VERIFICATION_CODE_ALREADY_USED", 409);
    });
  });

  it("lets exactly one of two parallel acceptances of one code through", async () => {
    const { team } = await teamWithMember();
    const [first, second] = [await signUpWithPassword(project), await signUpWithPassword(project)];
    const { code } = await t.invite(team.id, uniqueEmail("raced"));
    const results = await Promise.all([first, second].map((user) => api("/api/v1/team-invitations/accept", { headers: t.client(user), body: { code } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expectKnownError(results.find((r) => r.status === 409)!, "VERIFICATION_CODE_ALREADY_USED", 409);
    const members = await api(`/api/v1/users?team_id=${team.id}`, { headers: t.server() });
    expect(members.body.items.filter((u: { id: string }) => u.id === first.userId || u.id === second.userId)).toHaveLength(1);
  });

  // RB-03: an invitation code needs no email match in Stack Auth's API, so whoever holds it joins.
  it("lets whoever holds the code join, whatever their email", async () => {
    const { team } = await teamWithMember();
    const { code } = await t.invite(team.id, uniqueEmail("intended"));
    const holder = await signUpWithPassword(project);
    expect((await api("/api/v1/team-invitations/accept", { headers: t.client(holder), body: { code } })).status).toBe(200);
    expect((await api(`/api/v1/team-member-profiles/${team.id}/me`, { headers: t.client(holder) })).status).toBe(200);
  });

  // RB-03: accepting by id for another address answers VERIFICATION_CODE_NOT_FOUND (404), as in Stack Auth's API.
  it("refuses accepting by id for a user whose verified email is another", async () => {
    const { team } = await teamWithMember();
    const { id } = await t.invite(team.id, uniqueEmail("intended"));
    const other = await signUpWithPassword(project);
    await t.verifyEmailOf(other.userId);
    await writesNothing(async () => {
      const response = await api(`/api/v1/team-invitations/${id}/accept?user_id=me`, { method: "POST", headers: t.client(other), body: {} });
      expectKnownError(response, "VERIFICATION_CODE_NOT_FOUND", 404);
    });
  });

  // RB-03: there is no last-owner rule (Stack Auth's API has none), so the only admin may leave.
  it("lets the team's only admin leave it", async () => {
    const { admin, member, team } = await teamWithMember();
    const left = await api(`/api/v1/team-memberships/${team.id}/me`, { method: "DELETE", headers: t.client(admin), body: {} });
    expect(left.body).toEqual({ success: true });
    expect((await api(`/api/v1/teams/${team.id}`, { headers: t.client(member) })).status).toBe(200);
  });
});
