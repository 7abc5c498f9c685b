import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectPermissionGrants, teamPermissionGrants } from "../../db/schema";
import type { PermissionDefinition, PermissionScope } from "../projects/config";
import { lockConfig, patchConfigOverride, renderOverrides } from "../projects/config-overrides";
import type { Tenancy } from "../projects/tenancy";
import { SYSTEM_TEAM_PERMISSIONS, definedPermissions, permissionGraph } from "./permission-graph";
import { inTenancy } from "../../db/tenant-scope";

/**
 * The project as stored now, its row locked until the transaction ends: definition changes are read-modify-write
 * on the config, and the cached copy may be seconds old.
 */
export async function lockProjectConfig(tx: Tx, tenancy: Tenancy): Promise<Tenancy> {
  const locked = await lockConfig(tx, tenancy);
  return { ...tenancy, project: locked.project, config: renderOverrides(locked.overrides) };
}

export type DefinitionInput = { id?: string; description?: string; containedPermissionIds?: string[] };

export function listPermissionDefinitions(tenancy: Tenancy, scope: PermissionScope) {
  return permissionGraph(tenancy.config)
    .definitions(scope)
    .map((definition) => ({
      id: definition.id,
      ...(definition.description === undefined ? {} : { description: definition.description }),
      contained_permission_ids: definition.containedPermissionIds,
    }));
}

function requireContainedExist(tenancy: Tenancy, scope: PermissionScope, ids: string[]): void {
  const graph = permissionGraph(tenancy.config);
  for (const id of ids) if (graph.scopeOf(id) !== scope) throw new KnownErrors.ContainedPermissionNotFound(id);
}

const idSet = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, true]));

/** Writes the whole permission map (and default permissions) into the environment level of the config. */
async function saveDefinitions(tx: Tx, tenancy: Tenancy, permissions: Record<string, PermissionDefinition>, defaults = tenancy.config.rbac.defaultPermissions) {
  await patchConfigOverride(tx, tenancy, "environment", { "rbac.permissions": permissions, "rbac.defaultPermissions": defaults });
}

export async function createPermissionDefinition(tx: Tx, tenancy: Tenancy, scope: PermissionScope, input: DefinitionInput & { id: string }) {
  if (tenancy.config.rbac.permissions[input.id] || input.id in SYSTEM_TEAM_PERMISSIONS) throw new KnownErrors.PermissionIdAlreadyExists(input.id);
  const contained = input.containedPermissionIds ?? [];
  requireContainedExist(tenancy, scope, contained);
  const definition: PermissionDefinition = {
    ...(input.description === undefined ? {} : { description: input.description }),
    scope,
    containedPermissionIds: idSet(contained),
  };
  await saveDefinitions(tx, tenancy, { ...definedPermissions(tenancy.config), [input.id]: definition });
  return { id: input.id, ...(input.description === undefined ? {} : { description: input.description }), contained_permission_ids: [...contained].sort() };
}

function requireCustomDefinition(tenancy: Tenancy, scope: PermissionScope, id: string): PermissionDefinition {
  const definition = definedPermissions(tenancy.config)[id];
  if (definition?.scope !== scope) throw new KnownErrors.PermissionNotFound(id);
  return definition;
}

const renameIn = (ids: Record<string, boolean>, from: string, to: string | null) =>
  Object.fromEntries(Object.entries(ids).flatMap(([id, on]) => (id === from ? (to === null ? [] : [[to, on]]) : [[id, on]])));

/** Renames or deletes an id everywhere it is referenced: other definitions, default permissions and grants. */
async function replaceReferences(tx: Tx, tenancy: Tenancy, scope: PermissionScope, from: string, to: string | null, permissions: Record<string, PermissionDefinition>) {
  const updated = Object.fromEntries(
    Object.entries(permissions).map(([id, definition]) => [id, { ...definition, containedPermissionIds: renameIn(definition.containedPermissionIds, from, to) }]),
  );
  const defaults = tenancy.config.rbac.defaultPermissions;
  const scoped = scope === "team" ? (["teamCreator", "teamMember"] as const) : (["signUp"] as const);
  const newDefaults = { ...defaults };
  for (const role of scoped) newDefaults[role] = renameIn(defaults[role], from, to);
  await saveDefinitions(tx, tenancy, updated, newDefaults);
  const table = scope === "team" ? teamPermissionGrants : projectPermissionGrants;
  const where = inTenancy(tenancy, table, eq(table.permissionId, from));
  if (to === null) await tx.delete(table).where(where);
  else await tx.update(table).set({ permissionId: to }).where(where);
}

export async function updatePermissionDefinition(tx: Tx, tenancy: Tenancy, scope: PermissionScope, id: string, input: DefinitionInput) {
  const existing = requireCustomDefinition(tenancy, scope, id);
  const newId = input.id ?? id;
  if (newId !== id && (tenancy.config.rbac.permissions[newId] || newId in SYSTEM_TEAM_PERMISSIONS)) throw new KnownErrors.PermissionIdAlreadyExists(newId);
  if (input.containedPermissionIds) requireContainedExist(tenancy, scope, input.containedPermissionIds);
  const description = input.description ?? existing.description;
  const definition: PermissionDefinition = {
    ...(description === undefined ? {} : { description }),
    scope,
    containedPermissionIds: input.containedPermissionIds ? idSet(input.containedPermissionIds) : existing.containedPermissionIds,
  };
  const { [id]: _old, ...others } = definedPermissions(tenancy.config);
  const permissions = { ...others, [newId]: definition };
  if (newId !== id) await replaceReferences(tx, tenancy, scope, id, newId, permissions);
  else await saveDefinitions(tx, tenancy, permissions);
  const contained = Object.entries(definition.containedPermissionIds).filter(([, on]) => on).map(([childId]) => (childId === id ? newId : childId));
  return { id: newId, ...(description === undefined ? {} : { description }), contained_permission_ids: contained.sort() };
}

/** Deletes a definition and every grant of it. */
export async function deletePermissionDefinition(tx: Tx, tenancy: Tenancy, scope: PermissionScope, id: string): Promise<void> {
  requireCustomDefinition(tenancy, scope, id);
  const { [id]: _old, ...others } = definedPermissions(tenancy.config);
  await replaceReferences(tx, tenancy, scope, id, null, others);
}
