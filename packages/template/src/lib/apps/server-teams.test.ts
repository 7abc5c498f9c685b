import {
  BASE_URL,
  FIXTURE_IDS,
  PROJECT_ID,
  type Reply,
  fakeFetch,
  knownError,
  list,
  ok,
  requestOf,
  serverTeamJson,
  serverUserJson,
} from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { HexclaveServerApp } from "../public-api.js";

const TEAM = FIXTURE_IDS.team;
const USER = FIXTURE_IDS.user;
const OTHER = "3f1c2b7e-0000-4000-8000-000000000002";
const INVITATION = FIXTURE_IDS.invitation;

function serverApp(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const app = new HexclaveServerApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk", fetch });
  return { app, requests: () => calls.map(requestOf).map(({ method, path, body }) => ({ method, path, body })) };
}

describe("HexclaveServerApp teams", () => {
  it("creates a team for a creator", async () => {
    const { app, requests } = serverApp(ok(serverTeamJson()));
    const team = await app.createTeam({ displayName: "Design", creatorUserId: USER });
    expect(team).toMatchObject({ id: TEAM, displayName: "Design", createdAt: new Date(1_700_000_000_000), serverMetadata: null });
    expect(requests()).toEqual([{ method: "POST", path: "/teams", body: { display_name: "Design", creator_user_id: USER } }]);
  });

  it("lists every team, with no next page", async () => {
    const { app, requests } = serverApp(ok(list([serverTeamJson()])));
    const teams = await app.listTeams();
    expect(teams.map((team) => team.id)).toEqual([TEAM]);
    expect(teams.nextCursor).toBeNull();
    expect(requests()[0]?.path).toBe("/teams");
  });

  it("reads one team, or null when it does not exist", async () => {
    const { app } = serverApp(ok(serverTeamJson()), knownError("TEAM_NOT_FOUND", 404, { team_id: OTHER }));
    expect((await app.getTeam(TEAM))?.displayName).toBe("Design");
    expect(await app.getTeam(OTHER)).toBeNull();
  });

  it("lists the users of one team", async () => {
    const { app, requests } = serverApp(ok({ items: [serverUserJson()], is_paginated: true, pagination: { next_cursor: null } }));
    expect((await app.listUsers({ teamId: TEAM })).map((user) => user.id)).toEqual([USER]);
    expect(requests()[0]?.path).toBe(`/users?team_id=${TEAM}`);
  });

  it("lists every member's permissions of a team in one request", async () => {
    const { app, requests } = serverApp(ok(list([{ id: "team_admin", user_id: USER, team_id: TEAM }])));
    expect(await app.listTeamMemberPermissions(TEAM)).toEqual([{ userId: USER, permissionId: "team_admin" }]);
    expect(requests()[0]?.path).toBe(`/team-permissions?team_id=${TEAM}&recursive=false`);
  });
});

describe("a server team", () => {
  async function team(...replies: Reply[]) {
    const setup = serverApp(ok(serverTeamJson()), ...replies);
    const found = await setup.app.getTeam(TEAM);
    if (!found) throw new Error("the fixture team should exist");
    return { team: found, requests: () => setup.requests().slice(1) };
  }

  it("adds and removes members with empty bodies", async () => {
    const { team: t, requests } = await team(ok({ team_id: TEAM, user_id: OTHER }), ok({ success: true }));
    await t.addUser(OTHER);
    await t.removeUser(OTHER);
    expect(requests()).toEqual([
      { method: "POST", path: `/team-memberships/${TEAM}/${OTHER}`, body: {} },
      { method: "DELETE", path: `/team-memberships/${TEAM}/${OTHER}`, body: {} },
    ]);
  });

  it("lists its members as whole users with their team profile", async () => {
    const profile = { team_id: TEAM, user_id: USER, display_name: "Ada (design)", profile_image_url: null, user: serverUserJson() };
    const { team: t } = await team(ok(list([profile])));
    const [member] = await t.listUsers();
    expect(member).toMatchObject({ id: USER, primaryEmail: "ada@example.com", teamProfile: { displayName: "Ada (design)", profileImageUrl: null } });
    expect(typeof member?.grantPermission).toBe("function");
  });

  it("updates server metadata and deletes itself", async () => {
    const { team: t, requests } = await team(ok(serverTeamJson()), ok({ success: true }));
    await t.update({ serverMetadata: { plan: "pro" }, displayName: "Design 2" });
    await t.delete();
    expect(requests()).toEqual([
      { method: "PATCH", path: `/teams/${TEAM}`, body: { display_name: "Design 2", server_metadata: { plan: "pro" } } },
      { method: "DELETE", path: `/teams/${TEAM}`, body: undefined },
    ]);
  });

  it("invites an address and revokes the invitation", async () => {
    const invitation = { id: INVITATION, team_id: TEAM, team_display_name: "Design", expires_at_millis: 1_900_000_000_000, recipient_email: "bo@example.com" };
    const { team: t, requests } = await team(ok({ success: true, id: INVITATION }), ok(list([invitation])), ok({ success: true }));
    await t.inviteUser({ email: "bo@example.com", callbackUrl: "https://app.example/handler/team-invitation" });
    const [sent] = await t.listInvitations();
    await sent?.revoke();
    expect(requests().map(({ method, path }) => `${method} ${path}`)).toEqual([
      "POST /team-invitations/send-code",
      `GET /team-invitations?team_id=${TEAM}`,
      `DELETE /team-invitations/${INVITATION}?team_id=${TEAM}`,
    ]);
  });
});

describe("a server user's teams", () => {
  async function user(...replies: Reply[]) {
    const setup = serverApp(ok(serverUserJson()), ...replies);
    const found = await setup.app.getUser(USER);
    if (!found) throw new Error("the fixture user should exist");
    return { user: found, requests: () => setup.requests().slice(1) };
  }

  it("creates a team with the user as creator and selects it for them", async () => {
    const { user: u, requests } = await user(ok(serverTeamJson()), ok(serverUserJson({ selected_team_id: TEAM })));
    await u.createTeam({ displayName: "Design" });
    expect(requests()).toEqual([
      { method: "POST", path: "/teams", body: { display_name: "Design", creator_user_id: USER } },
      { method: "PATCH", path: `/users/${USER}`, body: { selected_team_id: TEAM } },
    ]);
  });

  it("lists the user's teams and leaves one", async () => {
    const { user: u, requests } = await user(ok(list([serverTeamJson()])), ok({ success: true }));
    const [first] = await u.listTeams();
    if (first) await u.leaveTeam(first);
    expect(requests()).toEqual([
      { method: "GET", path: `/teams?user_id=${USER}`, body: undefined },
      { method: "DELETE", path: `/team-memberships/${TEAM}/${USER}`, body: {} },
    ]);
  });

  it("accepts an invitation for the user", async () => {
    const invitation = { id: INVITATION, team_id: TEAM, team_display_name: "Design", expires_at_millis: 1_900_000_000_000, recipient_email: "ada@example.com" };
    const { user: u, requests } = await user(ok(list([invitation])), ok({}));
    const [received] = await u.listTeamInvitations();
    await received?.accept();
    expect(requests().map(({ method, path }) => `${method} ${path}`)).toEqual([
      `GET /team-invitations?user_id=${USER}`,
      `POST /team-invitations/${INVITATION}/accept?user_id=${USER}`,
    ]);
  });

  it("reads and edits the user's profile in a team", async () => {
    const profile = { team_id: TEAM, user_id: USER, display_name: null, profile_image_url: null, user: serverUserJson() };
    const { user: u, requests } = await user(ok(profile), ok(profile));
    const teamProfile = await u.getTeamProfile({ id: TEAM });
    await teamProfile.update({ profileImageUrl: null });
    expect(requests()).toEqual([
      { method: "GET", path: `/team-member-profiles/${TEAM}/${USER}`, body: undefined },
      { method: "PATCH", path: `/team-member-profiles/${TEAM}/${USER}`, body: { profile_image_url: null } },
    ]);
  });
});
