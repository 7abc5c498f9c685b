import { describe, expect, it } from "vitest";
import { AdminInterface } from "./admin-interface";
import { BASE_URL, PROJECT_ID, fakeFetch, ok, requestOf } from "./test-support";

function setup() {
  const { fetch, calls } = fakeFetch(ok({ items: [], is_paginated: false }));
  const api = new AdminInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: "js test", superSecretAdminKey: "sak_test", fetch });
  return { api, calls };
}

describe("AdminInterface permission definitions", () => {
  it.each(["team", "project"] as const)("lists %s permission definitions", async (scope) => {
    const { api, calls } = setup();
    await api.listPermissionDefinitions(scope);
    expect(requestOf(calls[0]!)).toEqual({ method: "GET", path: `/${scope}-permission-definitions`, body: undefined, accessType: "admin" });
  });

  it.each(["team", "project"] as const)("creates a %s permission definition", async (scope) => {
    const { api, calls } = setup();
    await api.createPermissionDefinition(scope, { id: "read:docs", description: "Read docs", contained_permission_ids: ["read:wiki"] });
    expect(requestOf(calls[0]!)).toEqual({
      method: "POST",
      path: `/${scope}-permission-definitions`,
      body: { id: "read:docs", description: "Read docs", contained_permission_ids: ["read:wiki"] },
      accessType: "admin",
    });
  });

  it("updates a definition under its escaped id", async () => {
    const { api, calls } = setup();
    await api.updatePermissionDefinition("team", "read:docs", { contained_permission_ids: [] });
    expect(requestOf(calls[0]!)).toEqual({
      method: "PATCH",
      path: "/team-permission-definitions/read%3Adocs",
      body: { contained_permission_ids: [] },
      accessType: "admin",
    });
  });

  it("deletes a definition", async () => {
    const { api, calls } = setup();
    await api.deletePermissionDefinition("project", "admin");
    expect(requestOf(calls[0]!)).toMatchObject({ method: "DELETE", path: "/project-permission-definitions/admin" });
    expect(calls[0]?.headers["x-hexclave-super-secret-admin-key"]).toBe("sak_test");
  });
});
