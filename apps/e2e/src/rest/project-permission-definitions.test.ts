import { beforeAll, describe, expect, it } from "vitest";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, signUpWithPassword } from "../harness/rest";

let project: TestProject;
let userId: string;

beforeAll(async () => {
  project = await createTestProject("Project permission definitions");
  userId = (await signUpWithPassword(project)).userId;
});

const admin = () => projectHeaders(project, "admin");
const server = () => projectHeaders(project, "server");
const definitions = () => api("/api/v1/project-permission-definitions", { headers: admin() });
const grantsOf = async (id: string) => (await api(`/api/v1/project-permissions?user_id=${id}`, { headers: server() })).body.items;

describe("project permission definitions", () => {
  it("lists a defined permission with what it contains", async () => {
    expect((await api("/api/v1/project-permission-definitions", { headers: admin(), body: { id: "reports:read", description: "Read reports" } })).status).toBe(201);
    expect((await api("/api/v1/project-permission-definitions", { headers: admin(), body: { id: "reports:all", contained_permission_ids: ["reports:read"] } })).status).toBe(201);
    const listed = await definitions();
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        { id: "reports:read", description: "Read reports", contained_permission_ids: [] },
        { id: "reports:all", contained_permission_ids: ["reports:read"] },
      ]),
    );
  });

  it("renames a permission in its grants and in the permissions that contain it", async () => {
    await api("/api/v1/project-permission-definitions", { headers: admin(), body: { id: "exports:run" } });
    await api("/api/v1/project-permission-definitions", { headers: admin(), body: { id: "exports:all", contained_permission_ids: ["exports:run"] } });
    expect((await api(`/api/v1/project-permissions/${userId}/exports:run`, { headers: server(), body: {} })).status).toBe(201);

    const renamed = await api("/api/v1/project-permission-definitions/exports:run", { method: "PATCH", headers: admin(), body: { id: "exports:start" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ id: "exports:start", contained_permission_ids: [] });
    expect(await grantsOf(userId)).toEqual([{ id: "exports:start", user_id: userId }]);
    expect((await definitions()).body.items).toContainEqual({ id: "exports:all", contained_permission_ids: ["exports:start"] });
  });

  it("deletes a permission with its grants, after which it is not found", async () => {
    await api("/api/v1/project-permission-definitions", { headers: admin(), body: { id: "audit:view" } });
    const grantee = (await signUpWithPassword(project)).userId;
    await api(`/api/v1/project-permissions/${grantee}/audit:view`, { headers: server(), body: {} });

    const deleted = await api("/api/v1/project-permission-definitions/audit:view", { method: "DELETE", headers: admin() });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true });
    expect(await grantsOf(grantee)).toEqual([]);
    expect((await definitions()).body.items.map((item: { id: string }) => item.id)).not.toContain("audit:view");
    expectKnownError(await api("/api/v1/project-permission-definitions/audit:view", { method: "PATCH", headers: admin(), body: { description: "gone" } }), "PERMISSION_NOT_FOUND", 404);
  });

  it("refuses a definition that would contain itself, through another permission, and changes nothing", async () => {
    await api("/api/v1/project-permission-definitions", { headers: admin(), body: { id: "loop:a" } });
    await api("/api/v1/project-permission-definitions", { headers: admin(), body: { id: "loop:b", contained_permission_ids: ["loop:a"] } });
    const refused = await api("/api/v1/project-permission-definitions/loop:a", { method: "PATCH", headers: admin(), body: { contained_permission_ids: ["loop:b"] } });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("loop:a → loop:b → loop:a");
    expect((await definitions()).body.items).toContainEqual({ id: "loop:a", contained_permission_ids: [] });
  });
});
