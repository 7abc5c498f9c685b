import { describe, expect, it } from "vitest";
import { api, createTestProject, expectKnownError, internalProject, projectHeaders, signUpWithPassword, uniqueEmail } from "../harness/rest";

const asInternalUser = (accessToken: string) => projectHeaders(internalProject(), "client", { "access-token": accessToken });

async function newTeam(accessToken: string, name: string): Promise<string> {
  const team = await api("/api/v1/teams", { headers: asInternalUser(accessToken), body: { display_name: name, creator_user_id: "me" } });
  expect(team.status).toBe(201);
  return team.body.id;
}

describe("POST /internal/projects/transfer", () => {
  it("hands a project to another of the owner's teams, whose members then manage it", async () => {
    const project = await createTestProject("Transfer me");
    const token = project.owner.accessToken;
    const teamId = await newTeam(token, "New owners");
    const moved = await api("/api/v1/internal/projects/transfer", { headers: asInternalUser(token), body: { project_id: project.projectId, new_team_id: teamId } });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ success: "true" });
    const listed = await api("/api/v1/internal/projects", { headers: asInternalUser(token) });
    expect(listed.body.items.find((item: { id: string }) => item.id === project.projectId)?.owner_team_id).toBe(teamId);
  });

  it("refuses a team the user is not in, and a user who is not an admin of the owner team", async () => {
    const project = await createTestProject("Keep me");
    const stranger = await signUpWithPassword(internalProject(), uniqueEmail("transfer-stranger"));
    const strangersTeam = await newTeam(stranger.accessToken, "Stranger's");
    expectKnownError(
      await api("/api/v1/internal/projects/transfer", { headers: asInternalUser(project.owner.accessToken), body: { project_id: project.projectId, new_team_id: strangersTeam } }),
      "TEAM_MEMBERSHIP_NOT_FOUND",
      404,
    );
    expectKnownError(
      await api("/api/v1/internal/projects/transfer", { headers: asInternalUser(stranger.accessToken), body: { project_id: project.projectId, new_team_id: strangersTeam } }),
      "TEAM_MEMBERSHIP_NOT_FOUND",
      404,
    );
    const listed = await api("/api/v1/internal/projects", { headers: asInternalUser(project.owner.accessToken) });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(project.projectId);
  });

  it("answers PROJECT_NOT_FOUND for an unknown project, and EXPECTED_INTERNAL_PROJECT outside the internal project", async () => {
    const project = await createTestProject("Elsewhere");
    const teamId = await newTeam(project.owner.accessToken, "Spare");
    expectKnownError(
      await api("/api/v1/internal/projects/transfer", { headers: asInternalUser(project.owner.accessToken), body: { project_id: "no-such-project", new_team_id: teamId } }),
      "PROJECT_NOT_FOUND",
      404,
    );
    const user = await signUpWithPassword(project);
    expectKnownError(
      await api("/api/v1/internal/projects/transfer", {
        headers: projectHeaders(project, "client", { "access-token": user.accessToken }),
        body: { project_id: project.projectId, new_team_id: teamId },
      }),
      "EXPECTED_INTERNAL_PROJECT",
      401,
    );
  });
});
