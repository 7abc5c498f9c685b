import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectPermissionGrants, projects, teamPermissionGrants } from "../../db/schema";
import { type PermissionDefinition, type PermissionScope, mergeOverride, renderConfig } from "../projects/config";
import type { ResolvedProject } from "../projects/project-cache";
import { SYSTEM_TEAM_PERMISSIONS, definedPermissions, permissionGraph } from "./permission-graph";

/**
 * The project as stored now, its row locked until the transaction ends: definition changes are read-modify-write
 * on the config, and the cached copy may be seconds old.
 */
export async function lockProjectConfig(tx: Tx, project: ResolvedProject): Promise<ResolvedProject> {
  const [row] = await tx.select().from(projects).where(eq(projects.id, project.row.id)).for("update");
  if (!row) throw new KnownErrors.CurrentProjectNotFound(project.row.id);
  return { ...project, row, config: renderConfig(row.configOverride) };
}

export type DefinitionInput = { id?: string; description?: string; containedPermissionIds?: string[] };

export function listPermissionDefinitions(project: ResolvedProject, scope: PermissionScope) {
  return permissionGraph(project.config)
    .definitions(scope)
    .map((definition) => ({
      id: definition.id,
      ...(definition.description === undefined ? {} : { description: definition.description }),
      contained_permission_ids: definition.containedPermissionIds,
    }));
}

function requireContainedExist(project: ResolvedProject, scope: PermissionScope, ids: string[]): void {
  const graph = permissionGraph(project.config);
  for (const id of ids) if (graph.scopeOf(id) !== scope) throw new KnownErrors.ContainedPermissionNotFound(id);
}

const idSet = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, true]));

/** Writes the whole permission map (and default permissions) into the project's config override. */
async function saveDefinitions(tx: Tx, project: ResolvedProject, permissions: Record<string, PermissionDefinition>, defaults = project.config.rbac.defaultPermissions) {
  const configOverride = mergeOverride(project.row.configOverride, { "rbac.permissions": permissions, "rbac.defaultPermissions": defaults });
  await tx.update(projects).set({ configOverride }).where(eq(projects.id, project.row.id));
}

export async function createPermissionDefinition(tx: Tx, project: ResolvedProject, scope: PermissionScope, input: DefinitionInput & { id: string }) {
  if (project.config.rbac.permissions[input.id] || input.id in SYSTEM_TEAM_PERMISSIONS) throw new KnownErrors.PermissionIdAlreadyExists(input.id);
  const contained = input.containedPermissionIds ?? [];
  requireContainedExist(project, scope, contained);
  const definition: PermissionDefinition = {
    ...(input.description === undefined ? {} : { description: input.description }),
    scope,
    containedPermissionIds: idSet(contained),
  };
  await saveDefinitions(tx, project, { ...definedPermissions(project.config), [input.id]: definition });
  return { id: input.id, ...(input.description === undefined ? {} : { description: input.description }), contained_permission_ids: [...contained].sort() };
}

function requireCustomDefinition(project: ResolvedProject, scope: PermissionScope, id: string): PermissionDefinition {
  const definition = definedPermissions(project.config)[id];
  if (definition?.scope !== scope) throw new KnownErrors.PermissionNotFound(id);
  return definition;
}

const renameIn = (ids: Record<string, boolean>, from: string, to: string | null) =>
  Object.fromEntries(Object.entries(ids).flatMap(([id, on]) => (id === from ? (to === null ? [] : [[to, on]]) : [[id, on]])));

/** Renames or deletes an id everywhere it is referenced: other definitions, default permissions and grants. */
async function replaceReferences(tx: Tx, project: ResolvedProject, scope: PermissionScope, from: string, to: string | null, permissions: Record<string, PermissionDefinition>) {
  const updated = Object.fromEntries(
    Object.entries(permissions).map(([id, definition]) => [id, { ...definition, containedPermissionIds: renameIn(definition.containedPermissionIds, from, to) }]),
  );
  const defaults = project.config.rbac.defaultPermissions;
  const scoped = scope === "team" ? (["teamCreator", "teamMember"] as const) : (["signUp"] as const);
  const newDefaults = { ...defaults };
  for (const role of scoped) newDefaults[role] = renameIn(defaults[role], from, to);
  await saveDefinitions(tx, project, updated, newDefaults);
  const tenancyId = project.tenancyId!;
  const table = scope === "team" ? teamPermissionGrants : projectPermissionGrants;
  const where = and(eq(table.tenancyId, tenancyId), eq(table.permissionId, from));
  if (to === null) await tx.delete(table).where(where);
  else await tx.update(table).set({ permissionId: to }).where(where);
}

export async function updatePermissionDefinition(tx: Tx, project: ResolvedProject, scope: PermissionScope, id: string, input: DefinitionInput) {
  const existing = requireCustomDefinition(project, scope, id);
  const newId = input.id ?? id;
  if (newId !== id && (project.config.rbac.permissions[newId] || newId in SYSTEM_TEAM_PERMISSIONS)) throw new KnownErrors.PermissionIdAlreadyExists(newId);
  if (input.containedPermissionIds) requireContainedExist(project, scope, input.containedPermissionIds);
  const description = input.description ?? existing.description;
  const definition: PermissionDefinition = {
    ...(description === undefined ? {} : { description }),
    scope,
    containedPermissionIds: input.containedPermissionIds ? idSet(input.containedPermissionIds) : existing.containedPermissionIds,
  };
  const { [id]: _old, ...others } = definedPermissions(project.config);
  const permissions = { ...others, [newId]: definition };
  if (newId !== id) await replaceReferences(tx, project, scope, id, newId, permissions);
  else await saveDefinitions(tx, project, permissions);
  const contained = Object.entries(definition.containedPermissionIds).filter(([, on]) => on).map(([childId]) => (childId === id ? newId : childId));
  return { id: newId, ...(description === undefined ? {} : { description }), contained_permission_ids: contained.sort() };
}

/** Deletes a definition and every grant of it. */
export async function deletePermissionDefinition(tx: Tx, project: ResolvedProject, scope: PermissionScope, id: string): Promise<void> {
  requireCustomDefinition(project, scope, id);
  const { [id]: _old, ...others } = definedPermissions(project.config);
  await replaceReferences(tx, project, scope, id, null, others);
}
