import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Services } from "../../app-env";
import { preparedPerDatabase } from "../../db/client";
import { contactChannels, passwordCredentials, projectUsers } from "../../db/schema";
import type { ResolvedProject } from "../projects/project-cache";
import { queueEmailVerification } from "../contact-channels/verification";
import { requireTrustedCallbackUrl } from "../emails/code-emails";
import { signInResponseFor, signInUser } from "../tokens/issue-tokens";
import { createUser } from "../users/create-user";
import { normalizeEmail } from "../users/emails";
import { upgradeAnonymousUser } from "../users/upgrade-anonymous";
import { type UserRecord, joinUserRecordParts, userRecordColumns } from "../users/user-record";

export const PASSWORD_MIN_LENGTH = 8;

export function requirePasswordAuth(project: ResolvedProject): void {
  if (!project.config.auth.password.allowSignIn) throw new KnownErrors.PasswordAuthenticationNotEnabled();
}

export function meetsPasswordPolicy(password: string): boolean {
  return [...password].length >= PASSWORD_MIN_LENGTH;
}

export function checkPasswordPolicy(password: string): void {
  if (!meetsPasswordPolicy(password)) throw new KnownErrors.PasswordTooShort(PASSWORD_MIN_LENGTH);
}

export async function signUpWithPassword(
  services: Services,
  project: ResolvedProject,
  input: { email: string; password: string; verification_callback_url?: string },
  anonymousUser: UserRecord | null = null,
) {
  requirePasswordAuth(project);
  if (input.verification_callback_url !== undefined) requireTrustedCallbackUrl(project, input.verification_callback_url);
  if (!project.config.auth.allowSignUp) throw new KnownErrors.SignUpNotEnabled();
  checkPasswordPolicy(input.password);
  const email = normalizeEmail(input.email);
  // No look-up first: the unique index on sign-in emails decides, races included, and every sign-up costs one
  // hash whether or not the address is taken.
  const passwordHash = await services.passwords.hash(input.password);
  const newUser = { primaryEmail: email, primaryEmailAuthEnabled: true, primaryEmailVerified: false, passwordHash };
  const callbackUrl = input.verification_callback_url;
  if (anonymousUser?.row.isAnonymous) {
    // Signing up while anonymous keeps the user: same id, with an email and a password now.
    return await services.db.transaction(async (tx) => {
      const upgraded = await upgradeAnonymousUser(tx, project, anonymousUser.row.id, { email, emailVerified: false, passwordHash });
      if (!upgraded) throw new Error(`Anonymous user ${anonymousUser.row.id} vanished during its upgrade.`);
      if (callbackUrl !== undefined) await queueEmailVerification(tx, project, { userId: upgraded.row.id, email, callbackUrl });
      return await signInUser(services, tx, project, upgraded);
    });
  }
  const { user, session } =
    callbackUrl === undefined
      ? await createUser(services.db, project, newUser, { openSession: true })
      : // The verification email is queued with the account: both exist, or neither.
        await services.db.transaction(async (tx) => {
          const created = await createUser(tx, project, newUser, { openSession: true });
          await queueEmailVerification(tx, project, { userId: created.user.row.id, email, callbackUrl });
          return created;
        });
  return signInResponseFor(services, project, user, session!);
}

const authEmail = alias(contactChannels, "auth_email");

const findPasswordUserStatement = preparedPerDatabase((db) =>
  joinUserRecordParts(
    db
      .select({ ...userRecordColumns, passwordHash: passwordCredentials.passwordHash })
      .from(projectUsers)
      .innerJoin(
        authEmail,
        and(
          eq(authEmail.userId, projectUsers.id),
          eq(authEmail.tenancyId, sql.placeholder("tenancyId")),
          eq(authEmail.type, "email"),
          eq(authEmail.value, sql.placeholder("email")),
          eq(authEmail.usedForAuth, true),
        ),
      )
      .$dynamic(),
  )
    .limit(1)
    .prepare("find_password_user"),
);

/** The user signing in with this email, with their password hash, in one statement. */
async function findPasswordUser(services: Services, tenancyId: string, email: string) {
  const [row] = await findPasswordUserStatement(services.db).execute({ tenancyId, email });
  if (!row) return null;
  const { passwordHash, ...user } = row;
  return { user: user as UserRecord, passwordHash };
}

export async function signInWithPassword(
  services: Services,
  project: ResolvedProject,
  input: { email: string; password: string },
) {
  requirePasswordAuth(project);
  const tenancyId = project.tenancyId!;
  const normalized = normalizeEmail(input.email);
  const credential =
    (await findPasswordUser(services, tenancyId, input.email)) ??
    (normalized === input.email ? null : await findPasswordUser(services, tenancyId, normalized));
  if (!credential?.passwordHash) {
    // Hash anyway, so the response time does not reveal which emails are registered.
    await services.passwords.verifyDummy(input.password);
    throw new KnownErrors.EmailPasswordMismatch();
  }
  if (!(await services.passwords.verify(credential.passwordHash, input.password))) {
    throw new KnownErrors.EmailPasswordMismatch();
  }
  if (services.passwords.needsRehash(credential.passwordHash)) {
    const passwordHash = await services.passwords.hash(input.password);
    await services.db.update(passwordCredentials).set({ passwordHash }).where(eq(passwordCredentials.userId, credential.user.row.id));
  }
  return signInUser(services, services.db, project, credential.user);
}
