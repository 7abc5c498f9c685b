import { BASE_URL, PROJECT_ID, type Reply, fakeFetch, knownError, list, ok, requestOf } from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { HexclaveAdminApp } from "../public-api.js";

function adminApp(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const app = new HexclaveAdminApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, superSecretAdminKey: "sak", fetch });
  return { app, requests: () => calls.map(requestOf) };
}

describe("HexclaveAdminApp permission definitions", () => {
  it("lists team definitions with their contained permissions", async () => {
    const { app, requests } = adminApp(
      ok(list([{ id: "$read_members", description: "Read members", contained_permission_ids: [] }, { id: "team_member", contained_permission_ids: ["$read_members"] }])),
    );
    expect(await app.listTeamPermissionDefinitions()).toEqual([
      { id: "$read_members", description: "Read members", containedPermissionIds: [] },
      { id: "team_member", containedPermissionIds: ["$read_members"] },
    ]);
    expect(requests()[0]).toMatchObject({ method: "GET", path: "/team-permission-definitions", accessType: "admin" });
  });

  it("creates, updates and deletes a project definition", async () => {
    const { app, requests } = adminApp(
      ok({ id: "billing", description: "Billing", contained_permission_ids: [] }),
      ok({ id: "billing", description: "Billing admin", contained_permission_ids: [] }),
      ok({ success: true }),
    );
    expect(await app.createProjectPermissionDefinition({ id: "billing", description: "Billing", containedPermissionIds: [] })).toEqual({
      id: "billing",
      description: "Billing",
      containedPermissionIds: [],
    });
    await app.updateProjectPermissionDefinition("billing", { description: "Billing admin" });
    await app.deleteProjectPermissionDefinition("billing");
    expect(requests().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: "POST", path: "/project-permission-definitions", body: { id: "billing", description: "Billing", contained_permission_ids: [] } },
      { method: "PATCH", path: "/project-permission-definitions/billing", body: { description: "Billing admin" } },
      { method: "DELETE", path: "/project-permission-definitions/billing", body: undefined },
    ]);
  });

  it("surfaces a duplicate id as its known error", async () => {
    const { app } = adminApp(knownError("PERMISSION_ID_ALREADY_EXISTS", 400, { permission_id: "team_member" }));
    await expect(app.createTeamPermissionDefinition({ id: "team_member", containedPermissionIds: [] })).rejects.toMatchObject({
      code: "PERMISSION_ID_ALREADY_EXISTS",
    });
  });
});
