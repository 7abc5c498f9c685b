import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq, ne } from "drizzle-orm";
import type { Services } from "../../app-env";
import { passwordCredentials, sessions } from "../../db/schema";
import { StatusError } from "../../lib/status-error";
import type { ResolvedProject } from "../projects/project-cache";
import { getSessionByRefreshToken } from "../sessions/sessions";
import type { UserRecord } from "../users/user-record";
import { revokeUserVerificationCodes } from "../verification/codes";
import { checkPasswordPolicy, requirePasswordAuth } from "./password-auth";

async function currentPasswordHash(services: Services, tenancyId: string, userId: string): Promise<string | null> {
  const [row] = await services.db
    .select({ passwordHash: passwordCredentials.passwordHash })
    .from(passwordCredentials)
    .where(and(eq(passwordCredentials.tenancyId, tenancyId), eq(passwordCredentials.userId, userId)));
  return row?.passwordHash ?? null;
}

/**
 * Replaces a password the user proves they know, and ends every other session of theirs:
 * whoever learned the old password is signed out, the device making the change is not.
 */
export async function updatePassword(
  services: Services,
  project: ResolvedProject,
  user: UserRecord,
  input: { oldPassword: string; newPassword: string; keepRefreshToken?: string },
): Promise<void> {
  requirePasswordAuth(project);
  checkPasswordPolicy(input.newPassword);
  const tenancyId = project.tenancyId!;
  const userId = user.row.id;
  const oldHash = await currentPasswordHash(services, tenancyId, userId);
  if (oldHash === null) throw new KnownErrors.UserDoesNotHavePassword();
  if (!(await services.passwords.verify(oldHash, input.oldPassword))) throw new KnownErrors.PasswordConfirmationMismatch();
  const passwordHash = await services.passwords.hash(input.newPassword);
  const kept = input.keepRefreshToken ? await getSessionByRefreshToken(services.db, tenancyId, input.keepRefreshToken) : null;
  await services.db.transaction(async (tx) => {
    await tx.update(passwordCredentials).set({ passwordHash }).where(eq(passwordCredentials.userId, userId));
    // Outstanding reset links were meant for the old password.
    await revokeUserVerificationCodes(tx, { tenancyId, type: "password_reset", userId });
    await tx
      .delete(sessions)
      .where(and(eq(sessions.tenancyId, tenancyId), eq(sessions.userId, userId), kept?.userId === userId ? ne(sessions.id, kept.id) : undefined));
  });
}

/** Gives a password to an account that has none (e.g. one that signed up with a magic link); sessions stay. */
export async function setPassword(services: Services, project: ResolvedProject, user: UserRecord, password: string): Promise<void> {
  requirePasswordAuth(project);
  checkPasswordPolicy(password);
  const tenancyId = project.tenancyId!;
  if ((await currentPasswordHash(services, tenancyId, user.row.id)) !== null) throw new StatusError(400, "User already has a password set.");
  const passwordHash = await services.passwords.hash(password);
  const inserted = await services.db
    .insert(passwordCredentials)
    .values({ userId: user.row.id, tenancyId, passwordHash })
    .onConflictDoNothing()
    .returning({ userId: passwordCredentials.userId });
  // A concurrent call set one first.
  if (inserted.length === 0) throw new StatusError(400, "User already has a password set.");
}
