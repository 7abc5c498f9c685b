import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq, sql } from "drizzle-orm";
import { type Database, pgErrorCode } from "../../db/client";
import { contactChannels, passwordCredentials, projectUsers } from "../../db/schema";
import { findOtherSignInChannel } from "../contact-channels/contact-channels";
import { signInFlagsFor } from "../contact-channels/sign-in-flags";
import { revokeAllUserSessions } from "../sessions/sessions";
import { isTeamMember } from "../teams/memberships";
import { normalizeEmail } from "./emails";
import { revokeUserVerificationCodes } from "../verification/codes";

export type UserChanges = {
  displayName?: string | null;
  profileImageUrl?: string | null;
  clientMetadata?: unknown;
  clientReadOnlyMetadata?: unknown;
  serverMetadata?: unknown;
  primaryEmail?: string | null;
  primaryEmailVerified?: boolean;
  primaryEmailAuthEnabled?: boolean;
  /** The signed-in user makes the change (a client request): a new address is theirs to sign in with once verified. */
  claimedByUser?: boolean;
  /** A new argon2 hash, or null to remove the password. */
  passwordHash?: string | null;
  selectedTeamId?: string | null;
  restrictedByAdmin?: boolean;
  restrictedByAdminReason?: string | null;
  restrictedByAdminPrivateDetails?: string | null;
  countryCode?: string | null;
  otpAuthEnabled?: boolean;
  riskScores?: { sign_up: { bot: number; free_trial_abuse: number } };
};

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function setPrimaryEmail(
  tx: Tx,
  tenancyId: string,
  userId: string,
  email: string | null,
  options: { authEnabled?: boolean; claimedByUser: boolean },
) {
  const [current] = await tx
    .select()
    .from(contactChannels)
    .where(and(eq(contactChannels.userId, userId), eq(contactChannels.isPrimary, true), eq(contactChannels.type, "email")));
  if (email === null) {
    if (current) await tx.update(contactChannels).set({ isPrimary: false }).where(eq(contactChannels.id, current.id));
    await revokeUserVerificationCodes(tx, { tenancyId, type: "password_reset", userId });
    return;
  }
  const value = normalizeEmail(email);
  if (current?.value === value) return;
  // Reset links went to the old address; after a change they open nothing.
  await revokeUserVerificationCodes(tx, { tenancyId, type: "password_reset", userId });
  if (current) await tx.update(contactChannels).set({ isPrimary: false }).where(eq(contactChannels.id, current.id));
  const [existing] = await tx
    .select({ id: contactChannels.id })
    .from(contactChannels)
    .where(and(eq(contactChannels.userId, userId), eq(contactChannels.type, "email"), eq(contactChannels.value, value)));
  if (existing) {
    await tx.update(contactChannels).set({ isPrimary: true }).where(eq(contactChannels.id, existing.id));
    return;
  }
  const wantsAuth = options.authEnabled ?? (current ? current.usedForAuth || current.useForAuthWhenVerified : false);
  if (wantsAuth && options.claimedByUser) {
    // Refused as the catalog refuses a taken sign-in address, before anything is written.
    const other = await findOtherSignInChannel(tx, { tenancyId, userId, value });
    if (other) throw new KnownErrors.UserEmailAlreadyExists(value);
  }
  const flags = signInFlagsFor(wantsAuth, { isVerified: false, claimedByUser: options.claimedByUser });
  await tx.insert(contactChannels).values({ tenancyId, userId, value, isPrimary: true, isVerified: false, ...flags });
}

/** A server's word on the primary address: verifying it also makes a sign-in address of one the user asked for. */
async function setPrimaryEmailFlags(tx: Tx, userId: string, flags: { isVerified?: boolean; usedForAuth?: boolean }) {
  if (flags.isVerified === undefined && flags.usedForAuth === undefined) return;
  const usedForAuth =
    flags.usedForAuth ?? (flags.isVerified ? sql`${contactChannels.usedForAuth} or ${contactChannels.useForAuthWhenVerified}` : undefined);
  await tx
    .update(contactChannels)
    .set({ isVerified: flags.isVerified, usedForAuth, useForAuthWhenVerified: usedForAuth === undefined ? undefined : false })
    .where(and(eq(contactChannels.userId, userId), eq(contactChannels.isPrimary, true), eq(contactChannels.type, "email")));
}

async function setPassword(tx: Tx, tenancyId: string, userId: string, passwordHash: string | null) {
  if (passwordHash === null) {
    await tx.delete(passwordCredentials).where(eq(passwordCredentials.userId, userId));
  } else {
    await tx
      .insert(passwordCredentials)
      .values({ userId, tenancyId, passwordHash })
      .onConflictDoUpdate({ target: passwordCredentials.userId, set: { passwordHash } });
  }
  // A changed password ends every session, so a stolen refresh token dies with the old password.
  await revokeAllUserSessions(tx, tenancyId, userId);
}

/** Applies a validated change set to a user in one transaction; false when the user does not exist. */
export async function updateUser(db: Database, tenancyId: string, userId: string, changes: UserChanges): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: projectUsers.id })
        .from(projectUsers)
        .where(and(eq(projectUsers.tenancyId, tenancyId), eq(projectUsers.id, userId)))
        .for("update");
      if (!user) return false;
      if (changes.selectedTeamId && !(await isTeamMember(tx, tenancyId, changes.selectedTeamId, userId))) {
        throw new KnownErrors.TeamMembershipNotFound(changes.selectedTeamId, userId);
      }
      const row = {
        displayName: changes.displayName === undefined ? undefined : changes.displayName || null,
        profileImageUrl: changes.profileImageUrl,
        clientMetadata: changes.clientMetadata,
        clientReadOnlyMetadata: changes.clientReadOnlyMetadata,
        serverMetadata: changes.serverMetadata,
        selectedTeamId: changes.selectedTeamId,
        restrictedByAdmin: changes.restrictedByAdmin,
        restrictedByAdminReason: changes.restrictedByAdminReason,
        restrictedByAdminPrivateDetails: changes.restrictedByAdminPrivateDetails,
        countryCode: changes.countryCode,
        riskScores: changes.riskScores,
        otpAuthEnabled: changes.otpAuthEnabled,
      };
      const defined = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
      if (Object.keys(defined).length > 0) await tx.update(projectUsers).set(defined).where(eq(projectUsers.id, userId));
      if (changes.primaryEmail !== undefined) {
        await setPrimaryEmail(tx, tenancyId, userId, changes.primaryEmail, {
          authEnabled: changes.primaryEmailAuthEnabled,
          claimedByUser: changes.claimedByUser ?? false,
        });
      }
      await setPrimaryEmailFlags(tx, userId, { isVerified: changes.primaryEmailVerified, usedForAuth: changes.primaryEmailAuthEnabled });
      if (changes.passwordHash !== undefined) await setPassword(tx, tenancyId, userId, changes.passwordHash);
      return true;
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw new KnownErrors.UserEmailAlreadyExists(changes.primaryEmail ?? "");
    throw error;
  }
}

export async function deleteUser(db: Database, tenancyId: string, userId: string): Promise<boolean> {
  const deleted = await db
    .delete(projectUsers)
    .where(and(eq(projectUsers.tenancyId, tenancyId), eq(projectUsers.id, userId)))
    .returning({ id: projectUsers.id });
  return deleted.length > 0;
}
