import { KnownErrors } from "@stackframe/stack-shared";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers, teamMembers, teams, verificationCodes } from "../../db/schema";
import type { ResolvedProject } from "../projects/project-cache";
import { addTeamMember } from "./memberships";

export type TeamRow = typeof teams.$inferSelect;
export type TeamFields = {
  displayName?: string;
  profileImageUrl?: string | null;
  clientMetadata?: unknown;
  clientReadOnlyMetadata?: unknown;
  serverMetadata?: unknown;
};

export async function getTeam(db: Tx, tenancyId: string, teamId: string): Promise<TeamRow | null> {
  const [row] = await db.select().from(teams).where(and(eq(teams.tenancyId, tenancyId), eq(teams.id, teamId)));
  return row ?? null;
}

export async function requireTeam(db: Tx, tenancyId: string, teamId: string): Promise<TeamRow> {
  const team = await getTeam(db, tenancyId, teamId);
  if (!team) throw new KnownErrors.TeamNotFound(teamId);
  return team;
}

/** The teams a user is a member of, or every team of the project; oldest first. */
export async function listTeams(db: Tx, tenancyId: string, filter: { userId?: string }): Promise<TeamRow[]> {
  if (filter.userId === undefined) return db.select().from(teams).where(eq(teams.tenancyId, tenancyId)).orderBy(asc(teams.createdAt), asc(teams.id));
  const rows = await db
    .select({ team: teams })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.tenancyId, tenancyId), eq(teamMembers.userId, filter.userId)))
    .orderBy(asc(teams.createdAt), asc(teams.id));
  return rows.map((row) => row.team);
}

/** Creates a team; its creator, if any, joins it with the project's default creator permissions. */
export async function createTeam(tx: Tx, project: ResolvedProject, input: TeamFields & { displayName: string; creatorUserId: string | null }): Promise<TeamRow> {
  const tenancyId = project.tenancyId!;
  const [team] = await tx
    .insert(teams)
    .values({
      tenancyId,
      displayName: input.displayName,
      profileImageUrl: input.profileImageUrl ?? null,
      clientMetadata: input.clientMetadata ?? null,
      clientReadOnlyMetadata: input.clientReadOnlyMetadata ?? null,
      serverMetadata: input.serverMetadata ?? null,
    })
    .returning();
  if (input.creatorUserId) await addTeamMember(tx, project, { teamId: team!.id, userId: input.creatorUserId }, "teamCreator");
  return team!;
}

export async function updateTeam(db: Tx, team: TeamRow, fields: TeamFields): Promise<TeamRow> {
  const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length === 0) return team;
  const [row] = await db.update(teams).set(changes).where(and(eq(teams.tenancyId, team.tenancyId), eq(teams.id, team.id))).returning();
  return row!;
}

/** Deletes a team with its memberships, grants, keys (cascades) and pending invitations; it stops being anyone's selected team. */
export async function deleteTeam(tx: Tx, tenancyId: string, teamId: string): Promise<void> {
  await tx
    .update(projectUsers)
    .set({ selectedTeamId: null })
    .where(and(eq(projectUsers.tenancyId, tenancyId), eq(projectUsers.selectedTeamId, teamId)));
  await tx
    .delete(verificationCodes)
    .where(and(eq(verificationCodes.tenancyId, tenancyId), eq(verificationCodes.type, "team_invitation"), sql`${verificationCodes.data}->>'team_id' = ${teamId}`));
  await tx.delete(teams).where(and(eq(teams.tenancyId, tenancyId), eq(teams.id, teamId)));
}

export async function getTeamsByIds(db: Tx, tenancyId: string, teamIds: string[]): Promise<Map<string, TeamRow>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db.select().from(teams).where(and(eq(teams.tenancyId, tenancyId), inArray(teams.id, teamIds)));
  return new Map(rows.map((row) => [row.id, row]));
}
