import { KnownErrors } from "@stackframe/stack-shared";
import { eq, sql } from "drizzle-orm";
import { type Tx, pgErrorCode } from "../../db/client";
import { contactChannels, passwordCredentials, projectUsers } from "../../db/schema";
import { insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { type LinkFields, insertLinkedAccount } from "../oauth/linked-accounts";
import type { Tenancy } from "../projects/tenancy";
import { revokeAllUserSessions } from "../sessions/sessions";
import { normalizeEmail } from "./emails";
import { personalTeamName, renamePlaceholderPersonalTeams } from "./personal-team";
import { type UserRecord, getUserRecord } from "./user-record";
import { emitUserUpdated } from "../webhooks/payloads";

/**
 * Turns an anonymous user into a real account in place (same id, same data): the sign-in email becomes theirs, and
 * the password when one is given. Null when the user is not anonymous (any more). As in Stack Auth's API the account
 * counts as signed up now, its placeholder-named personal team is renamed after the email, and the country of the
 * sign-up request is kept unless the anonymous user already had one. Its one user.updated shows all of it, the
 * provider account an OAuth sign-up links included.
 */
export async function upgradeAnonymousUser(
  db: Tx,
  tenancy: Tenancy,
  userId: string,
  input: {
    email: string | null;
    emailVerified: boolean;
    /** False for an address the new account may not sign in with (an OAuth email nobody vouched for). */
    emailUsedForAuth?: boolean;
    passwordHash?: string;
    otpAuthEnabled?: boolean;
    countryCode?: string | null;
    /** From an OAuth provider's profile; kept unless the anonymous user already has one. */
    displayName?: string | null;
    profileImageUrl?: string | null;
    /** The provider account an OAuth sign-in upgrades the user with. */
    oauthAccount?: LinkFields;
  },
): Promise<UserRecord | null> {
  const email = input.email === null ? null : normalizeEmail(input.email);
  try {
    return await db.transaction(async (tx) => {
      const upgraded = await updateInTenancy(
        tx,
        tenancy,
        projectUsers,
        {
          isAnonymous: false,
          signedUpAt: sql`now()`,
          countryCode: sql`coalesce(${projectUsers.countryCode}, ${input.countryCode ?? null})`,
          ...(input.otpAuthEnabled ? { otpAuthEnabled: true } : {}),
          ...(input.displayName ? { displayName: sql`coalesce(${projectUsers.displayName}, ${input.displayName})` } : {}),
          ...(input.profileImageUrl ? { profileImageUrl: sql`coalesce(${projectUsers.profileImageUrl}, ${input.profileImageUrl})` } : {}),
        },
        eq(projectUsers.id, userId),
        eq(projectUsers.isAnonymous, true),
      ).returning({ id: projectUsers.id });
      if (upgraded.length === 0) return null;
      // A new account gets a new session: the anonymous refresh token, which may sit on a shared device, opens nothing.
      await revokeAllUserSessions(tx, tenancy, userId);
      if (email !== null) {
        const usedForAuth = input.emailUsedForAuth ?? true;
        await insertInTenancy(tx, tenancy, contactChannels, { userId, type: "email", value: email, isPrimary: true, usedForAuth, isVerified: input.emailVerified });
      }
      if (input.passwordHash) await insertInTenancy(tx, tenancy, passwordCredentials, { userId, passwordHash: input.passwordHash });
      if (input.oauthAccount) await insertLinkedAccount(tx, tenancy, userId, input.oauthAccount);
      await renamePlaceholderPersonalTeams(tx, tenancy, userId, personalTeamName(input.displayName ?? null, email));
      const record = await getUserRecord(tx, tenancy, userId);
      await emitUserUpdated(tx, tenancy, userId, record);
      return record;
    });
  } catch (error) {
    // The unique index on sign-in addresses: the address already belongs to an account.
    if (pgErrorCode(error) === "23505" && email !== null) throw new KnownErrors.UserEmailAlreadyExists(email);
    throw error;
  }
}
