import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { contactChannels, passwordCredentials, projectUsers } from "../../db/schema";
import { revokeAllUserApiKeys } from "../api-keys/api-keys";
import { revokeAllUserSessions } from "../sessions/sessions";
import { revokeUserVerificationCodes } from "../verification/codes";

/**
 * Someone has just proven they own an account's sign-in address (a reset link or a sign-in code reached them) while
 * the address was still unverified. Whoever held the account until now never proved it: it may have been opened with
 * a stranger's address, to be inherited by its owner later with the opener still inside (pre-hijacking). So all they
 * could have added is taken away: sessions, API keys, the other sign-in addresses, the password (a reset sets a new
 * one), the two-factor secret and pending links. Passkeys and linked OAuth accounts join this list when they exist.
 */
export async function claimAccountThroughAddress(tx: Tx, input: { tenancyId: string; userId: string; channelId: string }): Promise<void> {
  const { tenancyId, userId, channelId } = input;
  const ofUser = and(eq(contactChannels.tenancyId, tenancyId), eq(contactChannels.userId, userId));
  await tx.update(contactChannels).set({ isVerified: true, useForAuthWhenVerified: false }).where(and(ofUser, eq(contactChannels.id, channelId)));
  await tx.update(contactChannels).set({ usedForAuth: false, useForAuthWhenVerified: false }).where(and(ofUser, ne(contactChannels.id, channelId)));
  await revokeAllUserSessions(tx, tenancyId, userId);
  await revokeAllUserApiKeys(tx, tenancyId, userId);
  await tx.delete(passwordCredentials).where(and(eq(passwordCredentials.tenancyId, tenancyId), eq(passwordCredentials.userId, userId)));
  await tx.update(projectUsers).set({ totpSecret: null }).where(and(eq(projectUsers.tenancyId, tenancyId), eq(projectUsers.id, userId)));
  for (const type of ["password_reset", "contact_channel_verification"] as const) await revokeUserVerificationCodes(tx, { tenancyId, type, userId });
}
