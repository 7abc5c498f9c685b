import { beforeAll, describe, expect, it } from "vitest";
import { waitForEmail } from "../harness/maildev";
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
  testEnv,
  uniqueEmail,
} from "../harness/rest";
import { INVITATION_CALLBACK, expectNoWrites, idsOf, teamsOf } from "./team-helpers";

let project: TestProject;
let t: ReturnType<typeof teamsOf>;

beforeAll(async () => {
  project = await createTestProject("Invitations");
  await patchProjectConfig(project, { client_team_creation_enabled: true });
  t = teamsOf(project);
});

const accept = (user: SignedInUser, code: string) => api("/api/v1/team-invitations/accept", { headers: t.client(user), body: { code } });
const teamIdsOf = async (user: SignedInUser) => idsOf(await api("/api/v1/teams?user_id=me", { headers: t.client(user) }));

/** A team with an admin (its creator) and a plain member (team_member: $read_members, $invite_members). */
async function teamWithMember(name = "Team") {
  const admin = await signUpWithPassword(project);
  const member = await signUpWithPassword(project);
  const team = await t.createTeamAs(admin, name);
  await t.addMember(team.id, member.userId);
  return { admin, member, team };
}

describe("sending invitations", () => {
  it("emails the invitation of a member with $invite_members, with the callback link and the team's name", async () => {
    const { member, team } = await teamWithMember("Acme Rockets");
    const email = uniqueEmail("invitee");
    const sent = await t.sendInvitation(t.client(member), team.id, email);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ success: true, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const mail = await waitForEmail(testEnv().maildev.webUrl, email);
    expect(mail.subject).toBe("You have been invited to join Acme Rockets");
    expect(mail.text).toContain("Acme Rockets");
    expect(mail.text).toMatch(new RegExp(`${INVITATION_CALLBACK}\\?code=[a-z2-7]{45}`));
  });

  it("refuses a client without $invite_members with TEAM_PERMISSION_REQUIRED and queues nothing", async () => {
    const { member, team } = await teamWithMember();
    await t.revoke(team.id, member.userId, "team_member");
    await t.grant(team.id, member.userId, "$read_members");
    await expectNoWrites(project.projectId, async () => {
      const refused = await t.sendInvitation(t.client(member), team.id, uniqueEmail("nope"));
      expectKnownError(refused, "TEAM_PERMISSION_REQUIRED", 401);
      expect(refused.body.details).toEqual({ team_id: team.id, user_id: member.userId, permission_id: "$invite_members" });
    });
  });

  it("refuses a client that is not a member of the team with TEAM_MEMBERSHIP_NOT_FOUND", async () => {
    const { team } = await teamWithMember();
    const stranger = await signUpWithPassword(project);
    expectKnownError(await t.sendInvitation(t.client(stranger), team.id, uniqueEmail()), "TEAM_MEMBERSHIP_NOT_FOUND", 404);
  });

  it("refuses a client without a signed-in user with USER_AUTHENTICATION_REQUIRED", async () => {
    const { team } = await teamWithMember();
    expectKnownError(await t.sendInvitation(projectHeaders(project, "client"), team.id, uniqueEmail()), "USER_AUTHENTICATION_REQUIRED", 401);
  });

  it("refuses a callback URL on an untrusted domain with REDIRECT_URL_NOT_WHITELISTED and queues nothing", async () => {
    const { admin, team } = await teamWithMember();
    await expectNoWrites(project.projectId, async () => {
      const refused = await t.sendInvitation(t.client(admin), team.id, uniqueEmail("phished"), "https://evil.example.com/handler/team-invitation");
      expectKnownError(refused, "REDIRECT_URL_NOT_WHITELISTED", 400);
    });
  });

  it("answers TEAM_NOT_FOUND to a server inviting to a team that does not exist", async () => {
    expectKnownError(await t.sendInvitation(t.server(), crypto.randomUUID(), uniqueEmail()), "TEAM_NOT_FOUND", 404);
  });
});

describe("accepting with a code", () => {
  it("lets a new user sign up with the invited address and join the team with the code", async () => {
    const { team } = await teamWithMember();
    const email = uniqueEmail("new");
    const { code } = await t.invite(team.id, email);
    const invitee = await signUpWithPassword(project, email);
    const accepted = await accept(invitee, code);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({});
    expect(await teamIdsOf(invitee)).toEqual([team.id]);
    const permissions = await api(`/api/v1/team-permissions?team_id=${team.id}&user_id=me`, { headers: t.client(invitee) });
    expect(permissions.body.items).toEqual([{ id: "team_member", team_id: team.id, user_id: invitee.userId }]);
  });

  it("lets an existing user join the team with the code", async () => {
    const { team } = await teamWithMember();
    const existing = await signUpWithPassword(project);
    const { code } = await t.invite(team.id, existing.email);
    expect((await accept(existing, code)).body).toEqual({});
    expect(await teamIdsOf(existing)).toEqual([team.id]);
  });

  it("shows the team of a code and checks it without using it", async () => {
    const { team } = await teamWithMember("Details team");
    const invitee = await signUpWithPassword(project);
    const { code } = await t.invite(team.id, invitee.email);
    for (let i = 0; i < 2; i++) {
      const details = await api("/api/v1/team-invitations/accept/details", { headers: t.client(invitee), body: { code } });
      expect(details.status).toBe(200);
      expect(details.body).toEqual({ team_id: team.id, team_display_name: "Details team" });
      const check = await api("/api/v1/team-invitations/accept/check-code", { headers: projectHeaders(project, "client"), body: { code } });
      expect(check.body).toEqual({ is_code_valid: true });
    }
    expect((await accept(invitee, code)).status).toBe(200);
  });

  it("refuses a code used a second time with VERIFICATION_CODE_ALREADY_USED", async () => {
    const { team } = await teamWithMember();
    const invitee = await signUpWithPassword(project);
    const { code } = await t.invite(team.id, invitee.email);
    expect((await accept(invitee, code)).status).toBe(200);
    const other = await signUpWithPassword(project);
    expectKnownError(await accept(other, code), "VERIFICATION_CODE_ALREADY_USED", 409);
    expect(await teamIdsOf(other)).toEqual([]);
    expectKnownError(await api("/api/v1/team-invitations/accept/check-code", { headers: t.client(other), body: { code } }), "VERIFICATION_CODE_ALREADY_USED", 409);
  });

  it("refuses an expired code with VERIFICATION_CODE_EXPIRED and no longer lists it", async () => {
    const { admin, team } = await teamWithMember();
    const invitee = await signUpWithPassword(project);
    const { id, code } = await t.invite(team.id, invitee.email);
    await sql("update verification_codes set expires_at = now() - interval '1 minute' where id = $1", [id]);
    expectKnownError(await accept(invitee, code), "VERIFICATION_CODE_EXPIRED", 400);
    expectKnownError(await api("/api/v1/team-invitations/accept/check-code", { headers: t.client(invitee), body: { code } }), "VERIFICATION_CODE_EXPIRED", 400);
    expect(await teamIdsOf(invitee)).toEqual([]);
    expect(idsOf(await api(`/api/v1/team-invitations?team_id=${team.id}`, { headers: t.client(admin) }))).not.toContain(id);
  });

  it("answers VERIFICATION_CODE_NOT_FOUND to an unknown code and USER_AUTHENTICATION_REQUIRED without a user", async () => {
    const invitee = await signUpWithPassword(project);
    expectKnownError(await accept(invitee, "a".repeat(45)), "VERIFICATION_CODE_NOT_FOUND", 404);
    const { team } = await teamWithMember();
    const { code } = await t.invite(team.id, uniqueEmail());
    const anonymousCall = await api("/api/v1/team-invitations/accept", { headers: projectHeaders(project, "client"), body: { code } });
    expectKnownError(anonymousCall, "USER_AUTHENTICATION_REQUIRED", 401);
  });

  it("refuses an anonymous user with TEAM_INVITATION_RESTRICTED_USER_NOT_ALLOWED and leaves the code unused", async () => {
    const { team } = await teamWithMember();
    const { code } = await t.invite(team.id, uniqueEmail());
    const signUp = await api("/api/v1/auth/anonymous/sign-up", { headers: projectHeaders(project, "client"), body: {} });
    expect(signUp.status).toBe(200);
    const headers = projectHeaders(project, "client", { "access-token": signUp.body.access_token, "allow-anonymous-user": "true" });
    const refused = await api("/api/v1/team-invitations/accept", { headers, body: { code } });
    expectKnownError(refused, "TEAM_INVITATION_RESTRICTED_USER_NOT_ALLOWED", 403);
    expect(refused.body.details).toEqual({ restricted_reason: { type: "anonymous" } });
    expect((await api("/api/v1/team-invitations/accept/check-code", { headers, body: { code } })).body).toEqual({ is_code_valid: true });
  });
});

describe("listing invitations", () => {
  it("lists a team's pending invitations to a member with $read_members and $invite_members", async () => {
    const { member, team } = await teamWithMember("Listed team");
    const email = uniqueEmail("listed");
    const { id } = await t.invite(team.id, email);
    const listed = await api(`/api/v1/team-invitations?team_id=${team.id}`, { headers: t.client(member) });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      items: [{ id, team_id: team.id, team_display_name: "Listed team", recipient_email: email, expires_at_millis: expect.any(Number) }],
      is_paginated: false,
    });
    // Invitations last 7 days.
    expect(Math.abs(listed.body.items[0].expires_at_millis - (Date.now() + 7 * 24 * 3600 * 1000))).toBeLessThan(60_000);
  });

  it("refuses to list a team's invitations to a member lacking $invite_members or $read_members", async () => {
    const { member, team } = await teamWithMember();
    await t.revoke(team.id, member.userId, "team_member");
    await t.grant(team.id, member.userId, "$read_members");
    const noInvite = await api(`/api/v1/team-invitations?team_id=${team.id}`, { headers: t.client(member) });
    expectKnownError(noInvite, "TEAM_PERMISSION_REQUIRED", 401);
    expect(noInvite.body.details.permission_id).toBe("$invite_members");
    await t.revoke(team.id, member.userId, "$read_members");
    await t.grant(team.id, member.userId, "$invite_members");
    const noRead = await api(`/api/v1/team-invitations?team_id=${team.id}`, { headers: t.client(member) });
    expectKnownError(noRead, "TEAM_PERMISSION_REQUIRED", 401);
    expect(noRead.body.details.permission_id).toBe("$read_members");
  });

  it("lists a user's invitations only to the user's verified emails", async () => {
    const { team } = await teamWithMember("For you");
    const invitee = await signUpWithPassword(project);
    const { id } = await t.invite(team.id, invitee.email);
    const mine = () => api("/api/v1/team-invitations?user_id=me", { headers: t.client(invitee) });
    expect((await mine()).body).toEqual({ items: [], is_paginated: false });
    await t.verifyEmailOf(invitee.userId);
    expect((await mine()).body.items).toEqual([
      { id, team_id: team.id, team_display_name: "For you", recipient_email: invitee.email, expires_at_millis: expect.any(Number) },
    ]);
  });

  it("refuses a client listing another user's invitations with CANNOT_GET_OWN_USER_WITHOUT_USER", async () => {
    const invitee = await signUpWithPassword(project);
    const other = await signUpWithPassword(project);
    const refused = await api(`/api/v1/team-invitations?user_id=${other.userId}`, { headers: t.client(invitee) });
    expectKnownError(refused, "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
  });

  it("needs exactly one of team_id and user_id", async () => {
    const { admin, team } = await teamWithMember();
    expect((await api("/api/v1/team-invitations", { headers: t.client(admin) })).status).toBe(400);
    expect((await api(`/api/v1/team-invitations?team_id=${team.id}&user_id=me`, { headers: t.client(admin) })).status).toBe(400);
  });
});

describe("revoking invitations", () => {
  it("revokes an invitation, which then is neither listed nor accepted", async () => {
    const { admin, team } = await teamWithMember();
    const invitee = await signUpWithPassword(project);
    const { id, code } = await t.invite(team.id, invitee.email);
    const revoked = await api(`/api/v1/team-invitations/${id}?team_id=${team.id}`, { method: "DELETE", headers: t.client(admin) });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ success: true });
    expect(idsOf(await api(`/api/v1/team-invitations?team_id=${team.id}`, { headers: t.client(admin) }))).toEqual([]);
    expectKnownError(await accept(invitee, code), "VERIFICATION_CODE_NOT_FOUND", 404);
  });

  it("refuses revocation by a member without $remove_members", async () => {
    const { member, team } = await teamWithMember();
    const { id } = await t.invite(team.id, uniqueEmail());
    const refused = await api(`/api/v1/team-invitations/${id}?team_id=${team.id}`, { method: "DELETE", headers: t.client(member) });
    expectKnownError(refused, "TEAM_PERMISSION_REQUIRED", 401);
    expect(idsOf(await api(`/api/v1/team-invitations?team_id=${team.id}`, { headers: t.server() }))).toEqual([id]);
  });

  it("needs team_id in the query", async () => {
    const { team } = await teamWithMember();
    const { id } = await t.invite(team.id, uniqueEmail());
    const refused = await api(`/api/v1/team-invitations/${id}`, { method: "DELETE", headers: t.server() });
    expect(refused.status).toBe(400);
    expect(idsOf(await api(`/api/v1/team-invitations?team_id=${team.id}`, { headers: t.server() }))).toEqual([id]);
  });
});

describe("accepting by id", () => {
  const acceptById = (user: SignedInUser, id: string, userId = "me") =>
    api(`/api/v1/team-invitations/${id}/accept?user_id=${userId}`, { method: "POST", headers: t.client(user), body: {} });

  it("lets a user whose verified email is the recipient accept by id", async () => {
    const { team } = await teamWithMember();
    const invitee = await signUpWithPassword(project);
    await t.verifyEmailOf(invitee.userId);
    const { id } = await t.invite(team.id, invitee.email);
    const accepted = await acceptById(invitee, id);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({});
    expect(await teamIdsOf(invitee)).toEqual([team.id]);
    expect((await api("/api/v1/team-invitations?user_id=me", { headers: t.client(invitee) })).body.items).toEqual([]);
  });

  it("refuses the recipient whose email is not verified with VERIFICATION_CODE_NOT_FOUND", async () => {
    const { team } = await teamWithMember();
    const invitee = await signUpWithPassword(project);
    const { id } = await t.invite(team.id, invitee.email);
    expectKnownError(await acceptById(invitee, id), "VERIFICATION_CODE_NOT_FOUND", 404);
    expect(await teamIdsOf(invitee)).toEqual([]);
  });

  it("refuses a verified user who is not the recipient with VERIFICATION_CODE_NOT_FOUND", async () => {
    const { team } = await teamWithMember();
    const { id } = await t.invite(team.id, uniqueEmail("someone-else"));
    const other = await signUpWithPassword(project);
    await t.verifyEmailOf(other.userId);
    expectKnownError(await acceptById(other, id), "VERIFICATION_CODE_NOT_FOUND", 404);
    expect(await teamIdsOf(other)).toEqual([]);
  });

  it("refuses a client accepting for another user with CANNOT_GET_OWN_USER_WITHOUT_USER", async () => {
    const { team } = await teamWithMember();
    const invitee = await signUpWithPassword(project);
    await t.verifyEmailOf(invitee.userId);
    const { id } = await t.invite(team.id, invitee.email);
    const other = await signUpWithPassword(project);
    expectKnownError(await acceptById(other, id, invitee.userId), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    expect(await teamIdsOf(invitee)).toEqual([]);
  });

  it("refuses an anonymous user with TEAM_INVITATION_RESTRICTED_USER_NOT_ALLOWED", async () => {
    const { team } = await teamWithMember();
    const { id } = await t.invite(team.id, uniqueEmail());
    const signUp = await api("/api/v1/auth/anonymous/sign-up", { headers: projectHeaders(project, "client"), body: {} });
    const headers = projectHeaders(project, "client", { "access-token": signUp.body.access_token, "allow-anonymous-user": "true" });
    const refused = await api(`/api/v1/team-invitations/${id}/accept?user_id=me`, { method: "POST", headers, body: {} });
    expectKnownError(refused, "TEAM_INVITATION_RESTRICTED_USER_NOT_ALLOWED", 403);
  });

  it("lets a server accept for a user whose verified email is the recipient", async () => {
    const { team } = await teamWithMember();
    const invitee = await signUpWithPassword(project);
    await t.verifyEmailOf(invitee.userId);
    const { id } = await t.invite(team.id, invitee.email);
    const accepted = await api(`/api/v1/team-invitations/${id}/accept?user_id=${invitee.userId}`, { method: "POST", headers: t.server(), body: {} });
    expect(accepted.status).toBe(200);
    expect(await teamIdsOf(invitee)).toEqual([team.id]);
  });
});

it("stores an invitation's code only hashed, apart from its id", async () => {
  const { team } = await teamWithMember();
  const invitee = await signUpWithPassword(project);
  const { id, code } = await t.invite(team.id, invitee.email);
  expect(code).not.toContain(id.replaceAll("-", ""));
  const rows = await sql("select * from verification_codes where id = $1", [id]);
  expect(JSON.stringify(rows)).not.toContain(code);
});
