import { KnownErrors } from "@stackframe/stack-shared";
import { asc, eq, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectPermissionGrants } from "../../db/schema";
import { deleteInTenancy, inTenancy, insertInTenancy } from "../../db/tenant-scope";
import type { Tenancy } from "../projects/tenancy";
import { emitWebhookEvent } from "../webhooks/events";
import { requirePermissionOfScope } from "./permission-errors";
import { expandPermissions, permissionGraph } from "./permission-graph";

type UserPermissionQuery = { userId: string; permissionId: string };
export type ProjectPermissionRow = { id: string; user_id: string };

export async function listProjectPermissions(
  db: Tx,
  tenancy: Tenancy,
  filter: { userId?: string; permissionId?: string; recursive: boolean },
): Promise<ProjectPermissionRow[]> {
  const conditions: SQL[] = [];
  if (filter.userId) conditions.push(eq(projectPermissionGrants.userId, filter.userId));
  if (filter.permissionId && !filter.recursive) conditions.push(eq(projectPermissionGrants.permissionId, filter.permissionId));
  const grants = await db.select().from(projectPermissionGrants).where(inTenancy(tenancy, projectPermissionGrants, ...conditions)).orderBy(asc(projectPermissionGrants.userId));
  const byUser = new Map<string, string[]>();
  for (const grant of grants) byUser.set(grant.userId, [...(byUser.get(grant.userId) ?? []), grant.permissionId]);
  const graph = permissionGraph(tenancy.config);
  const rows: ProjectPermissionRow[] = [];
  for (const [userId, direct] of byUser) {
    const ids = filter.recursive ? expandPermissions(graph, direct) : new Set(direct);
    for (const id of [...ids].sort()) if (filter.permissionId === undefined || id === filter.permissionId) rows.push({ id, user_id: userId });
  }
  return rows;
}

/** Idempotent; the user must exist (the caller checks, for USER_NOT_FOUND). */
export async function grantProjectPermission(db: Tx, tenancy: Tenancy, query: UserPermissionQuery): Promise<ProjectPermissionRow> {
  requirePermissionOfScope(permissionGraph(tenancy.config), query.permissionId, "project");
  const row = { id: query.permissionId, user_id: query.userId };
  // A grant that already existed changes nothing, so it sends nothing; the event commits with the grant.
  await db.transaction(async (tx) => {
    const granted = await insertInTenancy(tx, tenancy, projectPermissionGrants, query).onConflictDoNothing().returning({ id: projectPermissionGrants.permissionId });
    if (granted.length > 0) await emitWebhookEvent(tx, tenancy, "project_permission.created", row);
  });
  return row;
}

export async function revokeProjectPermission(db: Tx, tenancy: Tenancy, query: UserPermissionQuery): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await deleteInTenancy(tx, tenancy, projectPermissionGrants, eq(projectPermissionGrants.userId, query.userId), eq(projectPermissionGrants.permissionId, query.permissionId))
      .returning({ id: projectPermissionGrants.permissionId });
    if (deleted.length === 0) throw new KnownErrors.PermissionNotFound(query.permissionId);
    await emitWebhookEvent(tx, tenancy, "project_permission.deleted", { id: query.permissionId, user_id: query.userId });
  });
}

/** The project's sign-up default permissions, as rows for the user-creation statement. */
export function signUpPermissionIds(config: Tenancy["config"]): string[] {
  const graph = permissionGraph(config);
  return Object.entries(config.rbac.defaultPermissions.signUp)
    .filter(([id, on]) => on && graph.scopeOf(id) === "project")
    .map(([id]) => id);
}
