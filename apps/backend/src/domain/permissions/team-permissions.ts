import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { type Tx, preparedPerDatabase } from "../../db/client";
import { projectUsers, teamPermissionGrants } from "../../db/schema";
import type { ProjectConfig } from "../projects/config";
import type { Tenancy } from "../projects/tenancy";
import { emitWebhookEvent } from "../webhooks/events";
import { isTeamMember } from "../teams/member-checks";
import { requirePermissionOfScope } from "./permission-errors";
import { expandPermissions, permissionGraph } from "./permission-graph";
import { PREPARED_TENANCY, deleteInTenancy, inTenancy, insertInTenancy } from "../../db/tenant-scope";

type TeamUser = { teamId: string; userId: string };
type TeamPermissionQuery = TeamUser & { permissionId: string };
export type TeamPermissionRow = { id: string; team_id: string; user_id: string };

/**
 * Everything the user holds in the team, directly or through permissions that contain it. One query, however deep
 * the nesting. With `lock`, the grants read stay locked until the transaction ends, so a revocation that commits
 * first is seen and one that comes later waits.
 */
async function heldTeamPermissions(db: Tx, tenancy: Tenancy, member: TeamUser, lock: boolean): Promise<Set<string>> {
  const select = db
    .select({ permissionId: teamPermissionGrants.permissionId })
    .from(teamPermissionGrants)
    .where(inTenancy(tenancy, teamPermissionGrants, eq(teamPermissionGrants.teamId, member.teamId), eq(teamPermissionGrants.userId, member.userId)));
  const grants = lock ? await select.for("share") : await select;
  return expandPermissions(permissionGraph(tenancy.config), grants.map((grant) => grant.permissionId));
}

/** Does the user hold the permission in the team, directly or through a permission that contains it? */
export async function hasTeamPermission(db: Tx, tenancy: Tenancy, query: TeamPermissionQuery, options: { lock?: boolean } = {}): Promise<boolean> {
  return (await heldTeamPermissions(db, tenancy, query, options.lock ?? false)).has(query.permissionId);
}

/** Stack Auth's answers for a client that lacks team permissions: not a member, or a member without one of them. */
export async function requireTeamPermissions(db: Tx, tenancy: Tenancy, member: TeamUser, permissionIds: string[]): Promise<void> {
  const held = await heldTeamPermissions(db, tenancy, member, true);
  const missing = permissionIds.find((id) => !held.has(id));
  if (missing === undefined) return;
  if (!(await isTeamMember(db, tenancy, member.teamId, member.userId))) throw new KnownErrors.TeamMembershipNotFound(member.teamId, member.userId);
  throw new KnownErrors.TeamPermissionRequired(member.teamId, member.userId, missing);
}

export function requireTeamPermission(db: Tx, tenancy: Tenancy, query: TeamPermissionQuery): Promise<void> {
  return requireTeamPermissions(db, tenancy, query, [query.permissionId]);
}

type Grant = { teamId: string; userId: string; permissionId: string };
type ListFilter = { teamId?: string; userId?: string; permissionId?: string; recursive: boolean };

/** Grants as the list route answers them: by team, user and id, expanded when `recursive`, filtered by permission. */
function toPermissionRows(grants: Grant[], config: ProjectConfig, filter: ListFilter): TeamPermissionRow[] {
  const byMember = new Map<string, { teamId: string; userId: string; ids: string[] }>();
  for (const grant of grants) {
    const key = `${grant.teamId}/${grant.userId}`;
    const member = byMember.get(key) ?? { teamId: grant.teamId, userId: grant.userId, ids: [] };
    member.ids.push(grant.permissionId);
    byMember.set(key, member);
  }
  const graph = permissionGraph(config);
  const rows: TeamPermissionRow[] = [];
  for (const member of [...byMember.values()].sort((a, b) => a.teamId.localeCompare(b.teamId) || a.userId.localeCompare(b.userId))) {
    const ids = filter.recursive ? expandPermissions(graph, member.ids) : new Set(member.ids);
    for (const id of [...ids].sort()) {
      if (filter.permissionId === undefined || id === filter.permissionId) rows.push({ id, team_id: member.teamId, user_id: member.userId });
    }
  }
  return rows;
}

export async function listTeamPermissions(db: Tx, tenancy: Tenancy, filter: ListFilter): Promise<TeamPermissionRow[]> {
  const conditions: SQL[] = [];
  if (filter.teamId) conditions.push(eq(teamPermissionGrants.teamId, filter.teamId));
  if (filter.userId) conditions.push(eq(teamPermissionGrants.userId, filter.userId));
  if (filter.permissionId && !filter.recursive) conditions.push(eq(teamPermissionGrants.permissionId, filter.permissionId));
  const grants = await db.select().from(teamPermissionGrants).where(inTenancy(tenancy, teamPermissionGrants, ...conditions));
  return toPermissionRows(grants, tenancy.config, filter);
}

// The SDK's hasPermission: the user and their grants in one prepared statement, so a check costs one round trip.
const userGrantsStatement = preparedPerDatabase((db) =>
  db
    .select({ userId: projectUsers.id, teamId: teamPermissionGrants.teamId, permissionId: teamPermissionGrants.permissionId })
    .from(projectUsers)
    .leftJoin(
      teamPermissionGrants,
      and(
        eq(teamPermissionGrants.tenancyId, projectUsers.tenancyId),
        eq(teamPermissionGrants.userId, projectUsers.id),
        sql`(${sql.placeholder("teamId")}::uuid is null or ${teamPermissionGrants.teamId} = ${sql.placeholder("teamId")}::uuid)`,
      ),
    )
    .where(inTenancy(PREPARED_TENANCY, projectUsers, eq(projectUsers.id, sql.placeholder("userId"))))
    .prepare("team_permissions_of_user"),
);

/** One user's team permissions, or null when the user does not exist. */
export async function listTeamPermissionsOfUser(
  db: Tx,
  tenancy: Tenancy,
  filter: ListFilter & { userId: string },
): Promise<TeamPermissionRow[] | null> {
  const rows = await userGrantsStatement(db).execute({ tenancyId: tenancy.id, userId: filter.userId, teamId: filter.teamId ?? null });
  if (rows.length === 0) return null;
  const grants = rows.filter((row): row is Grant => row.teamId !== null && row.permissionId !== null);
  return toPermissionRows(grants, tenancy.config, filter);
}

export async function grantTeamPermission(db: Tx, tenancy: Tenancy, query: TeamPermissionQuery): Promise<TeamPermissionRow> {
  if (!(await isTeamMember(db, tenancy, query.teamId, query.userId))) throw new KnownErrors.TeamMembershipNotFound(query.teamId, query.userId);
  requirePermissionOfScope(permissionGraph(tenancy.config), query.permissionId, "team");
  const row = { id: query.permissionId, team_id: query.teamId, user_id: query.userId };
  // A grant that already existed changes nothing, so it sends nothing; the event commits with the grant.
  await db.transaction(async (tx) => {
    const granted = await insertInTenancy(tx, tenancy, teamPermissionGrants, query).onConflictDoNothing().returning({ id: teamPermissionGrants.permissionId });
    if (granted.length > 0) await emitWebhookEvent(tx, tenancy, "team_permission.created", row);
  });
  return row;
}

/** Only a direct grant can be revoked; what it contains goes with it. */
export async function revokeTeamPermission(db: Tx, tenancy: Tenancy, query: TeamPermissionQuery): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await deleteInTenancy(
      tx,
      tenancy,
      teamPermissionGrants,
      eq(teamPermissionGrants.teamId, query.teamId),
      eq(teamPermissionGrants.userId, query.userId),
      eq(teamPermissionGrants.permissionId, query.permissionId),
    ).returning({ id: teamPermissionGrants.permissionId });
    if (deleted.length === 0) throw new KnownErrors.TeamPermissionNotFound(query.teamId, query.userId, query.permissionId);
    await emitWebhookEvent(tx, tenancy, "team_permission.deleted", { id: query.permissionId, team_id: query.teamId, user_id: query.userId });
  });
}

/** The project's default team permissions for a role; ids no longer defined are skipped. */
export function defaultTeamPermissionIds(config: ProjectConfig, role: "teamCreator" | "teamMember"): string[] {
  const graph = permissionGraph(config);
  return Object.entries(config.rbac.defaultPermissions[role])
    .filter(([id, on]) => on && graph.scopeOf(id) === "team")
    .map(([id]) => id);
}

/** Grants the project's default permissions for a team's creator or a joining member; answers the ids it granted. */
export async function grantDefaultTeamPermissions(db: Tx, tenancy: Tenancy, member: TeamUser, role: "teamCreator" | "teamMember"): Promise<string[]> {
  const ids = defaultTeamPermissionIds(tenancy.config, role);
  if (ids.length === 0) return [];
  const granted = await insertInTenancy(
    db,
    tenancy,
    teamPermissionGrants,
    ids.map((permissionId) => ({ ...member, permissionId })),
  )
    .onConflictDoNothing()
    .returning({ id: teamPermissionGrants.permissionId });
  // In the order the project lists them, as user creation sends them.
  const done = new Set(granted.map((grant) => grant.id));
  return ids.filter((id) => done.has(id));
}
