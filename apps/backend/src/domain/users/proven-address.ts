import { eq, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { contactChannels, mfaRecoveryCodes, oauthAccounts, passkeyCredentials, passwordCredentials, projectUsers } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { revokeAllUserApiKeys } from "../api-keys/api-keys";
import { revokeAllUserSessions } from "../sessions/sessions";
import { revokeUserVerificationCodes } from "../verification/codes";

/**
 * Someone has just proven they own an account's sign-in address (a reset link or a sign-in code reached them) while
 * the address was still unverified. Whoever held the account until now never proved it: it may have been opened with
 * a stranger's address, to be inherited by its owner later with the opener still inside (pre-hijacking). So all they
 * could have added is taken away: sessions, API keys, the other sign-in addresses, the password (a reset sets a new
 * one), the two-factor secret with its recovery codes, the passkey, linked OAuth accounts and pending links.
 */
export async function claimAccountThroughAddress(tx: Tx, tenancy: TenancyRef, input: { userId: string; channelId: string }): Promise<void> {
  const { userId, channelId } = input;
  const ofUser = eq(contactChannels.userId, userId);
  await updateInTenancy(tx, tenancy, contactChannels, { isVerified: true, useForAuthWhenVerified: false }, ofUser, eq(contactChannels.id, channelId));
  await updateInTenancy(tx, tenancy, contactChannels, { usedForAuth: false, useForAuthWhenVerified: false }, ofUser, ne(contactChannels.id, channelId));
  await revokeAllUserSessions(tx, tenancy, userId);
  await revokeAllUserApiKeys(tx, tenancy, userId);
  await deleteInTenancy(tx, tenancy, passwordCredentials, eq(passwordCredentials.userId, userId));
  await updateInTenancy(tx, tenancy, projectUsers, { totpSecret: null, totpLastUsedStep: null }, eq(projectUsers.id, userId));
  await deleteInTenancy(tx, tenancy, mfaRecoveryCodes, eq(mfaRecoveryCodes.userId, userId));
  await deleteInTenancy(tx, tenancy, passkeyCredentials, eq(passkeyCredentials.userId, userId));
  await deleteInTenancy(tx, tenancy, oauthAccounts, eq(oauthAccounts.userId, userId));
  for (const type of ["password_reset", "contact_channel_verification"] as const) await revokeUserVerificationCodes(tx, tenancy, { type, userId });
}
