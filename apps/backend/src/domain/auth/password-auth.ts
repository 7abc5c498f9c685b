import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Database, preparedPerDatabase } from "../../db/client";
import { contactChannels, passwordCredentials, projectUsers } from "../../db/schema";
import { PREPARED_TENANCY, type TenancyRef, inTenancy, updateInTenancy } from "../../db/tenant-scope";
import type { PasswordHasher } from "../../lib/passwords";
import type { Tenancy } from "../projects/tenancy";
import { type BotChallengeDeps, type BotChallengeFields, requireBotChallengePassed } from "./bot-challenge";
import { clearSignInFailures, recordSignInFailure, requireSignInAllowed } from "./sign-in-guard";
import { queueEmailVerification } from "../contact-channels/verification";
import { requireTrustedCallbackUrl } from "../emails/code-emails";
import type { AccessTokenService } from "../tokens/access-tokens";
import { signInResponseFor, signInUser } from "../tokens/issue-tokens";
import { createUser } from "../users/create-user";
import { normalizeEmail } from "../users/emails";
import { upgradeAnonymousUser } from "../users/upgrade-anonymous";
import { type UserRecord, joinUserRecordParts, userRecordColumns } from "../users/user-record";

export const PASSWORD_MIN_LENGTH = 8;

/** What password sign-up and sign-in use besides the database. */
export type PasswordAuthDeps = { passwords: PasswordHasher; accessTokens: AccessTokenService };

export function requirePasswordAuth(tenancy: Tenancy): void {
  if (!tenancy.config.auth.password.allowSignIn) throw new KnownErrors.PasswordAuthenticationNotEnabled();
}

export function meetsPasswordPolicy(password: string): boolean {
  return [...password].length >= PASSWORD_MIN_LENGTH;
}

export function checkPasswordPolicy(password: string): void {
  if (!meetsPasswordPolicy(password)) throw new KnownErrors.PasswordTooShort(PASSWORD_MIN_LENGTH);
}

/** `botChallenge` is what checks the request's challenge; absent (seeds, unit tests), no challenge is checked. */
export async function signUpWithPassword(
  db: Database,
  tenancy: Tenancy,
  input: { email: string; password: string; verification_callback_url?: string } & BotChallengeFields,
  deps: PasswordAuthDeps & { anonymousUser: UserRecord | null; botChallenge?: BotChallengeDeps; countryCode?: string | null },
) {
  const { passwords, accessTokens, anonymousUser } = deps;
  const countryCode = deps.countryCode ?? null;
  requirePasswordAuth(tenancy);
  if (input.verification_callback_url !== undefined) requireTrustedCallbackUrl(tenancy, input.verification_callback_url);
  if (!tenancy.config.auth.allowSignUp) throw new KnownErrors.SignUpNotEnabled();
  checkPasswordPolicy(input.password);
  if (deps.botChallenge) await requireBotChallengePassed(tenancy, input, "sign_up_with_credential", deps.botChallenge);
  const email = normalizeEmail(input.email);
  // No look-up first: the unique index on sign-in emails decides, races included, and every sign-up costs one
  // hash whether or not the address is taken.
  const passwordHash = await passwords.hash(input.password);
  const newUser = { primaryEmail: email, primaryEmailAuthEnabled: true, primaryEmailVerified: false, passwordHash, countryCode };
  const callbackUrl = input.verification_callback_url;
  if (anonymousUser?.row.isAnonymous) {
    // Signing up while anonymous keeps the user: same id, with an email and a password now.
    return await db.transaction(async (tx) => {
      const upgraded = await upgradeAnonymousUser(tx, tenancy, anonymousUser.row.id, { email, emailVerified: false, passwordHash, countryCode });
      if (!upgraded) throw new Error(`Anonymous user ${anonymousUser.row.id} vanished during its upgrade.`);
      if (callbackUrl !== undefined) await queueEmailVerification(tx, tenancy, { userId: upgraded.row.id, email, callbackUrl });
      return await signInUser(tx, tenancy, upgraded, accessTokens);
    });
  }
  const { user, session } =
    callbackUrl === undefined
      ? await createUser(db, tenancy, newUser, { openSession: true })
      : // The verification email is queued with the account: both exist, or neither.
        await db.transaction(async (tx) => {
          const created = await createUser(tx, tenancy, newUser, { openSession: true });
          await queueEmailVerification(tx, tenancy, { userId: created.user.row.id, email, callbackUrl });
          return created;
        });
  return signInResponseFor(accessTokens, tenancy, user, session!);
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
          eq(authEmail.tenancyId, projectUsers.tenancyId),
          eq(authEmail.type, "email"),
          eq(authEmail.value, sql.placeholder("email")),
          eq(authEmail.usedForAuth, true),
        ),
      )
      .where(inTenancy(PREPARED_TENANCY, projectUsers))
      .$dynamic(),
  )
    .limit(1)
    .prepare("find_password_user"),
);

/** The user signing in with this email, with their password hash, in one statement. */
async function findPasswordUser(db: Database, tenancy: TenancyRef, email: string) {
  const [row] = await findPasswordUserStatement(db).execute({ tenancyId: tenancy.id, email });
  if (!row) return null;
  const { passwordHash, ...user } = row;
  return { user: user as UserRecord, passwordHash };
}

export async function signInWithPassword(
  db: Database,
  tenancy: Tenancy,
  input: { email: string; password: string },
  deps: PasswordAuthDeps & { clientIp?: string | null },
) {
  const { passwords, accessTokens } = deps;
  requirePasswordAuth(tenancy);
  const normalized = normalizeEmail(input.email);
  const attempt = { identifier: normalized, clientIp: deps.clientIp ?? null };
  const guard = tenancy.config.auth.signInGuard;
  // A paused identifier is refused before its password is even checked, right or wrong: guessing gains nothing.
  await requireSignInAllowed(db, tenancy, attempt, guard);
  const credential =
    (await findPasswordUser(db, tenancy, input.email)) ?? (normalized === input.email ? null : await findPasswordUser(db, tenancy, normalized));
  if (!credential?.passwordHash) {
    // Hash anyway, so the response time does not reveal which emails are registered; and count it the same way.
    await passwords.verifyDummy(input.password);
    await recordSignInFailure(db, tenancy, attempt, guard);
    throw new KnownErrors.EmailPasswordMismatch();
  }
  if (!(await passwords.verify(credential.passwordHash, input.password))) {
    await recordSignInFailure(db, tenancy, attempt, guard);
    throw new KnownErrors.EmailPasswordMismatch();
  }
  await clearSignInFailures(db, tenancy, normalized);
  if (passwords.needsRehash(credential.passwordHash)) {
    const passwordHash = await passwords.hash(input.password);
    await updateInTenancy(db, tenancy, passwordCredentials, { passwordHash }, eq(passwordCredentials.userId, credential.user.row.id));
  }
  return signInUser(db, tenancy, credential.user, accessTokens);
}
