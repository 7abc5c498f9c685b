import { KnownErrors } from "@stackframe/stack-shared";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers, teamMembers, teams, verificationCodes } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import type { Tenancy } from "../projects/tenancy";
import { emitWebhookEvents } from "../webhooks/events";
import { emitTeamEvent, userUpdatedEvents } from "../webhooks/payloads";
import { addTeamMember, deleteMembershipsOf, membershipDeletedEvents } from "./memberships";

export type TeamRow = typeof teams.$inferSelect;
export type TeamFields = {
  displayName?: string;
  profileImageUrl?: string | null;
  clientMetadata?: unknown;
  clientReadOnlyMetadata?: unknown;
  serverMetadata?: unknown;
};

export async function getTeam(db: Tx, tenancy: TenancyRef, teamId: string): Promise<TeamRow | null> {
  const [row] = await db.select().from(teams).where(inTenancy(tenancy, teams, eq(teams.id, teamId)));
  return row ?? null;
}

export async function requireTeam(db: Tx, tenancy: TenancyRef, teamId: string): Promise<TeamRow> {
  const team = await getTeam(db, tenancy, teamId);
  if (!team) throw new KnownErrors.TeamNotFound(teamId);
  return team;
}

/** The teams a user is a member of, or every team of the project; oldest first. */
export async function listTeams(db: Tx, tenancy: TenancyRef, filter: { userId?: string }): Promise<TeamRow[]> {
  if (filter.userId === undefined) return db.select().from(teams).where(inTenancy(tenancy, teams)).orderBy(asc(teams.createdAt), asc(teams.id));
  const rows = await db
    .select({ team: teams })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.tenancyId, teamMembers.tenancyId), eq(teams.id, teamMembers.teamId)))
    .where(inTenancy(tenancy, teamMembers, eq(teamMembers.userId, filter.userId)))
    .orderBy(asc(teams.createdAt), asc(teams.id));
  return rows.map((row) => row.team);
}

/** Creates a team; its creator, if any, joins it with the project's default creator permissions. */
export async function createTeam(tx: Tx, tenancy: Tenancy, input: TeamFields & { displayName: string; creatorUserId: string | null }): Promise<TeamRow> {
  const [team] = await insertInTenancy(tx, tenancy, teams, {
    displayName: input.displayName,
    profileImageUrl: input.profileImageUrl ?? null,
    clientMetadata: input.clientMetadata ?? null,
    clientReadOnlyMetadata: input.clientReadOnlyMetadata ?? null,
    serverMetadata: input.serverMetadata ?? null,
  }).returning();
  await emitTeamEvent(tx, tenancy, "team.created", team!);
  if (input.creatorUserId) await addTeamMember(tx, tenancy, { teamId: team!.id, userId: input.creatorUserId }, "teamCreator");
  return team!;
}

export async function updateTeam(tx: Tx, tenancy: Tenancy, team: TeamRow, fields: TeamFields): Promise<TeamRow> {
  const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length === 0) return team;
  const [row] = await updateInTenancy(tx, tenancy, teams, changes, eq(teams.id, team.id)).returning();
  await emitTeamEvent(tx, tenancy, "team.updated", row!);
  return row!;
}

/**
 * Deletes a team with its memberships, grants, keys (cascades) and pending invitations; it stops being anyone's
 * selected team. Each membership sends team_membership.deleted, then the team team.deleted, then each user whose
 * selected team it was user.updated: the members' rows and their events cost a statement each, however many members
 * there are.
 */
export async function deleteTeam(tx: Tx, tenancy: Tenancy, teamId: string): Promise<void> {
  const [locked] = await tx.select({ id: teams.id }).from(teams).where(inTenancy(tenancy, teams, eq(teams.id, teamId))).for("update");
  if (!locked) return;
  const unselected = await updateInTenancy(tx, tenancy, projectUsers, { selectedTeamId: null }, eq(projectUsers.selectedTeamId, teamId)).returning({
    id: projectUsers.id,
  });
  await deleteInTenancy(tx, tenancy, verificationCodes, eq(verificationCodes.type, "team_invitation"), sql`${verificationCodes.data}->>'team_id' = ${teamId}`);
  const memberships = await deleteMembershipsOf(tx, tenancy, { teamId });
  await deleteInTenancy(tx, tenancy, teams, eq(teams.id, teamId));
  await emitWebhookEvents(tx, tenancy, [
    ...membershipDeletedEvents(memberships),
    { type: "team.deleted", data: { id: teamId } },
    ...(await userUpdatedEvents(tx, tenancy, unselected.map((user) => user.id))),
  ]);
}

export async function getTeamsByIds(db: Tx, tenancy: TenancyRef, teamIds: string[]): Promise<Map<string, TeamRow>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db.select().from(teams).where(inTenancy(tenancy, teams, inArray(teams.id, teamIds)));
  return new Map(rows.map((row) => [row.id, row]));
}
