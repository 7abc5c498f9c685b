import { describe, expect, it } from "vitest";
import { ServerInterface } from "./server-interface";
import { BASE_URL, PROJECT_ID, type Reply, fakeFetch, knownError, ok, requestOf } from "./test-support";

const TEAM = "9c0f4a52-0000-4000-8000-0000000000aa";
const USER = "3f1c2b7e-0000-4000-8000-000000000001";
const KEY = "5d2e9b10-0000-4000-8000-0000000000bb";
const INVITATION = "77aa1c3e-0000-4000-8000-0000000000cc";
const CHANNEL = "2b8d6f41-0000-4000-8000-0000000000dd";

function setup(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...(replies.length > 0 ? replies : [ok({ items: [], is_paginated: false })]));
  const api = new ServerInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: "js test", secretServerKey: "ssk_test", fetch });
  return { api, calls };
}

type Case = [name: string, call: (api: ServerInterface) => Promise<unknown>, method: string, path: string, body?: unknown];

const CASES: Case[] = [
  ["lists every team", (api) => api.listTeams(), "GET", "/teams"],
  ["lists a user's teams", (api) => api.listTeams({ user_id: USER }), "GET", `/teams?user_id=${USER}`],
  ["reads a team", (api) => api.getTeam(TEAM), "GET", `/teams/${TEAM}`],
  [
    "creates a team for a creator",
    (api) => api.createServerTeam({ display_name: "Crew", creator_user_id: USER }),
    "POST",
    "/teams",
    { display_name: "Crew", creator_user_id: USER },
  ],
  ["updates server metadata", (api) => api.updateServerTeam(TEAM, { server_metadata: { plan: "pro" } }), "PATCH", `/teams/${TEAM}`, { server_metadata: { plan: "pro" } }],
  ["deletes a team", (api) => api.deleteServerTeam(TEAM), "DELETE", `/teams/${TEAM}`],
  ["adds a member with an empty body", (api) => api.addTeamMember(TEAM, USER), "POST", `/team-memberships/${TEAM}/${USER}`, {}],
  ["removes a member with an empty body", (api) => api.removeTeamMember(TEAM, USER), "DELETE", `/team-memberships/${TEAM}/${USER}`, {}],
  ["lists member profiles", (api) => api.listServerTeamMemberProfiles(TEAM), "GET", `/team-member-profiles?team_id=${TEAM}`],
  ["reads a member profile", (api) => api.getServerTeamMemberProfile(TEAM, USER), "GET", `/team-member-profiles/${TEAM}/${USER}`],
  [
    "sends an invitation",
    (api) => api.sendServerTeamInvitation({ team_id: TEAM, email: "bo@example.com", callback_url: "https://app.example/handler/team-invitation" }),
    "POST",
    "/team-invitations/send-code",
    { team_id: TEAM, email: "bo@example.com", callback_url: "https://app.example/handler/team-invitation" },
  ],
  ["lists a team's invitations", (api) => api.listServerTeamInvitations(TEAM), "GET", `/team-invitations?team_id=${TEAM}`],
  ["revokes an invitation", (api) => api.revokeServerTeamInvitation(INVITATION, TEAM), "DELETE", `/team-invitations/${INVITATION}?team_id=${TEAM}`],
  ["lists invitations to a user", (api) => api.listUserTeamInvitations(USER), "GET", `/team-invitations?user_id=${USER}`],
  ["accepts an invitation for a user", (api) => api.acceptTeamInvitationForUser(INVITATION, USER), "POST", `/team-invitations/${INVITATION}/accept?user_id=${USER}`],
  [
    "lists a member's team permissions",
    (api) => api.listTeamPermissions({ team_id: TEAM, user_id: USER, recursive: true }),
    "GET",
    `/team-permissions?team_id=${TEAM}&user_id=${USER}&recursive=true`,
  ],
  ["lists every member's team permissions", (api) => api.listTeamPermissions({ team_id: TEAM, recursive: false }), "GET", `/team-permissions?team_id=${TEAM}&recursive=false`],
  ["lists project permissions", (api) => api.listProjectPermissions({ user_id: USER, recursive: true }), "GET", `/project-permissions?user_id=${USER}&recursive=true`],
  ["grants a team permission", (api) => api.grantTeamPermission(TEAM, USER, "read:docs"), "POST", `/team-permissions/${TEAM}/${USER}/read%3Adocs`, {}],
  ["revokes a team permission", (api) => api.revokeTeamPermission(TEAM, USER, "read:docs"), "DELETE", `/team-permissions/${TEAM}/${USER}/read%3Adocs`, {}],
  ["grants a project permission", (api) => api.grantProjectPermission(USER, "admin"), "POST", `/project-permissions/${USER}/admin`, {}],
  ["revokes a project permission", (api) => api.revokeProjectPermission(USER, "admin"), "DELETE", `/project-permissions/${USER}/admin`, {}],
  [
    "creates a user's API key",
    (api) => api.createServerApiKey({ user_id: USER }, { description: "CI", expires_at_millis: null }),
    "POST",
    "/user-api-keys",
    { user_id: USER, description: "CI", expires_at_millis: null },
  ],
  ["lists a team's API keys", (api) => api.listServerApiKeys({ team_id: TEAM }), "GET", `/team-api-keys?team_id=${TEAM}`],
  ["revokes a team API key", (api) => api.updateServerApiKey({ team_id: TEAM }, KEY, { revoked: true }), "PATCH", `/team-api-keys/${KEY}?team_id=${TEAM}`, { revoked: true }],
  ["checks a user API key", (api) => api.checkApiKey("user", "sk_secret"), "POST", "/user-api-keys/check", { api_key: "sk_secret" }],
  ["checks a team API key", (api) => api.checkApiKey("team", "sk_secret"), "POST", "/team-api-keys/check", { api_key: "sk_secret" }],
  ["lists a user's contact channels", (api) => api.listServerContactChannels(USER), "GET", `/contact-channels?user_id=${USER}`],
  [
    "adds a verified contact channel to a user",
    (api) => api.createServerContactChannel({ user_id: USER, type: "email", value: "bo@example.com", used_for_auth: false, is_verified: true }),
    "POST",
    "/contact-channels",
    { user_id: USER, type: "email", value: "bo@example.com", used_for_auth: false, is_verified: true },
  ],
  [
    "changes a user's contact channel",
    (api) => api.updateServerContactChannel(USER, CHANNEL, { is_primary: true, is_verified: false }),
    "PATCH",
    `/contact-channels/${USER}/${CHANNEL}`,
    { is_primary: true, is_verified: false },
  ],
  ["removes a user's contact channel", (api) => api.deleteServerContactChannel(USER, CHANNEL), "DELETE", `/contact-channels/${USER}/${CHANNEL}`],
  [
    "mails a verification link to a user's contact channel",
    (api) => api.sendServerContactChannelVerification(USER, CHANNEL, "https://app.example/handler/email-verification"),
    "POST",
    `/contact-channels/${USER}/${CHANNEL}/send-verification-code`,
    { callback_url: "https://app.example/handler/email-verification" },
  ],
  ["escapes the ids of a contact channel", (api) => api.deleteServerContactChannel("../users", "a/b"), "DELETE", "/contact-channels/..%2Fusers/a%2Fb"],
  ["lists the outbox", (api) => api.listOutboxEmails(), "GET", "/emails/outbox"],
  [
    "lists a filtered page of the outbox",
    (api) => api.listOutboxEmails({ status: "sent", simple_status: "ok", limit: 10, cursor: KEY }),
    "GET",
    `/emails/outbox?status=sent&simple_status=ok&limit=10&cursor=${KEY}`,
  ],
];

describe("ServerInterface teams, permissions, API keys and contact channels", () => {
  it.each(CASES)("%s", async (_name, call, method, path, body) => {
    const { api, calls } = setup();
    await call(api);
    expect(calls).toHaveLength(1);
    expect(requestOf(calls[0]!)).toEqual({ method, path, body, accessType: "server" });
    expect(calls[0]?.headers["x-hexclave-secret-server-key"]).toBe("ssk_test");
  });

  it("returns null for a team that does not exist", async () => {
    const { api } = setup(knownError("TEAM_NOT_FOUND", 404, { team_id: TEAM }));
    expect(await api.getTeam(TEAM)).toBeNull();
  });

  it.each([
    ["API_KEY_NOT_FOUND", 404, undefined],
    ["API_KEY_EXPIRED", 401, undefined],
    ["API_KEY_REVOKED", 401, undefined],
    ["WRONG_API_KEY_TYPE", 400, { expected_type: "user", actual_type: "team" }],
  ] as const)("checks a key refused with %s as null", async (code, status, details) => {
    const { api } = setup(knownError(code, status, details));
    expect(await api.checkApiKey("user", "sk_secret")).toBeNull();
  });

  it("still throws errors of the check that say nothing about the key", async () => {
    const { api } = setup(knownError("INVALID_SECRET_SERVER_KEY", 401));
    await expect(api.checkApiKey("user", "sk_secret")).rejects.toMatchObject({ code: "INVALID_SECRET_SERVER_KEY" });
  });
});
