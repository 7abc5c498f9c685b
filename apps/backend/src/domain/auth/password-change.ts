import { KnownErrors } from "@stackframe/stack-shared";
import { eq, ne } from "drizzle-orm";
import type { Database } from "../../db/client";
import { passwordCredentials, sessions } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import type { PasswordHasher } from "../../lib/passwords";
import { StatusError } from "../../lib/status-error";
import { type RequestDevice, queueSecurityNotice } from "../emails/security-notices";
import type { Tenancy } from "../projects/tenancy";
import { getSessionByRefreshToken } from "../sessions/sessions";
import type { UserRecord } from "../users/user-record";
import { revokeUserVerificationCodes } from "../verification/codes";
import { emitUserUpdated } from "../webhooks/payloads";
import { checkPasswordPolicy, requirePasswordAuth } from "./password-auth";

async function currentPasswordHash(db: Database, tenancy: TenancyRef, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ passwordHash: passwordCredentials.passwordHash })
    .from(passwordCredentials)
    .where(inTenancy(tenancy, passwordCredentials, eq(passwordCredentials.userId, userId)));
  return row?.passwordHash ?? null;
}

/**
 * Replaces a password the user proves they know, and ends every other session of theirs:
 * whoever learned the old password is signed out, the device making the change is not. The server view of the user
 * stays the same (it has a password before and after), so no user.updated.
 */
export async function updatePassword(
  db: Database,
  tenancy: Tenancy,
  user: UserRecord,
  input: { oldPassword: string; newPassword: string; keepRefreshToken?: string; device: RequestDevice },
  passwords: PasswordHasher,
): Promise<void> {
  requirePasswordAuth(tenancy);
  checkPasswordPolicy(input.newPassword);
  const userId = user.row.id;
  const oldHash = await currentPasswordHash(db, tenancy, userId);
  if (oldHash === null) throw new KnownErrors.UserDoesNotHavePassword();
  if (!(await passwords.verify(oldHash, input.oldPassword))) throw new KnownErrors.PasswordConfirmationMismatch();
  const passwordHash = await passwords.hash(input.newPassword);
  const kept = input.keepRefreshToken ? await getSessionByRefreshToken(db, tenancy, input.keepRefreshToken) : null;
  await db.transaction(async (tx) => {
    await updateInTenancy(tx, tenancy, passwordCredentials, { passwordHash }, eq(passwordCredentials.userId, userId));
    // Outstanding reset links were meant for the old password.
    await revokeUserVerificationCodes(tx, tenancy, { type: "password_reset", userId });
    await deleteInTenancy(tx, tenancy, sessions, eq(sessions.userId, userId), ...(kept?.userId === userId ? [ne(sessions.id, kept.id)] : []));
    await queueSecurityNotice(tx, tenancy, { userId, change: "password_changed", device: input.device });
  });
}

/** Gives a password to an account that has none (e.g. one that signed up with a magic link); sessions stay. */
export async function setPassword(
  db: Database,
  tenancy: Tenancy,
  user: UserRecord,
  input: { password: string; device: RequestDevice },
  passwords: PasswordHasher,
): Promise<void> {
  requirePasswordAuth(tenancy);
  checkPasswordPolicy(input.password);
  const userId = user.row.id;
  if ((await currentPasswordHash(db, tenancy, userId)) !== null) throw new StatusError(400, "User already has a password set.");
  const passwordHash = await passwords.hash(input.password);
  await db.transaction(async (tx) => {
    const inserted = await insertInTenancy(tx, tenancy, passwordCredentials, { userId, passwordHash })
      .onConflictDoNothing()
      .returning({ userId: passwordCredentials.userId });
    // A concurrent call set one first.
    if (inserted.length === 0) throw new StatusError(400, "User already has a password set.");
    // `has_password` turns on: the server view changed for sure.
    await emitUserUpdated(tx, tenancy, userId);
    await queueSecurityNotice(tx, tenancy, { userId, change: "password_changed", device: input.device });
  });
}
