// Every team resource, asked for by another project (its client, server and admin) with
// the first project's ids, is hidden behind a 404-class answer (or Stack Auth's "not yours" answer), never listed, never
// changed. The same within one project between two teams.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type AccessType,
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  patchProjectConfig,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  sql,
  uniqueEmail,
} from "../harness/rest";
import { expectNoWrites, idsOf, outboxSettled, teamsOf } from "./team-helpers";

/** One project with a team, its admin and member, a pending invitation and granted project permission. */
type World = {
  project: TestProject;
  t: ReturnType<typeof teamsOf>;
  admin: SignedInUser;
  member: SignedInUser;
  team: { id: string; display_name: string };
  invitation: { id: string; code: string; email: string };
  userKey: { id: string; value: string };
  teamKey: { id: string; value: string };
};

let a: World;
let b: World;
/** B's user who owns, verified, the very address A's invitation went to (A's invitee has no account). */
let twin: SignedInUser;

async function createWorld(name: string, inviteeEmail: string): Promise<World> {
  const project = await createTestProject(name);
  await patchProjectConfig(project, { client_team_creation_enabled: true, allow_user_api_keys: true, allow_team_api_keys: true });
  const t = teamsOf(project);
  // Both projects define the same permission ids, so only the project boundary can stop a cross-project call.
  const definition = await api("/api/v1/project-permission-definitions", { headers: t.admin(), body: { id: "reports:read" } });
  expect(definition.status).toBe(201);
  const admin = await signUpWithPassword(project);
  const member = await signUpWithPassword(project);
  const team = await t.createTeamAs(admin, `${name} team`);
  await t.addMember(team.id, member.userId);
  await api(`/api/v1/team-member-profiles/${team.id}/me`, { method: "PATCH", headers: t.client(member), body: { display_name: `${name} member` } });
  const granted = await api(`/api/v1/project-permissions/${admin.userId}/reports:read`, { headers: t.server(), body: {} });
  expect(granted.status).toBe(201);
  const invitation = { ...(await t.invite(team.id, inviteeEmail)), email: inviteeEmail };
  const userKey = await api("/api/v1/user-api-keys", { headers: t.client(admin), body: { user_id: "me", description: `${name} user key`, expires_at_millis: null } });
  const teamKey = await api("/api/v1/team-api-keys", { headers: t.client(admin), body: { team_id: team.id, description: `${name} team key`, expires_at_millis: null } });
  expect([userKey.status, teamKey.status]).toEqual([200, 200]);
  return { project, t, admin, member, team, invitation, userKey: userKey.body, teamKey: teamKey.body };
}

beforeAll(async () => {
  const sharedEmail = uniqueEmail("both-projects");
  a = await createWorld("Project A", sharedEmail);
  b = await createWorld("Project B", uniqueEmail("b-invitee"));
  twin = await signUpWithPassword(b.project, sharedEmail);
  await b.t.verifyEmailOf(twin.userId);
  await b.t.addMember(b.team.id, twin.userId);
  await Promise.all([outboxSettled(a.project.projectId), outboxSettled(b.project.projectId)]);
});

const ACCESS_TYPES: AccessType[] = ["client", "server", "admin"];

/** B's headers for an access type; the client one carries B's signed-in admin. */
const asB = (accessType: AccessType, user: SignedInUser = b.admin) =>
  accessType === "client" ? b.t.client(user) : projectHeaders(b.project, accessType);

/** Runs calls from B and proves that nothing of A changed. */
const leavesAUnchanged = (calls: () => Promise<void>) => expectNoWrites(a.project.projectId, calls);

/** A 4xx that does not echo anything of A's resource but the ids the caller sent. */
function expectHidden(response: ApiResponse, code: string, status: number) {
  expectKnownError(response, code, status);
  const secrets = [a.team.display_name, "Project A member", a.invitation.email, a.admin.email, a.member.email, "Project A user key", "Project A team key", a.userKey.value.slice(-4)];
  for (const secret of secrets) expect(response.text).not.toContain(secret);
}

describe("another project's team", () => {
  const notFound = (accessType: AccessType) => (accessType === "client" ? "TEAM_MEMBERSHIP_NOT_FOUND" : "TEAM_NOT_FOUND");

  it("GET answers 404 to B's client, server and admin", async () => {
    for (const accessType of ACCESS_TYPES) expectHidden(await api(`/api/v1/teams/${a.team.id}`, { headers: asB(accessType) }), notFound(accessType), 404);
  });

  it("never appears in B's team lists", async () => {
    for (const accessType of ACCESS_TYPES) {
      const listed = await api(accessType === "client" ? "/api/v1/teams?user_id=me" : "/api/v1/teams", { headers: asB(accessType) });
      expect(listed.status).toBe(200);
      expect(idsOf(listed)).toContain(b.team.id);
      expect(idsOf(listed)).not.toContain(a.team.id);
      const byAUser = await api(`/api/v1/teams?user_id=${a.admin.userId}`, { headers: asB(accessType) });
      if (accessType === "client") expect(byAUser.status).toBe(403);
      else expect(idsOf(byAUser)).toEqual([]);
    }
  });

  it("PATCH is refused with 404 and renames nothing", async () => {
    await leavesAUnchanged(async () => {
      for (const accessType of ACCESS_TYPES) {
        const response = await api(`/api/v1/teams/${a.team.id}`, { method: "PATCH", headers: asB(accessType), body: { display_name: "Taken over" } });
        expectHidden(response, notFound(accessType), 404);
      }
    });
  });

  it("DELETE is refused with 404 and deletes nothing", async () => {
    await leavesAUnchanged(async () => {
      for (const accessType of ACCESS_TYPES) expectHidden(await api(`/api/v1/teams/${a.team.id}`, { method: "DELETE", headers: asB(accessType) }), notFound(accessType), 404);
    });
  });
});

describe("another project's memberships", () => {
  it("adding B's user or A's user to A's team is refused: server-only, then 404", async () => {
    await leavesAUnchanged(async () => {
      expectKnownError(await api(`/api/v1/team-memberships/${a.team.id}/me`, { headers: asB("client"), body: {} }), "INSUFFICIENT_ACCESS_TYPE", 401);
      for (const accessType of ["server", "admin"] as const) {
        expectHidden(await api(`/api/v1/team-memberships/${a.team.id}/${b.admin.userId}`, { headers: asB(accessType), body: {} }), "TEAM_NOT_FOUND", 404);
        expectHidden(await api(`/api/v1/team-memberships/${a.team.id}/${a.member.userId}`, { headers: asB(accessType), body: {} }), "USER_NOT_FOUND", 404);
        expectHidden(await api(`/api/v1/team-memberships/${b.team.id}/${a.member.userId}`, { headers: asB(accessType), body: {} }), "USER_NOT_FOUND", 404);
      }
    });
  });

  it("removing A's member is refused with TEAM_MEMBERSHIP_NOT_FOUND", async () => {
    await leavesAUnchanged(async () => {
      for (const accessType of ACCESS_TYPES) {
        const response = await api(`/api/v1/team-memberships/${a.team.id}/${a.member.userId}`, { method: "DELETE", headers: asB(accessType), body: {} });
        expectHidden(response, "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      }
    });
  });

  it("A's members never appear in B's member lists", async () => {
    const byTeam = await api(`/api/v1/users?team_id=${a.team.id}`, { headers: asB("server") });
    expect(idsOf(byTeam)).toEqual([]);
    const all = await api("/api/v1/users", { headers: asB("admin") });
    expect(idsOf(all)).not.toContain(a.member.userId);
    expect(idsOf(all)).not.toContain(a.admin.userId);
    expectHidden(await api(`/api/v1/users/${a.member.userId}`, { headers: asB("server") }), "USER_NOT_FOUND", 404);
  });
});

describe("another project's member profiles", () => {
  it("GET of one profile answers TEAM_MEMBERSHIP_NOT_FOUND", async () => {
    for (const accessType of ACCESS_TYPES) {
      expectHidden(await api(`/api/v1/team-member-profiles/${a.team.id}/${a.member.userId}`, { headers: asB(accessType) }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    }
  });

  it("LIST by A's team or A's user answers 404, and unfiltered lists hold none of A's members", async () => {
    expectHidden(await api(`/api/v1/team-member-profiles?team_id=${a.team.id}`, { headers: asB("client") }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    for (const accessType of ["server", "admin"] as const) {
      expectHidden(await api(`/api/v1/team-member-profiles?team_id=${a.team.id}`, { headers: asB(accessType) }), "TEAM_NOT_FOUND", 404);
      expectHidden(await api(`/api/v1/team-member-profiles?user_id=${a.member.userId}`, { headers: asB(accessType) }), "USER_NOT_FOUND", 404);
      const all = await api("/api/v1/team-member-profiles", { headers: asB(accessType) });
      expect(all.status).toBe(200);
      const userIds = all.body.items.map((profile: { user_id: string }) => profile.user_id);
      expect(userIds).toContain(b.member.userId);
      expect(userIds).not.toContain(a.member.userId);
    }
  });

  it("PATCH is refused (client: not its own, text 403; server: 404) and changes nothing", async () => {
    await leavesAUnchanged(async () => {
      const path = `/api/v1/team-member-profiles/${a.team.id}/${a.member.userId}`;
      expect((await api(path, { method: "PATCH", headers: asB("client"), body: { display_name: "Hijacked" } })).status).toBe(403);
      const own = await api(`/api/v1/team-member-profiles/${a.team.id}/me`, { method: "PATCH", headers: asB("client"), body: { display_name: "Hijacked" } });
      expectHidden(own, "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      for (const accessType of ["server", "admin"] as const) {
        expectHidden(await api(path, { method: "PATCH", headers: asB(accessType), body: { display_name: "Hijacked" } }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      }
    });
  });
});

describe("another project's invitations", () => {
  it("LIST by A's team answers 404, by A's user is empty or refused, and B's lists never hold A's invitation", async () => {
    expectHidden(await api(`/api/v1/team-invitations?team_id=${a.team.id}`, { headers: asB("client") }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    expectKnownError(await api(`/api/v1/team-invitations?user_id=${a.admin.userId}`, { headers: asB("client") }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    for (const accessType of ["server", "admin"] as const) {
      expectHidden(await api(`/api/v1/team-invitations?team_id=${a.team.id}`, { headers: asB(accessType) }), "TEAM_NOT_FOUND", 404);
      const byUser = await api(`/api/v1/team-invitations?user_id=${a.admin.userId}`, { headers: asB(accessType) });
      expect(idsOf(byUser)).toEqual([]);
      const bTeam = await api(`/api/v1/team-invitations?team_id=${b.team.id}`, { headers: asB(accessType) });
      expect(idsOf(bTeam)).toEqual([b.invitation.id]);
    }
  });

  it("does not list A's invitation to B's user who owns, verified, the same address", async () => {
    const mine = await api("/api/v1/team-invitations?user_id=me", { headers: b.t.client(twin) });
    expect(mine.body).toEqual({ items: [], is_paginated: false });
  });

  it("revocation is refused with 404, and with B's own team id removes nothing of A", async () => {
    await leavesAUnchanged(async () => {
      expectHidden(await api(`/api/v1/team-invitations/${a.invitation.id}?team_id=${a.team.id}`, { method: "DELETE", headers: asB("client") }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      for (const accessType of ["server", "admin"] as const) {
        expectHidden(await api(`/api/v1/team-invitations/${a.invitation.id}?team_id=${a.team.id}`, { method: "DELETE", headers: asB(accessType) }), "TEAM_NOT_FOUND", 404);
      }
      for (const accessType of ACCESS_TYPES) {
        const viaOwnTeam = await api(`/api/v1/team-invitations/${a.invitation.id}?team_id=${b.team.id}`, { method: "DELETE", headers: asB(accessType) });
        const unknownId = await api(`/api/v1/team-invitations/${randomUUID()}?team_id=${b.team.id}`, { method: "DELETE", headers: asB(accessType) });
        // The answer must not tell A's invitation apart from an id that never existed.
        expect([viaOwnTeam.status, viaOwnTeam.body]).toEqual([unknownId.status, unknownId.body]);
      }
    });
    expect(idsOf(await api(`/api/v1/team-invitations?team_id=${a.team.id}`, { headers: a.t.server() }))).toEqual([a.invitation.id]);
  });

  it("accepting A's invitation by id is refused, even for B's user with the recipient's verified address", async () => {
    await leavesAUnchanged(async () => {
      const byId = await api(`/api/v1/team-invitations/${a.invitation.id}/accept?user_id=me`, { method: "POST", headers: b.t.client(twin), body: {} });
      expectHidden(byId, "VERIFICATION_CODE_NOT_FOUND", 404);
      for (const accessType of ["server", "admin"] as const) {
        const forTwin = await api(`/api/v1/team-invitations/${a.invitation.id}/accept?user_id=${twin.userId}`, { method: "POST", headers: asB(accessType), body: {} });
        expectHidden(forTwin, "VERIFICATION_CODE_NOT_FOUND", 404);
      }
    });
    expect(idsOf(await api("/api/v1/teams?user_id=me", { headers: b.t.client(twin) }))).toEqual([b.team.id]);
  });

  it("A's code is unknown to B: accept, details and check-code answer VERIFICATION_CODE_NOT_FOUND", async () => {
    await leavesAUnchanged(async () => {
      for (const accessType of ACCESS_TYPES) {
        for (const path of ["accept", "accept/details", "accept/check-code"]) {
          const headers = projectHeaders(b.project, accessType, { "access-token": b.admin.accessToken });
          const response = await api(`/api/v1/team-invitations/${path}`, { headers, body: { code: a.invitation.code } });
          expectHidden(response, "VERIFICATION_CODE_NOT_FOUND", 404);
        }
      }
    });
    expect((await api("/api/v1/team-invitations/accept/check-code", { headers: a.t.server(), body: { code: a.invitation.code } })).body).toEqual({ is_code_valid: true });
  });

  it("B cannot send an invitation to A's team", async () => {
    await leavesAUnchanged(async () => {
      expectHidden(await b.t.sendInvitation(asB("client"), a.team.id, uniqueEmail()), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      for (const accessType of ["server", "admin"] as const) expectHidden(await b.t.sendInvitation(asB(accessType), a.team.id, uniqueEmail()), "TEAM_NOT_FOUND", 404);
    });
  });
});

describe("another project's team permissions", () => {
  it("LIST and check by A's team or user hold nothing of A (clients: only their own, 403 otherwise)", async () => {
    const queries = [`team_id=${a.team.id}`, `user_id=${a.admin.userId}`, `team_id=${a.team.id}&user_id=${a.admin.userId}&permission_id=$update_team&recursive=true`];
    for (const query of queries) {
      for (const accessType of ["server", "admin"] as const) {
        const listed = await api(`/api/v1/team-permissions?${query}`, { headers: asB(accessType) });
        expect(listed.status === 200 ? listed.body.items : []).toEqual([]);
        if (listed.status !== 200) expect(listed.status).toBe(404);
      }
    }
    const own = await api(`/api/v1/team-permissions?team_id=${a.team.id}&user_id=me&recursive=true`, { headers: asB("client") });
    expect(own.body).toEqual({ items: [], is_paginated: false });
    expect((await api(`/api/v1/team-permissions?team_id=${a.team.id}&user_id=${a.admin.userId}`, { headers: asB("client") })).status).toBe(403);
    const all = await api("/api/v1/team-permissions", { headers: asB("server") });
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items.filter((p: { team_id: string }) => p.team_id === a.team.id)).toEqual([]);
  });

  it("grant is server-only, and B's server granting in A's team answers TEAM_MEMBERSHIP_NOT_FOUND", async () => {
    await leavesAUnchanged(async () => {
      expectKnownError(await api(`/api/v1/team-permissions/${a.team.id}/me/team_admin`, { headers: asB("client", b.member), body: {} }), "INSUFFICIENT_ACCESS_TYPE", 401);
      for (const accessType of ["server", "admin"] as const) {
        expectHidden(await api(`/api/v1/team-permissions/${a.team.id}/${a.member.userId}/team_admin`, { headers: asB(accessType), body: {} }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
        expectHidden(await api(`/api/v1/team-permissions/${a.team.id}/${b.member.userId}/team_admin`, { headers: asB(accessType), body: {} }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      }
    });
  });

  it("revoke of A's grant is refused with TEAM_PERMISSION_NOT_FOUND and revokes nothing", async () => {
    await leavesAUnchanged(async () => {
      expectKnownError(await api(`/api/v1/team-permissions/${a.team.id}/${a.admin.userId}/team_admin`, { method: "DELETE", headers: asB("client") }), "INSUFFICIENT_ACCESS_TYPE", 401);
      for (const accessType of ["server", "admin"] as const) {
        const response = await api(`/api/v1/team-permissions/${a.team.id}/${a.admin.userId}/team_admin`, { method: "DELETE", headers: asB(accessType) });
        expectHidden(response, "TEAM_PERMISSION_NOT_FOUND", 401);
      }
    });
  });
});

describe("another project's project permissions", () => {
  it("LIST by A's user holds nothing (clients: only their own, 403 otherwise)", async () => {
    for (const accessType of ["server", "admin"] as const) {
      const listed = await api(`/api/v1/project-permissions?user_id=${a.admin.userId}&recursive=true`, { headers: asB(accessType) });
      expect(listed.status === 200 ? listed.body.items : []).toEqual([]);
      const all = await api("/api/v1/project-permissions", { headers: asB(accessType) });
      expect(all.body.items).toContainEqual({ id: "reports:read", user_id: b.admin.userId });
      expect(all.body.items.map((p: { user_id: string }) => p.user_id)).not.toContain(a.admin.userId);
    }
    expect((await api(`/api/v1/project-permissions?user_id=${a.admin.userId}`, { headers: asB("client") })).status).toBe(403);
  });

  it("grant to A's user is refused with USER_NOT_FOUND (clients: server-only)", async () => {
    await leavesAUnchanged(async () => {
      expectKnownError(await api(`/api/v1/project-permissions/${a.member.userId}/reports:read`, { headers: asB("client"), body: {} }), "INSUFFICIENT_ACCESS_TYPE", 401);
      for (const accessType of ["server", "admin"] as const) {
        expectHidden(await api(`/api/v1/project-permissions/${a.member.userId}/reports:read`, { headers: asB(accessType), body: {} }), "USER_NOT_FOUND", 404);
      }
    });
  });

  it("revoke of A's grant is refused with PERMISSION_NOT_FOUND and revokes nothing", async () => {
    await leavesAUnchanged(async () => {
      for (const accessType of ["server", "admin"] as const) {
        expectHidden(await api(`/api/v1/project-permissions/${a.admin.userId}/reports:read`, { method: "DELETE", headers: asB(accessType) }), "PERMISSION_NOT_FOUND", 404);
      }
    });
  });

  it("A's own permission definitions are neither listed nor editable by B's admin", async () => {
    const created = await api("/api/v1/team-permission-definitions", { headers: a.t.admin(), body: { id: "a_only_secret", description: "A only" } });
    expect(created.status).toBe(201);
    const listed = await api("/api/v1/team-permission-definitions", { headers: asB("admin") });
    expect(idsOf(listed)).not.toContain("a_only_secret");
    await leavesAUnchanged(async () => {
      const patch = await api("/api/v1/team-permission-definitions/a_only_secret", { method: "PATCH", headers: asB("admin"), body: { description: "B was here" } });
      expectKnownError(patch, "PERMISSION_NOT_FOUND", 404);
      expectKnownError(await api("/api/v1/team-permission-definitions/a_only_secret", { method: "DELETE", headers: asB("admin") }), "PERMISSION_NOT_FOUND", 404);
    });
    const inA = await api("/api/v1/team-permission-definitions", { headers: a.t.admin() });
    expect(inA.body.items).toContainEqual(expect.objectContaining({ id: "a_only_secret", description: "A only" }));
  });
});

describe("another project's user API keys", () => {
  it("GET of A's key answers API_KEY_NOT_FOUND (clients naming A's user: text 403)", async () => {
    for (const accessType of ACCESS_TYPES) expectHidden(await api(`/api/v1/user-api-keys/${a.userKey.id}`, { headers: asB(accessType) }), "API_KEY_NOT_FOUND", 404);
    for (const accessType of ["server", "admin"] as const) {
      expectHidden(await api(`/api/v1/user-api-keys/${a.userKey.id}?user_id=${a.admin.userId}`, { headers: asB(accessType) }), "API_KEY_NOT_FOUND", 404);
    }
    expect((await api(`/api/v1/user-api-keys/${a.userKey.id}?user_id=${a.admin.userId}`, { headers: asB("client") })).status).toBe(403);
  });

  it("B's lists never contain A's keys", async () => {
    for (const accessType of ["server", "admin"] as const) {
      const byAUser = await api(`/api/v1/user-api-keys?user_id=${a.admin.userId}`, { headers: asB(accessType) });
      expect(idsOf(byAUser)).toEqual([]);
      expect(idsOf(await api(`/api/v1/user-api-keys?user_id=${b.admin.userId}`, { headers: asB(accessType) }))).toEqual([b.userKey.id]);
    }
    expect((await api(`/api/v1/user-api-keys?user_id=${a.admin.userId}`, { headers: asB("client") })).status).toBe(403);
    expect(idsOf(await api("/api/v1/user-api-keys?user_id=me", { headers: asB("client") }))).toEqual([b.userKey.id]);
  });

  it("PATCH (rename, revoke) of A's key answers API_KEY_NOT_FOUND and changes nothing", async () => {
    await leavesAUnchanged(async () => {
      for (const accessType of ACCESS_TYPES) {
        for (const body of [{ description: "B was here" }, { revoked: true }]) {
          expectHidden(await api(`/api/v1/user-api-keys/${a.userKey.id}`, { method: "PATCH", headers: asB(accessType), body }), "API_KEY_NOT_FOUND", 404);
        }
      }
    });
  });

  it("creating a key for A's user is refused", async () => {
    await leavesAUnchanged(async () => {
      expect((await api("/api/v1/user-api-keys", { headers: asB("client"), body: { user_id: a.admin.userId, description: "x", expires_at_millis: null } })).status).toBe(403);
      for (const accessType of ["server", "admin"] as const) {
        const created = await api("/api/v1/user-api-keys", { headers: asB(accessType), body: { user_id: a.admin.userId, description: "x", expires_at_millis: null } });
        expectHidden(created, "USER_ID_DOES_NOT_EXIST", 400);
      }
    });
  });

  it("B's check does not know A's key (TI-02)", async () => {
    for (const accessType of ["server", "admin"] as const) {
      expectHidden(await api("/api/v1/user-api-keys/check", { headers: asB(accessType), body: { api_key: a.userKey.value } }), "API_KEY_NOT_FOUND", 404);
    }
    expect((await api("/api/v1/user-api-keys/check", { headers: a.t.server(), body: { api_key: a.userKey.value } })).status).toBe(200);
  });
});

describe("another project's team API keys", () => {
  it("GET of A's team key answers API_KEY_NOT_FOUND, whichever team is named", async () => {
    for (const accessType of ACCESS_TYPES) {
      for (const teamId of [a.team.id, b.team.id]) {
        expectHidden(await api(`/api/v1/team-api-keys/${a.teamKey.id}?team_id=${teamId}`, { headers: asB(accessType) }), "API_KEY_NOT_FOUND", 404);
      }
    }
  });

  it("LIST by A's team is refused or empty, and B's lists never contain A's keys", async () => {
    expectHidden(await api(`/api/v1/team-api-keys?team_id=${a.team.id}`, { headers: asB("client") }), "API_KEY_NOT_FOUND", 404);
    for (const accessType of ["server", "admin"] as const) {
      const listed = await api(`/api/v1/team-api-keys?team_id=${a.team.id}`, { headers: asB(accessType) });
      expect(listed.status === 200 ? idsOf(listed) : []).toEqual([]);
      expect(idsOf(await api(`/api/v1/team-api-keys?team_id=${b.team.id}`, { headers: asB(accessType) }))).toEqual([b.teamKey.id]);
    }
  });

  it("PATCH (rename, revoke) of A's team key answers API_KEY_NOT_FOUND and changes nothing", async () => {
    await leavesAUnchanged(async () => {
      for (const accessType of ACCESS_TYPES) {
        for (const teamId of [a.team.id, b.team.id]) {
          const response = await api(`/api/v1/team-api-keys/${a.teamKey.id}?team_id=${teamId}`, { method: "PATCH", headers: asB(accessType), body: { revoked: true } });
          expectHidden(response, "API_KEY_NOT_FOUND", 404);
        }
      }
    });
  });

  it("creating a key for A's team is refused (client: API_KEY_NOT_FOUND, server: TEAM_NOT_FOUND)", async () => {
    await leavesAUnchanged(async () => {
      const body = { team_id: a.team.id, description: "x", expires_at_millis: null };
      expectHidden(await api("/api/v1/team-api-keys", { headers: asB("client"), body }), "API_KEY_NOT_FOUND", 404);
      for (const accessType of ["server", "admin"] as const) expectHidden(await api("/api/v1/team-api-keys", { headers: asB(accessType), body }), "TEAM_NOT_FOUND", 404);
    });
  });

  it("B's check does not know A's team key (TI-02)", async () => {
    expectHidden(await api("/api/v1/team-api-keys/check", { headers: asB("server"), body: { api_key: a.teamKey.value } }), "API_KEY_NOT_FOUND", 404);
  });
});

describe("tokens and keys of another project (TI-02)", () => {
  it("refuses A's access token on B's headers with INVALID_PROJECT_FOR_ACCESS_TOKEN", async () => {
    await leavesAUnchanged(async () => {
      for (const accessType of ACCESS_TYPES) {
        const headers = projectHeaders(b.project, accessType, { "access-token": a.admin.accessToken });
        expectKnownError(await api("/api/v1/teams?user_id=me", { headers }), "INVALID_PROJECT_FOR_ACCESS_TOKEN", 401);
        expectKnownError(await api(`/api/v1/teams/${a.team.id}`, { method: "PATCH", headers, body: { display_name: "X" } }), "INVALID_PROJECT_FOR_ACCESS_TOKEN", 401);
      }
    });
  });

  it("refuses A's refresh token for B's project", async () => {
    const refreshed = await refreshWithOAuth(b.project.projectId, a.admin.refreshToken);
    expectKnownError(refreshed, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    const viaHeader = await api("/api/v1/auth/sessions/current/refresh", {
      headers: projectHeaders(b.project, "client", { "refresh-token": a.admin.refreshToken }),
      body: {},
    });
    expectKnownError(viaHeader, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("refuses B's server and admin keys with A's project id", async () => {
    const server = { ...projectHeaders(b.project, "server"), "x-hexclave-project-id": a.project.projectId };
    expectKnownError(await api(`/api/v1/teams/${a.team.id}`, { headers: server }), "INVALID_SECRET_SERVER_KEY", 401);
    const admin = { ...projectHeaders(b.project, "admin"), "x-hexclave-project-id": a.project.projectId };
    expectKnownError(await api(`/api/v1/teams/${a.team.id}`, { method: "DELETE", headers: admin }), "INVALID_SUPER_SECRET_ADMIN_KEY", 401);
  });
});

describe("two teams of one project", () => {
  /** Team X and team Y of project A; X's admin reaches for Y. */
  async function twoTeams() {
    const xAdmin = await signUpWithPassword(a.project);
    const x = await a.t.createTeamAs(xAdmin, "X");
    const yAdmin = await signUpWithPassword(a.project);
    const yMember = await signUpWithPassword(a.project);
    const y = await a.t.createTeamAs(yAdmin, "Y");
    await a.t.addMember(y.id, yMember.userId);
    const invitation = await a.t.invite(y.id, uniqueEmail("y-invitee"));
    await outboxSettled(a.project.projectId);
    return { xAdmin, x, yAdmin, yMember, y, invitation, asX: a.t.client(xAdmin) };
  }

  it("X's admin cannot read, rename or delete team Y", async () => {
    const { y, asX } = await twoTeams();
    await leavesAUnchanged(async () => {
      expectKnownError(await api(`/api/v1/teams/${y.id}`, { headers: asX }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      expectKnownError(await api(`/api/v1/teams/${y.id}`, { method: "PATCH", headers: asX, body: { display_name: "Mine" } }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      expectKnownError(await api(`/api/v1/teams/${y.id}`, { method: "DELETE", headers: asX }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
    });
  });

  it("X's admin cannot read or change Y's members and their profiles", async () => {
    const { y, yMember, asX } = await twoTeams();
    await leavesAUnchanged(async () => {
      expectKnownError(await api(`/api/v1/team-member-profiles?team_id=${y.id}`, { headers: asX }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      expectKnownError(await api(`/api/v1/team-member-profiles/${y.id}/${yMember.userId}`, { headers: asX }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      expect((await api(`/api/v1/team-member-profiles/${y.id}/${yMember.userId}`, { method: "PATCH", headers: asX, body: { display_name: "Renamed" } })).status).toBe(403);
      const removed = await api(`/api/v1/team-memberships/${y.id}/${yMember.userId}`, { method: "DELETE", headers: asX, body: {} });
      expectKnownError(removed, "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      expectKnownError(await api(`/api/v1/team-memberships/${y.id}/me`, { headers: asX, body: {} }), "INSUFFICIENT_ACCESS_TYPE", 401);
    });
  });

  it("X's admin cannot list, send, revoke or accept Y's invitations", async () => {
    const { x, y, invitation, asX } = await twoTeams();
    await leavesAUnchanged(async () => {
      expectKnownError(await api(`/api/v1/team-invitations?team_id=${y.id}`, { headers: asX }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      expectKnownError(await a.t.sendInvitation(asX, y.id, uniqueEmail()), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      expectKnownError(await api(`/api/v1/team-invitations/${invitation.id}?team_id=${y.id}`, { method: "DELETE", headers: asX }), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
      // Naming X, where X's admin has $remove_members, must not reach Y's invitation.
      await api(`/api/v1/team-invitations/${invitation.id}?team_id=${x.id}`, { method: "DELETE", headers: asX });
      const byId = await api(`/api/v1/team-invitations/${invitation.id}/accept?user_id=me`, { method: "POST", headers: asX, body: {} });
      expectKnownError(byId, "VERIFICATION_CODE_NOT_FOUND", 404);
    });
    expect(idsOf(await api(`/api/v1/team-invitations?team_id=${y.id}`, { headers: a.t.server() }))).toEqual([invitation.id]);
  });

  it("X's admin cannot list Y's members' permissions (403) and sees none of its own in Y", async () => {
    const { y, yAdmin, asX } = await twoTeams();
    expect((await api(`/api/v1/team-permissions?team_id=${y.id}&user_id=${yAdmin.userId}`, { headers: asX })).status).toBe(403);
    expect((await api(`/api/v1/team-permissions?team_id=${y.id}`, { headers: asX })).status).toBe(403);
    expect((await api(`/api/v1/team-permissions?team_id=${y.id}&user_id=me&recursive=true`, { headers: asX })).body.items).toEqual([]);
  });

  it("X's admin cannot read, list, create or revoke Y's team keys, even naming team X", async () => {
    const { x, y, yAdmin, asX } = await twoTeams();
    const yKey = await api("/api/v1/team-api-keys", { headers: a.t.client(yAdmin), body: { team_id: y.id, description: "Y key", expires_at_millis: null } });
    await leavesAUnchanged(async () => {
      for (const teamId of [x.id, y.id]) {
        expectKnownError(await api(`/api/v1/team-api-keys/${yKey.body.id}?team_id=${teamId}`, { headers: asX }), "API_KEY_NOT_FOUND", 404);
        const revoke = await api(`/api/v1/team-api-keys/${yKey.body.id}?team_id=${teamId}`, { method: "PATCH", headers: asX, body: { revoked: true } });
        expectKnownError(revoke, "API_KEY_NOT_FOUND", 404);
      }
      expectKnownError(await api(`/api/v1/team-api-keys?team_id=${y.id}`, { headers: asX }), "API_KEY_NOT_FOUND", 404);
      expectKnownError(await api("/api/v1/team-api-keys", { headers: asX, body: { team_id: y.id, description: "x", expires_at_millis: null } }), "API_KEY_NOT_FOUND", 404);
    });
    expect(idsOf(await api(`/api/v1/team-api-keys?team_id=${x.id}`, { headers: asX }))).toEqual([]);
  });

  it("a client cannot list, read or revoke another user's API keys", async () => {
    const { yAdmin, asX } = await twoTeams();
    const yKey = await api("/api/v1/user-api-keys", { headers: a.t.client(yAdmin), body: { user_id: "me", description: "Y's own", expires_at_millis: null } });
    await leavesAUnchanged(async () => {
      expect((await api(`/api/v1/user-api-keys?user_id=${yAdmin.userId}`, { headers: asX })).status).toBe(403);
      expectKnownError(await api(`/api/v1/user-api-keys/${yKey.body.id}`, { headers: asX }), "API_KEY_NOT_FOUND", 404);
      expectKnownError(await api(`/api/v1/user-api-keys/${yKey.body.id}`, { method: "PATCH", headers: asX, body: { revoked: true } }), "API_KEY_NOT_FOUND", 404);
    });
  });

  it("a client cannot list another user's project permissions (403)", async () => {
    const { xAdmin } = await twoTeams();
    const refused = await api(`/api/v1/project-permissions?user_id=${a.admin.userId}`, { headers: a.t.client(xAdmin) });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain("reports:read");
    expect((await api("/api/v1/project-permissions", { headers: a.t.client(xAdmin) })).status).toBe(403);
  });
});
