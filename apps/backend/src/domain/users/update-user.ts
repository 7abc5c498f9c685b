import { KnownErrors } from "@stackframe/stack-shared";
import { eq, sql } from "drizzle-orm";
import { type Database, pgErrorCode } from "../../db/client";
import { contactChannels, passwordCredentials, projectUsers } from "../../db/schema";
import { removePasskey } from "../auth/passkeys";
import { deleteRecoveryCodes } from "../auth/recovery-codes";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { findOtherSignInChannel } from "../contact-channels/contact-channels";
import { type RequestDevice, type SecurityChange, queueSecurityNotice } from "../emails/security-notices";
import type { Tenancy } from "../projects/tenancy";
import { signInFlagsFor } from "../contact-channels/sign-in-flags";
import { revokeAllUserSessions } from "../sessions/sessions";
import { isTeamMember } from "../teams/member-checks";
import { normalizeEmail, requirePrimaryEmailForFlags } from "./emails";
import { personalTeamName, renamePlaceholderPersonalTeams } from "./personal-team";
import { revokeUserVerificationCodes } from "../verification/codes";
import { deleteMembershipsOf, membershipDeletedEvents } from "../teams/memberships";
import { emitWebhookEvents } from "../webhooks/events";
import { emitUserUpdated } from "../webhooks/payloads";

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
  /** A sealed TOTP secret (see lib/totp.ts), or null to turn TOTP off. */
  totpSecret?: string | null;
  /** Removes the user's passkey (wire: `passkey_auth_enabled: false`). */
  removePasskey?: boolean;
  riskScores?: { sign_up: { bot: number; free_trial_abuse: number } };
  /** The user stops being anonymous (a no-op for a regular user). */
  leaveAnonymous?: boolean;
};

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function setPrimaryEmail(
  tx: Tx,
  tenancy: TenancyRef,
  userId: string,
  email: string | null,
  options: { authEnabled?: boolean; claimedByUser: boolean },
) {
  const [current] = await tx
    .select()
    .from(contactChannels)
    .where(inTenancy(tenancy, contactChannels, eq(contactChannels.userId, userId), eq(contactChannels.isPrimary, true), eq(contactChannels.type, "email")));
  const demoteCurrent = () => current && updateInTenancy(tx, tenancy, contactChannels, { isPrimary: false }, eq(contactChannels.id, current.id));
  if (email === null) {
    await demoteCurrent();
    await revokeUserVerificationCodes(tx, tenancy, { type: "password_reset", userId });
    return;
  }
  const value = normalizeEmail(email);
  if (current?.value === value) return;
  // Reset links went to the old address; after a change they open nothing.
  await revokeUserVerificationCodes(tx, tenancy, { type: "password_reset", userId });
  await demoteCurrent();
  const [existing] = await tx
    .select({ id: contactChannels.id })
    .from(contactChannels)
    .where(inTenancy(tenancy, contactChannels, eq(contactChannels.userId, userId), eq(contactChannels.type, "email"), eq(contactChannels.value, value)));
  if (existing) {
    await updateInTenancy(tx, tenancy, contactChannels, { isPrimary: true }, eq(contactChannels.id, existing.id));
    return;
  }
  const wantsAuth = options.authEnabled ?? (current ? current.usedForAuth || current.useForAuthWhenVerified : false);
  if (wantsAuth && options.claimedByUser) {
    // Refused with the known error of a taken sign-in address, as a sign-up with it is, before anything is written.
    const other = await findOtherSignInChannel(tx, tenancy, { userId, value });
    if (other) throw new KnownErrors.UserEmailAlreadyExists(value);
  }
  const flags = signInFlagsFor(wantsAuth, { isVerified: false, claimedByUser: options.claimedByUser });
  await insertInTenancy(tx, tenancy, contactChannels, { userId, value, isPrimary: true, isVerified: false, ...flags });
}

/** A server's word on the primary address: verifying it also makes a sign-in address of one the user asked for. */
async function setPrimaryEmailFlags(tx: Tx, tenancy: TenancyRef, userId: string, flags: { isVerified?: boolean; usedForAuth?: boolean }) {
  if (flags.isVerified === undefined && flags.usedForAuth === undefined) return;
  const usedForAuth =
    flags.usedForAuth ?? (flags.isVerified ? sql`${contactChannels.usedForAuth} or ${contactChannels.useForAuthWhenVerified}` : undefined);
  await updateInTenancy(
    tx,
    tenancy,
    contactChannels,
    { isVerified: flags.isVerified, usedForAuth, useForAuthWhenVerified: usedForAuth === undefined ? undefined : false },
    eq(contactChannels.userId, userId),
    eq(contactChannels.isPrimary, true),
    eq(contactChannels.type, "email"),
  );
}

/** False when nothing changed: the user had no password to remove. */
async function setPassword(tx: Tx, tenancy: TenancyRef, userId: string, passwordHash: string | null): Promise<boolean> {
  let changed = true;
  if (passwordHash === null) {
    const removed = await deleteInTenancy(tx, tenancy, passwordCredentials, eq(passwordCredentials.userId, userId)).returning({ userId: passwordCredentials.userId });
    changed = removed.length > 0;
  } else {
    await insertInTenancy(tx, tenancy, passwordCredentials, { userId, passwordHash }).onConflictDoUpdate({
      target: passwordCredentials.userId,
      set: { passwordHash },
    });
  }
  // A changed password ends every session, so a stolen refresh token dies with the old password.
  await revokeAllUserSessions(tx, tenancy, userId);
  return changed;
}

/** What a new TOTP secret (or none) does to two-factor sign-in, given the secret the user had. */
function totpChangeOf(before: string | null, after: string | null | undefined): SecurityChange | null {
  if (after === undefined) return null;
  if (after === null) return before === null ? null : "mfa_disabled";
  return before === null ? "mfa_enabled" : "mfa_secret_replaced";
}

/** Marking the primary email verified or a sign-in address needs one, after the change (removing it clears both flags). */
async function checkPrimaryEmailFlags(tx: Tx, tenancy: TenancyRef, userId: string, changes: UserChanges): Promise<void> {
  if (changes.primaryEmail === null || !(changes.primaryEmailVerified || changes.primaryEmailAuthEnabled)) return;
  let email = changes.primaryEmail ?? null;
  if (email === null) {
    const [current] = await tx
      .select({ value: contactChannels.value })
      .from(contactChannels)
      .where(inTenancy(tenancy, contactChannels, eq(contactChannels.userId, userId), eq(contactChannels.isPrimary, true), eq(contactChannels.type, "email")));
    email = current?.value ?? null;
  }
  requirePrimaryEmailForFlags(email, { verified: changes.primaryEmailVerified ?? false, authEnabled: changes.primaryEmailAuthEnabled ?? false });
}

/**
 * An anonymous user becomes a regular one, as Stack Auth's API does it: the account counts as signed up now, and the
 * placeholder-named personal team takes the name the change gives (display name, else email).
 */
async function leaveAnonymity(tx: Tx, tenancy: TenancyRef, userId: string, changes: UserChanges): Promise<void> {
  const regular = { isAnonymous: false, signedUpAt: sql`now()` };
  const left = await updateInTenancy(tx, tenancy, projectUsers, regular, eq(projectUsers.id, userId), eq(projectUsers.isAnonymous, true)).returning({ id: projectUsers.id });
  if (left.length === 0) return;
  const email = changes.primaryEmail ? normalizeEmail(changes.primaryEmail) : null;
  await renamePlaceholderPersonalTeams(tx, tenancy, userId, personalTeamName(changes.displayName, email));
}

/**
 * Applies a validated change set to a user in one transaction; false when the user does not exist. `device` made the
 * change: security notices name it.
 */
export async function updateUser(db: Database, tenancy: Tenancy, userId: string, changes: UserChanges, device: RequestDevice): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: projectUsers.id, totpSecret: projectUsers.totpSecret })
        .from(projectUsers)
        .where(inTenancy(tenancy, projectUsers, eq(projectUsers.id, userId)))
        .for("update");
      if (!user) return false;
      if (changes.selectedTeamId && !(await isTeamMember(tx, tenancy, changes.selectedTeamId, userId))) {
        throw new KnownErrors.TeamMembershipNotFound(changes.selectedTeamId, userId);
      }
      await checkPrimaryEmailFlags(tx, tenancy, userId, changes);
      if (changes.leaveAnonymous) await leaveAnonymity(tx, tenancy, userId, changes);
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
        totpSecret: changes.totpSecret,
        // A new secret (or none) starts without a used code.
        totpLastUsedStep: changes.totpSecret === undefined ? undefined : null,
      };
      const defined = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
      if (Object.keys(defined).length > 0) await updateInTenancy(tx, tenancy, projectUsers, defined, eq(projectUsers.id, userId));
      if (changes.primaryEmail !== undefined) {
        await setPrimaryEmail(tx, tenancy, userId, changes.primaryEmail, {
          authEnabled: changes.primaryEmailAuthEnabled,
          claimedByUser: changes.claimedByUser ?? false,
        });
      }
      await setPrimaryEmailFlags(tx, tenancy, userId, { isVerified: changes.primaryEmailVerified, usedForAuth: changes.primaryEmailAuthEnabled });
      const passwordChanged = changes.passwordHash !== undefined && (await setPassword(tx, tenancy, userId, changes.passwordHash));
      // Recovery codes belong to the TOTP setup they were made for.
      if (changes.totpSecret !== undefined) await deleteRecoveryCodes(tx, tenancy, userId);
      // After the address changes above: the notice goes to the primary address as this change leaves it.
      for (const change of [passwordChanged ? "password_changed" : null, totpChangeOf(user.totpSecret, changes.totpSecret)] as const) {
        if (change) await queueSecurityNotice(tx, tenancy, { userId, change, device });
      }
      if (changes.removePasskey && (await removePasskey(tx, tenancy, userId))) await queueSecurityNotice(tx, tenancy, { userId, change: "passkey_removed", device });
      await emitUserUpdated(tx, tenancy, userId);
      return true;
    });
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw new KnownErrors.UserEmailAlreadyExists(changes.primaryEmail ?? "");
    throw error;
  }
}

/**
 * Deletes a user. Each of its memberships sends team_membership.deleted, then user.deleted names the teams it was in;
 * its project permissions go with it without events of their own.
 */
export async function deleteUser(db: Database, tenancy: Tenancy, userId: string): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: projectUsers.id }).from(projectUsers).where(inTenancy(tenancy, projectUsers, eq(projectUsers.id, userId))).for("update");
    if (!locked) return false;
    const memberships = await deleteMembershipsOf(tx, tenancy, { userId });
    await deleteInTenancy(tx, tenancy, projectUsers, eq(projectUsers.id, userId));
    const teams = memberships.map((membership) => ({ id: membership.teamId }));
    await emitWebhookEvents(tx, tenancy, [...membershipDeletedEvents(memberships), { type: "user.deleted", data: { id: userId, teams } }]);
    return true;
  });
}
