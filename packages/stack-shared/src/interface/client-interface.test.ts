import { describe, expect, it } from "vitest";
import * as clientCalls from "./client-calls";
import { ClientInterface } from "./client-interface";
import { InternalSession } from "./session";
import { BASE_URL, HOUR, PROJECT_ID, accessTokenExpiringIn, fakeFetch, ok, requestOf } from "./test-support";

const TEAM = "9c0f4a52-0000-4000-8000-0000000000aa";
const KEY = "5d2e9b10-0000-4000-8000-0000000000bb";
const INVITATION = "77aa1c3e-0000-4000-8000-0000000000cc";

function setup(reply: unknown = { items: [], is_paginated: false }) {
  const { fetch, calls } = fakeFetch(ok(reply));
  const api = new ClientInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: "js test", fetch });
  const session = new InternalSession(async () => null, { accessToken: accessTokenExpiringIn(HOUR), refreshToken: "rt" });
  return { api, session, calls };
}

type Case = [name: string, call: (api: ClientInterface, session: InternalSession) => Promise<unknown>, method: string, path: string, body?: unknown];

// Each call as Stack Auth's API names it and the published SDK makes it: method, path with query, and JSON body.
const CASES: Case[] = [
  ["lists the user's teams", (api, s) => api.listCurrentUserTeams(s), "GET", "/teams?user_id=me"],
  [
    "creates a team",
    (api, s) => api.createTeam({ display_name: "Crew", creator_user_id: "me" }, s),
    "POST",
    "/teams",
    { display_name: "Crew", creator_user_id: "me" },
  ],
  ["updates a team", (api, s) => api.updateTeam(TEAM, { display_name: "Crew 2" }, s), "PATCH", `/teams/${TEAM}`, { display_name: "Crew 2" }],
  ["deletes a team", (api, s) => api.deleteTeam(TEAM, s), "DELETE", `/teams/${TEAM}`],
  ["leaves a team with an empty body", (api, s) => api.leaveTeam(TEAM, s), "DELETE", `/team-memberships/${TEAM}/me`, {}],
  ["lists member profiles", (api, s) => clientCalls.listTeamMemberProfiles(api.http, TEAM, s), "GET", `/team-member-profiles?team_id=${TEAM}`],
  ["reads the own member profile", (api, s) => clientCalls.getTeamMemberProfile(api.http, TEAM, "me", s), "GET", `/team-member-profiles/${TEAM}/me`],
  [
    "updates a member profile",
    (api, s) => clientCalls.updateTeamMemberProfile(api.http, TEAM, "u1", { display_name: "Ada" }, s),
    "PATCH",
    `/team-member-profiles/${TEAM}/u1`,
    { display_name: "Ada" },
  ],
  [
    "sends an invitation",
    (api, s) => clientCalls.sendTeamInvitation(api.http, { team_id: TEAM, email: "bo@example.com", callback_url: "https://app.example/handler/team-invitation" }, s),
    "POST",
    "/team-invitations/send-code",
    { team_id: TEAM, email: "bo@example.com", callback_url: "https://app.example/handler/team-invitation" },
  ],
  ["lists a team's invitations", (api, s) => clientCalls.listTeamInvitations(api.http, TEAM, s), "GET", `/team-invitations?team_id=${TEAM}`],
  ["revokes an invitation", (api, s) => clientCalls.revokeTeamInvitation(api.http, INVITATION, TEAM, s), "DELETE", `/team-invitations/${INVITATION}?team_id=${TEAM}`],
  ["lists invitations to the user", (api, s) => clientCalls.listCurrentUserTeamInvitations(api.http, s), "GET", "/team-invitations?user_id=me"],
  [
    "accepts an invitation by id, without a body",
    (api, s) => clientCalls.acceptTeamInvitationById(api.http, INVITATION, s),
    "POST",
    `/team-invitations/${INVITATION}/accept?user_id=me`,
  ],
  ["accepts an invitation code", (api, s) => clientCalls.acceptTeamInvitation(api.http, "c".repeat(45), s), "POST", "/team-invitations/accept", { code: "c".repeat(45) }],
  [
    "reads an invitation code's team",
    (api, s) => clientCalls.getTeamInvitationDetails(api.http, "c".repeat(45), s),
    "POST",
    "/team-invitations/accept/details",
    { code: "c".repeat(45) },
  ],
  [
    "checks an invitation code",
    (api, s) => clientCalls.checkTeamInvitationCode(api.http, "c".repeat(45), s),
    "POST",
    "/team-invitations/accept/check-code",
    { code: "c".repeat(45) },
  ],
  [
    "lists team permissions recursively",
    (api, s) => api.listCurrentUserTeamPermissions(TEAM, true, s),
    "GET",
    `/team-permissions?team_id=${TEAM}&user_id=me&recursive=true`,
  ],
  ["lists direct project permissions", (api, s) => api.listCurrentUserProjectPermissions(false, s), "GET", "/project-permissions?user_id=me&recursive=false"],
  [
    "creates a user API key",
    (api, s) => clientCalls.createApiKey(api.http, { user_id: "me" }, { description: "CI", expires_at_millis: null }, s),
    "POST",
    "/user-api-keys",
    { user_id: "me", description: "CI", expires_at_millis: null },
  ],
  [
    "creates a public team API key",
    (api, s) => clientCalls.createApiKey(api.http, { team_id: TEAM }, { description: "Widget", expires_at_millis: 1_900_000_000_000, is_public: true }, s),
    "POST",
    "/team-api-keys",
    { team_id: TEAM, description: "Widget", expires_at_millis: 1_900_000_000_000, is_public: true },
  ],
  ["lists the user's API keys", (api, s) => clientCalls.listApiKeys(api.http, { user_id: "me" }, s), "GET", "/user-api-keys?user_id=me"],
  ["lists a team's API keys", (api, s) => clientCalls.listApiKeys(api.http, { team_id: TEAM }, s), "GET", `/team-api-keys?team_id=${TEAM}`],
  ["reads a team API key with its team in the query", (api, s) => clientCalls.getApiKey(api.http, { team_id: TEAM }, KEY, s), "GET", `/team-api-keys/${KEY}?team_id=${TEAM}`],
  ["counts the user's unused recovery codes", (api, s) => clientCalls.getRemainingRecoveryCodeCount(api.http, s), "GET", "/auth/mfa/recovery-codes"],
  ["makes new recovery codes", (api, s) => clientCalls.generateRecoveryCodes(api.http, s), "POST", "/auth/mfa/recovery-codes", {}],
  [
    "finishes a sign-in with a recovery code",
    (api, s) => clientCalls.signInWithRecoveryCode(api.http, { code: "a".repeat(45), recovery_code: "abcde-fghij" }, s),
    "POST",
    "/auth/mfa/sign-in",
    { code: "a".repeat(45), recovery_code: "abcde-fghij", type: "recovery_code" },
  ],
  ["starts a passkey registration", (api, s) => clientCalls.initiatePasskeyRegistration(api.http, s), "POST", "/auth/passkey/initiate-passkey-registration", {}],
  [
    "registers a passkey",
    (api, s) => clientCalls.postPasskeyRegistration(api.http, { code: "c".repeat(45), credential: { id: "cred", type: "public-key" } }, s),
    "POST",
    "/auth/passkey/register",
    { code: "c".repeat(45), credential: { id: "cred", type: "public-key" } },
  ],
  ["starts a passkey sign-in", (api, s) => clientCalls.initiatePasskeyAuthentication(api.http, s), "POST", "/auth/passkey/initiate-passkey-authentication", {}],
  [
    "signs in with a passkey",
    (api, s) => clientCalls.postPasskeySignIn(api.http, { code: "c".repeat(45), authentication_response: { id: "cred" } }, s),
    "POST",
    "/auth/passkey/sign-in",
    { code: "c".repeat(45), authentication_response: { id: "cred" } },
  ],
  [
    "revokes a user API key",
    (api, s) => clientCalls.updateApiKey(api.http, { user_id: "u1" }, KEY, { revoked: true }, s),
    "PATCH",
    `/user-api-keys/${KEY}?user_id=u1`,
    { revoked: true },
  ],
];

describe("ClientInterface teams, permissions, API keys, passkeys and recovery codes", () => {
  it.each(CASES)("%s", async (_name, call, method, path, body) => {
    const { api, session, calls } = setup();
    await call(api, session);
    expect(calls).toHaveLength(1);
    expect(requestOf(calls[0]!)).toEqual({ method, path, body, accessType: "client" });
    expect(calls[0]?.headers["x-hexclave-access-token"]).toBeDefined();
  });

  it("returns the items of a list", async () => {
    const team = { id: TEAM, display_name: "Crew", profile_image_url: null, client_metadata: null, client_read_only_metadata: null };
    const { api, session } = setup({ items: [team], is_paginated: false });
    expect(await api.listCurrentUserTeams(session)).toEqual([team]);
  });

  it("returns the recovery codes and their count out of their envelopes", async () => {
    const codes = Array.from({ length: 10 }, (_, index) => `code${index}-aaaaa`);
    expect(await clientCalls.generateRecoveryCodes(setup({ recovery_codes: codes }).api.http, setup().session)).toEqual(codes);
    expect(await clientCalls.getRemainingRecoveryCodeCount(setup({ remaining: 7 }).api.http, setup().session)).toBe(7);
  });

  it("escapes ids in paths, so an id cannot reach another route", async () => {
    const { api, session, calls } = setup();
    await api.deleteTeam("../users/me", session);
    expect(requestOf(calls[0]!).path).toBe("/teams/..%2Fusers%2Fme");
  });
});
