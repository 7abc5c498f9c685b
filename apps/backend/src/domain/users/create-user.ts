import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import { type Database, pgErrorCode } from "../../db/client";
import { contactChannels, passwordCredentials, projectUsers } from "../../db/schema";
import type { ResolvedProject } from "../projects/project-cache";
import { createTeamWithCreator } from "../teams/memberships";
import { normalizeEmail } from "./emails";
import type { UserRecord } from "./user-record";

export type NewUser = {
  primaryEmail?: string | null;
  primaryEmailVerified?: boolean;
  primaryEmailAuthEnabled?: boolean;
  passwordHash?: string | null;
  displayName?: string | null;
  profileImageUrl?: string | null;
  clientMetadata?: unknown;
  clientReadOnlyMetadata?: unknown;
  serverMetadata?: unknown;
  isAnonymous?: boolean;
  restrictedByAdmin?: boolean;
  restrictedByAdminReason?: string | null;
  restrictedByAdminPrivateDetails?: string | null;
  countryCode?: string | null;
  riskScores?: { sign_up: { bot: number; free_trial_abuse: number } };
};

/**
 * Creates a user with its primary email, password and (when the project asks for it) personal team, all or nothing.
 * A concurrent sign-up with the same address loses on the unique index and gets USER_EMAIL_ALREADY_EXISTS.
 */
export async function createUser(db: Database, project: ResolvedProject, input: NewUser): Promise<UserRecord> {
  const tenancyId = project.tenancyId!;
  const email = input.primaryEmail ? normalizeEmail(input.primaryEmail) : null;
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(projectUsers)
        .values({
          tenancyId,
          displayName: input.displayName || null,
          profileImageUrl: input.profileImageUrl ?? null,
          clientMetadata: input.clientMetadata ?? null,
          clientReadOnlyMetadata: input.clientReadOnlyMetadata ?? null,
          serverMetadata: input.serverMetadata ?? null,
          isAnonymous: input.isAnonymous ?? false,
          restrictedByAdmin: input.restrictedByAdmin ?? false,
          restrictedByAdminReason: input.restrictedByAdminReason ?? null,
          restrictedByAdminPrivateDetails: input.restrictedByAdminPrivateDetails ?? null,
          countryCode: input.countryCode ?? null,
          riskScores: input.riskScores ?? null,
        })
        .returning();
      const userId = user!.id;
      const record: UserRecord = { row: user!, primaryEmail: null, hasPassword: false, selectedTeam: null };
      if (email) {
        const primaryEmail = { value: email, isVerified: input.primaryEmailVerified ?? false, usedForAuth: input.primaryEmailAuthEnabled ?? false };
        record.primaryEmail = primaryEmail;
        await tx.insert(contactChannels).values({
          tenancyId,
          userId,
          type: "email",
          value: email,
          isPrimary: true,
          isVerified: primaryEmail.isVerified,
          usedForAuth: primaryEmail.usedForAuth,
        });
      }
      if (input.passwordHash) {
        await tx.insert(passwordCredentials).values({ userId, tenancyId, passwordHash: input.passwordHash });
        record.hasPassword = true;
      }
      if (project.config.teams.createPersonalTeamOnSignUp) {
        const name = input.displayName ? `${input.displayName}'s Team` : "Personal Team";
        const team = await createTeamWithCreator(tx, tenancyId, { displayName: name, creatorUserId: userId });
        await tx.update(projectUsers).set({ selectedTeamId: team.id }).where(eq(projectUsers.id, userId));
        record.row = { ...record.row, selectedTeamId: team.id };
        record.selectedTeam = team;
      }
      return record;
    });
  } catch (error) {
    if (email && pgErrorCode(error) === "23505") throw new KnownErrors.UserEmailAlreadyExists(email);
    throw error;
  }
}
