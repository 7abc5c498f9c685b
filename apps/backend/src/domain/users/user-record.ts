import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { contactChannels, passwordCredentials, projectUsers, teams } from "../../db/schema";
import type { ProjectConfig } from "../projects/config";
import type { RestrictedReason } from "../tokens/access-token-claims";

export type UserRow = typeof projectUsers.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;

/** A user with what every view of it needs, loaded in one statement. */
export type UserRecord = {
  row: UserRow;
  primaryEmail: { value: string; isVerified: boolean; usedForAuth: boolean } | null;
  hasPassword: boolean;
  selectedTeam: TeamRow | null;
};

export function selectUserRecords(db: Tx) {
  return db
    .select({
      row: projectUsers,
      primaryEmail: {
        value: contactChannels.value,
        isVerified: contactChannels.isVerified,
        usedForAuth: contactChannels.usedForAuth,
      },
      hasPassword: sql<boolean>`${passwordCredentials.userId} is not null`,
      selectedTeam: teams,
    })
    .from(projectUsers)
    .leftJoin(
      contactChannels,
      and(eq(contactChannels.userId, projectUsers.id), eq(contactChannels.isPrimary, true), eq(contactChannels.type, "email")),
    )
    .leftJoin(passwordCredentials, eq(passwordCredentials.userId, projectUsers.id))
    .leftJoin(teams, and(eq(teams.id, projectUsers.selectedTeamId), eq(teams.tenancyId, projectUsers.tenancyId)));
}

export async function getUserRecord(db: Tx, tenancyId: string, userId: string): Promise<UserRecord | null> {
  const [record] = await selectUserRecords(db).where(and(eq(projectUsers.tenancyId, tenancyId), eq(projectUsers.id, userId)));
  return record ?? null;
}

export function restrictedReasonOf(record: UserRecord, config: ProjectConfig): RestrictedReason | null {
  if (record.row.isAnonymous) return { type: "anonymous" };
  if (config.onboarding.requireEmailVerification && !record.primaryEmail?.isVerified) return { type: "email_not_verified" };
  if (record.row.restrictedByAdmin) return { type: "restricted_by_administrator" };
  return null;
}
