import { KnownErrors } from "@stackframe/stack-shared";
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectPermissionGrants } from "../../db/schema";
import type { ProjectConfig } from "../projects/config";
import { requirePermissionOfScope } from "./permission-errors";
import { expandPermissions, permissionGraph } from "./permission-graph";

type UserPermissionQuery = { userId: string; permissionId: string };
export type ProjectPermissionRow = { id: string; user_id: string };

/** Does the user hold the project permission, directly or contained in another? One query. */
export async function hasProjectPermission(db: Tx, tenancyId: string, config: ProjectConfig, query: UserPermissionQuery): Promise<boolean> {
  const grants = await db
    .select({ permissionId: projectPermissionGrants.permissionId })
    .from(projectPermissionGrants)
    .where(and(eq(projectPermissionGrants.tenancyId, tenancyId), eq(projectPermissionGrants.userId, query.userId)));
  return expandPermissions(permissionGraph(config), grants.map((grant) => grant.permissionId)).has(query.permissionId);
}

export async function listProjectPermissions(
  db: Tx,
  tenancyId: string,
  config: ProjectConfig,
  filter: { userId?: string; permissionId?: string; recursive: boolean },
): Promise<ProjectPermissionRow[]> {
  const conditions: SQL[] = [eq(projectPermissionGrants.tenancyId, tenancyId)];
  if (filter.userId) conditions.push(eq(projectPermissionGrants.userId, filter.userId));
  if (filter.permissionId && !filter.recursive) conditions.push(eq(projectPermissionGrants.permissionId, filter.permissionId));
  const grants = await db.select().from(projectPermissionGrants).where(and(...conditions)).orderBy(asc(projectPermissionGrants.userId));
  const byUser = new Map<string, string[]>();
  for (const grant of grants) byUser.set(grant.userId, [...(byUser.get(grant.userId) ?? []), grant.permissionId]);
  const graph = permissionGraph(config);
  const rows: ProjectPermissionRow[] = [];
  for (const [userId, direct] of byUser) {
    const ids = filter.recursive ? expandPermissions(graph, direct) : new Set(direct);
    for (const id of [...ids].sort()) if (filter.permissionId === undefined || id === filter.permissionId) rows.push({ id, user_id: userId });
  }
  return rows;
}

/** Idempotent; the user must exist (the caller checks, for USER_NOT_FOUND). */
export async function grantProjectPermission(db: Tx, tenancyId: string, config: ProjectConfig, query: UserPermissionQuery): Promise<ProjectPermissionRow> {
  requirePermissionOfScope(permissionGraph(config), query.permissionId, "project");
  await db.insert(projectPermissionGrants).values({ tenancyId, ...query }).onConflictDoNothing();
  return { id: query.permissionId, user_id: query.userId };
}

export async function revokeProjectPermission(db: Tx, tenancyId: string, query: UserPermissionQuery): Promise<void> {
  const deleted = await db
    .delete(projectPermissionGrants)
    .where(and(eq(projectPermissionGrants.tenancyId, tenancyId), eq(projectPermissionGrants.userId, query.userId), eq(projectPermissionGrants.permissionId, query.permissionId)))
    .returning({ id: projectPermissionGrants.permissionId });
  if (deleted.length === 0) throw new KnownErrors.PermissionNotFound(query.permissionId);
}

/** The project's sign-up default permissions, as rows for the user-creation statement. */
export function signUpPermissionIds(config: ProjectConfig): string[] {
  const graph = permissionGraph(config);
  return Object.entries(config.rbac.defaultPermissions.signUp)
    .filter(([id, on]) => on && graph.scopeOf(id) === "project")
    .map(([id]) => id);
}
