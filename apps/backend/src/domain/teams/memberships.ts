import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { teamMembers, teams } from "../../db/schema";

export async function isTeamMember(db: Tx, tenancyId: string, teamId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenancyId, tenancyId), eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  return row !== undefined;
}

export async function createTeamWithCreator(
  db: Tx,
  tenancyId: string,
  input: { displayName: string; creatorUserId: string | null; profileImageUrl?: string | null },
) {
  const [team] = await db
    .insert(teams)
    .values({ tenancyId, displayName: input.displayName, profileImageUrl: input.profileImageUrl ?? null })
    .returning();
  if (input.creatorUserId) await db.insert(teamMembers).values({ tenancyId, teamId: team!.id, userId: input.creatorUserId });
  return team!;
}

export function listTeamIdsOfUser(db: Tx, tenancyId: string, userId: string) {
  return db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenancyId, tenancyId), eq(teamMembers.userId, userId)));
}
