import {
  BASE_URL,
  FIXTURE_IDS,
  HOUR,
  PROJECT_ID,
  type Reply,
  accessTokenExpiringIn,
  fakeFetch,
  list,
  ok,
  requestOf,
  teamJson,
  userJson,
} from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
// Through the public API, as apps do (importing apps/client-app.js first trips a circular import).
import { HexclaveClientApp } from "../public-api.js";

const TEAM = FIXTURE_IDS.team;
const USER = FIXTURE_IDS.user;
const INVITATION = FIXTURE_IDS.invitation;
const CALLBACK = "https://app.example/handler/team-invitation";

/** A signed-in user of a client app whose next answers are `replies`; `calls` starts after reading the user. */
async function signedIn(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(ok(userJson({ selected_team: teamJson(), selected_team_id: TEAM })), ...replies);
  const tokenStore = { accessToken: accessTokenExpiringIn(HOUR), refreshToken: "rt" };
  const app = new HexclaveClientApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore, fetch });
  const user = await app.getUser({ or: "throw" });
  calls.splice(0);
  const requests = () => calls.map(requestOf).map(({ method, path, body }) => ({ method, path, body }));
  return { app, user, requests };
}

describe("the signed-in user's teams", () => {
  it("creates a team with the user as creator, then selects it", async () => {
    const { user, requests } = await signedIn(ok(teamJson()), ok(userJson({ selected_team_id: TEAM })));
    const team = await user.createTeam({ displayName: "Design" });
    expect(team.displayName).toBe("Design");
    expect(requests()).toEqual([
      { method: "POST", path: "/teams", body: { display_name: "Design", creator_user_id: "me" } },
      { method: "PATCH", path: "/users/me", body: { selected_team_id: TEAM } },
    ]);
  });

  it("lists the user's teams, and finds one of them by id", async () => {
    const { user, requests } = await signedIn(ok(list([teamJson()])), ok(list([teamJson()])), ok(list([teamJson()])));
    expect((await user.listTeams()).map((team) => team.id)).toEqual([TEAM]);
    expect((await user.getTeam(TEAM))?.displayName).toBe("Design");
    expect(await user.getTeam("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(requests()[0]).toEqual({ method: "GET", path: "/teams?user_id=me", body: undefined });
  });

  it("gives the selected team the methods of any team", async () => {
    const { user, requests } = await signedIn(ok(teamJson({ display_name: "Design 2" })));
    await user.selectedTeam?.update({ displayName: "Design 2" });
    expect(requests()).toEqual([{ method: "PATCH", path: `/teams/${TEAM}`, body: { display_name: "Design 2" } }]);
  });

  it("leaves a team through its own membership", async () => {
    const { user, requests } = await signedIn(ok({ success: true }));
    await user.leaveTeam({ id: TEAM });
    expect(requests()).toEqual([{ method: "DELETE", path: `/team-memberships/${TEAM}/me`, body: {} }]);
  });

  it("re-reads the user after leaving a team when something listens for changes", async () => {
    const { app, user, requests } = await signedIn(ok({ success: true }), ok(userJson()));
    const seen: unknown[] = [];
    app.onUserChange((next) => seen.push(next?.selectedTeam));
    await user.leaveTeam({ id: TEAM });
    expect(requests().map(({ method, path }) => `${method} ${path}`)).toEqual([`DELETE /team-memberships/${TEAM}/me`, "GET /users/me"]);
    expect(seen).toEqual([null]);
  });

  it("lists invitations to the user and accepts one without a body", async () => {
    const invitation = { id: INVITATION, team_id: TEAM, team_display_name: "Design", expires_at_millis: 1_900_000_000_000, recipient_email: "ada@example.com" };
    const { user, requests } = await signedIn(ok(list([invitation])), ok({}));
    const [received] = await user.listTeamInvitations();
    expect(received).toMatchObject({ id: INVITATION, teamId: TEAM, teamDisplayName: "Design", recipientEmail: "ada@example.com" });
    expect(received?.expiresAt).toEqual(new Date(1_900_000_000_000));
    await received?.accept();
    expect(requests()).toEqual([
      { method: "GET", path: "/team-invitations?user_id=me", body: undefined },
      { method: "POST", path: `/team-invitations/${INVITATION}/accept?user_id=me`, body: undefined },
    ]);
  });

  it("reads and edits the user's own profile in a team", async () => {
    const profile = { team_id: TEAM, user_id: USER, display_name: "Ada", profile_image_url: null };
    const { user, requests } = await signedIn(ok(profile), ok({ ...profile, display_name: "Ada (design)" }));
    const teamProfile = await user.getTeamProfile({ id: TEAM });
    expect(teamProfile).toMatchObject({ displayName: "Ada", profileImageUrl: null });
    await teamProfile.update({ displayName: "Ada (design)" });
    expect(requests()).toEqual([
      { method: "GET", path: `/team-member-profiles/${TEAM}/me`, body: undefined },
      { method: "PATCH", path: `/team-member-profiles/${TEAM}/${USER}`, body: { display_name: "Ada (design)" } },
    ]);
  });
});

describe("a team of the signed-in user", () => {
  it("invites an address with a link to the callback URL", async () => {
    const { user, requests } = await signedIn(ok({ success: true, id: INVITATION }));
    await user.selectedTeam?.inviteUser({ email: "bo@example.com", callbackUrl: CALLBACK });
    expect(requests()).toEqual([
      { method: "POST", path: "/team-invitations/send-code", body: { team_id: TEAM, email: "bo@example.com", callback_url: CALLBACK } },
    ]);
  });

  it("asks for a callback URL outside a browser, where the invitation page's address is unknown", async () => {
    const { user } = await signedIn();
    await expect(user.selectedTeam?.inviteUser({ email: "bo@example.com" })).rejects.toThrow(/callbackUrl/);
  });

  it("lists its members with their team profiles", async () => {
    const { user, requests } = await signedIn(ok(list([{ team_id: TEAM, user_id: USER, display_name: "Ada", profile_image_url: "https://img.example/a.png" }])));
    expect(await user.selectedTeam?.listUsers()).toEqual([{ id: USER, teamProfile: { displayName: "Ada", profileImageUrl: "https://img.example/a.png" } }]);
    expect(requests()[0]?.path).toBe(`/team-member-profiles?team_id=${TEAM}`);
  });

  it("lists its pending invitations and revokes one", async () => {
    const invitation = { id: INVITATION, team_id: TEAM, team_display_name: "Design", expires_at_millis: 1_900_000_000_000, recipient_email: "bo@example.com" };
    const { user, requests } = await signedIn(ok(list([invitation])), ok({ success: true }));
    const [sent] = (await user.selectedTeam?.listInvitations()) ?? [];
    expect(sent).toMatchObject({ id: INVITATION, recipientEmail: "bo@example.com" });
    await sent?.revoke();
    expect(requests()[1]).toEqual({ method: "DELETE", path: `/team-invitations/${INVITATION}?team_id=${TEAM}`, body: undefined });
  });

  it("deletes itself", async () => {
    const { user, requests } = await signedIn(ok({ success: true }));
    await user.selectedTeam?.delete();
    expect(requests()).toEqual([{ method: "DELETE", path: `/teams/${TEAM}`, body: undefined }]);
  });
});
