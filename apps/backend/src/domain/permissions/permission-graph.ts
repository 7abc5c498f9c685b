import type { PermissionDefinition, PermissionScope, ProjectConfig } from "../projects/config";

/** Team permissions every project has; they contain nothing and cannot be edited. */
export const SYSTEM_TEAM_PERMISSIONS: Record<string, string> = {
  $update_team: "Update the team's name, image and metadata",
  $delete_team: "Delete the team",
  $read_members: "Read the team's members",
  $remove_members: "Remove other members from the team",
  $invite_members: "Invite others to the team",
  $manage_api_keys: "Create and revoke the team's API keys",
};

export const CUSTOM_PERMISSION_ID = /^[a-z0-9_:]+$/;

export type PermissionGraph = {
  scopeOf(permissionId: string): PermissionScope | null;
  /** The permission and everything it contains, transitively. Empty for an unknown id. */
  closureOf(permissionId: string): ReadonlySet<string>;
  definitions(scope: PermissionScope): { id: string; description?: string; containedPermissionIds: string[] }[];
};

/** The project's custom permission definitions, without entries an override set to null. */
export function definedPermissions(config: ProjectConfig): Record<string, PermissionDefinition> {
  return Object.fromEntries(Object.entries(config.rbac.permissions).filter((entry): entry is [string, PermissionDefinition] => !!entry[1]));
}

function buildGraph(config: ProjectConfig): PermissionGraph {
  const defined = new Map(Object.entries(definedPermissions(config)));
  const closures = new Map<string, ReadonlySet<string>>();
  const contained = (id: string) =>
    Object.entries(defined.get(id)?.containedPermissionIds ?? {})
      .filter(([, on]) => on)
      .map(([childId]) => childId);
  const scopeOf = (id: string): PermissionScope | null => (id in SYSTEM_TEAM_PERMISSIONS ? "team" : (defined.get(id)?.scope ?? null));

  // Closures are computed once per rendered config, so a check is a set lookup however deep the nesting goes.
  function closureOf(id: string): ReadonlySet<string> {
    const cached = closures.get(id);
    if (cached) return cached;
    const result = new Set<string>();
    if (scopeOf(id) !== null) {
      const stack = [id];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (result.has(next) || scopeOf(next) === null) continue;
        result.add(next);
        stack.push(...contained(next));
      }
    }
    closures.set(id, result);
    return result;
  }

  return {
    scopeOf,
    closureOf,
    definitions(scope) {
      const custom = [...defined]
        .filter(([, definition]) => definition.scope === scope)
        .map(([id, definition]) => ({
          id,
          ...(definition.description === undefined ? {} : { description: definition.description }),
          containedPermissionIds: contained(id).sort(),
        }));
      const system =
        scope === "team"
          ? Object.entries(SYSTEM_TEAM_PERMISSIONS).map(([id, description]) => ({ id, description, containedPermissionIds: [] }))
          : [];
      return [...custom, ...system].sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}

const graphs = new WeakMap<ProjectConfig, PermissionGraph>();

/** The project's permission graph; rendered configs are cached objects, so this is built once per config change. */
export function permissionGraph(config: ProjectConfig): PermissionGraph {
  let graph = graphs.get(config);
  if (!graph) {
    graph = buildGraph(config);
    graphs.set(config, graph);
  }
  return graph;
}

/** Everything the given direct grants amount to. */
export function expandPermissions(graph: PermissionGraph, directIds: Iterable<string>): Set<string> {
  const result = new Set<string>();
  for (const id of directIds) for (const inner of graph.closureOf(id)) result.add(inner);
  return result;
}
