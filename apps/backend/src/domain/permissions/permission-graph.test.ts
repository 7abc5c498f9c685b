import { describe, expect, it } from "vitest";
import { renderConfig } from "../projects/config";
import { expandPermissions, permissionGraph } from "./permission-graph";

const config = renderConfig({
  "rbac.permissions": {
    read: { scope: "team", containedPermissionIds: {} },
    write: { scope: "team", containedPermissionIds: { read: true, $read_members: true } },
    owner: { scope: "team", containedPermissionIds: { write: true, gone: true, off: false } },
    off: { scope: "team", containedPermissionIds: {} },
    loop_a: { scope: "project", containedPermissionIds: { loop_b: true } },
    loop_b: { scope: "project", containedPermissionIds: { loop_a: true } },
    deleted: null,
  },
});

describe("permission graph", () => {
  it("expands a permission through every level it contains", () => {
    expect([...permissionGraph(config).closureOf("owner")].sort()).toEqual(["$read_members", "owner", "read", "write"]);
  });

  it("skips contained ids that are switched off or no longer defined", () => {
    const closure = permissionGraph(config).closureOf("owner");
    expect(closure.has("off")).toBe(false);
    expect(closure.has("gone")).toBe(false);
  });

  it("terminates on cycles", () => {
    expect([...permissionGraph(config).closureOf("loop_a")].sort()).toEqual(["loop_a", "loop_b"]);
  });

  it("knows the system permissions' scope and nothing of unknown or deleted ids", () => {
    const graph = permissionGraph(config);
    expect(graph.scopeOf("$manage_api_keys")).toBe("team");
    expect(graph.scopeOf("loop_a")).toBe("project");
    expect(graph.scopeOf("deleted")).toBeNull();
    expect(expandPermissions(graph, ["nope"]).size).toBe(0);
  });

  it("builds the graph once per rendered config", () => {
    expect(permissionGraph(config)).toBe(permissionGraph(config));
  });

  it("lists a scope's definitions with the six system permissions in the team scope", () => {
    const team = permissionGraph(config).definitions("team").map((d) => d.id);
    expect(team).toContain("$update_team");
    expect(team).toContain("owner");
    expect(team).not.toContain("loop_a");
    expect(permissionGraph(config).definitions("project").map((d) => d.id)).toEqual(["loop_a", "loop_b"]);
  });
});
