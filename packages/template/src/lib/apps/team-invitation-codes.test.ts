import { BASE_URL, FIXTURE_IDS, HOUR, PROJECT_ID, type Reply, accessTokenExpiringIn, fakeFetch, knownError, ok, requestOf } from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { HexclaveClientApp } from "../public-api.js";

const CODE = "c".repeat(45);

function clientApp(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const tokenStore = { accessToken: accessTokenExpiringIn(HOUR), refreshToken: "rt" };
  const app = new HexclaveClientApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore, fetch });
  return { app, requests: () => calls.map(requestOf) };
}

describe("team invitation codes", () => {
  it("joins the team of a code as the signed-in user", async () => {
    const { app, requests } = clientApp(ok({}));
    expect(await app.acceptTeamInvitation(CODE)).toEqual({ status: "ok", data: undefined });
    expect(requests()).toEqual([{ method: "POST", path: "/team-invitations/accept", body: { code: CODE }, accessType: "client" }]);
  });

  it("returns a spent or expired code's known error as the result", async () => {
    const { app } = clientApp(knownError("VERIFICATION_CODE_ALREADY_USED", 409));
    const result = await app.acceptTeamInvitation(CODE);
    expect(result.status === "error" && result.error.code).toBe("VERIFICATION_CODE_ALREADY_USED");
  });

  it("returns a restricted user's refusal as the result", async () => {
    const { app } = clientApp(knownError("TEAM_INVITATION_RESTRICTED_USER_NOT_ALLOWED", 403, { restricted_reason: { type: "email_not_verified" } }));
    const result = await app.acceptTeamInvitation(CODE);
    expect(result.status === "error" && result.error.code).toBe("TEAM_INVITATION_RESTRICTED_USER_NOT_ALLOWED");
  });

  it("reads the team's name without using the code", async () => {
    const { app, requests } = clientApp(ok({ team_id: FIXTURE_IDS.team, team_display_name: "Design" }));
    expect(await app.getTeamInvitationDetails(CODE)).toEqual({ status: "ok", data: { teamDisplayName: "Design" } });
    expect(requests()[0]).toMatchObject({ method: "POST", path: "/team-invitations/accept/details", body: { code: CODE } });
  });

  it("checks a code", async () => {
    const { app, requests } = clientApp(ok({ is_code_valid: true }), knownError("VERIFICATION_CODE_NOT_FOUND", 404));
    expect((await app.verifyTeamInvitationCode(CODE)).status).toBe("ok");
    expect((await app.verifyTeamInvitationCode(CODE)).status).toBe("error");
    expect(requests()[0]).toMatchObject({ method: "POST", path: "/team-invitations/accept/check-code", body: { code: CODE } });
  });
});
