import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { projectUsers } from "../../db/schema";
import { type TenancyRef, updateInTenancy } from "../../db/tenant-scope";
import { StatusError } from "../../lib/status-error";
import { type RateLimit, consumeRateLimit, isRateLimited } from "../abuse/rate-limits";
import { findSignInChannel } from "../contact-channels/contact-channels";
import { linkWithCode, queueCodeEmail, requireTrustedCallbackUrl } from "../emails/code-emails";
import { renderMagicLinkEmail } from "../emails/render";
import { type EmailRateLimits, mayQueueEmail } from "../emails/send-limits";
import type { Tenancy } from "../projects/tenancy";
import { type BotChallengeDeps, type BotChallengeFields, requireBotChallengePassed } from "./bot-challenge";
import { type SignInAttempt, clearSignInFailures, recordSignInFailure, requireSignInAllowed, typedCodeIdentifier } from "./sign-in-guard";
import type { AccessTokenService } from "../tokens/access-tokens";
import { signInResponseFor, signInUser } from "../tokens/issue-tokens";
import { createUser } from "../users/create-user";
import { normalizeEmail } from "../users/emails";
import { claimAccountThroughAddress } from "../users/proven-address";
import { upgradeAnonymousUser } from "../users/upgrade-anonymous";
import type { UserRecord } from "../users/user-record";
import {
  checkVerificationCode,
  dataOfNonce,
  findUsableVerificationCode,
  generateVerificationCode,
  spendVerificationCode,
} from "../verification/codes";
import { changeUserWithUpdatedEvent } from "../webhooks/payloads";

const CODE_TYPE = "otp_sign_in" as const;
const OTP_LENGTH = 6;
// Wrong typed codes per address, across every code sent to it: a resend does not start the count over (MF-03).
const FAILED_GUESSES: RateLimit = { limit: 15, windowSeconds: 3600 };
const failedGuessBucket = (tenancy: TenancyRef, email: string) => `otp-failures:${tenancy.id}:${email}`;

function requireOtpAuth(tenancy: Tenancy): void {
  if (!tenancy.config.auth.otp.allowSignIn) throw new StatusError(403, "OTP sign-in is not enabled for this project");
}

/**
 * Mails a sign-in link and code; returns the nonce, the code without its first 6 characters, so the
 * page that asked can complete the sign-in with the 6 characters the user types.
 */
export async function sendSignInCode(
  db: Database,
  tenancy: Tenancy,
  input: { email: string; callbackUrl: string; clientIp: string | null },
  deps: { emailLimits: EmailRateLimits; botChallenge: BotChallengeDeps & { fields: BotChallengeFields } },
): Promise<string> {
  const { emailLimits, botChallenge } = deps;
  requireOtpAuth(tenancy);
  // Checked before the address is looked up, so an untrusted callback is refused alike for known and unknown addresses.
  requireTrustedCallbackUrl(tenancy, input.callbackUrl);
  const email = normalizeEmail(input.email);
  const channel = await findSignInChannel(db, tenancy, email);
  // An unverified address could belong to someone else; signing in through it would hand them the account.
  if (channel && !channel.isVerified) throw new KnownErrors.UserEmailAlreadyExists(email, true);
  if (!channel && !tenancy.config.auth.allowSignUp) throw new KnownErrors.SignUpNotEnabled();
  // Before anything is counted or mailed: a bot that fails the challenge must not spend the address's email budget.
  await requireBotChallengePassed(tenancy, botChallenge.fields, "send_magic_link_email", botChallenge);
  const code = generateVerificationCode();
  // Over the limit the answer looks the same, with a nonce that completes no code; nothing is mailed.
  if (!(await mayQueueEmail(db, tenancy, { address: email, clientIp: input.clientIp }, emailLimits))) return code.slice(OTP_LENGTH);
  const rendered = await renderMagicLinkEmail(tenancy, linkWithCode(input.callbackUrl, code), code.slice(0, OTP_LENGTH).toUpperCase());
  await db.transaction((tx) => queueCodeEmail(tx, tenancy, { type: CODE_TYPE, code, data: { email }, kind: "magic_link", to: email, email: rendered }));
  return code.slice(OTP_LENGTH);
}

/**
 * Looks a typed code up, as a guess against the addresses its nonce was mailed to. While the sign-in guard has such an
 * address paused (or the client), the answer is the pause, before the code is looked at, so the right code and a wrong
 * one answer alike; a wrong guess counts for the address (across every code sent to it: a resend does not start over)
 * and its client.
 */
async function guessCode<T>(db: Database, tenancy: Tenancy, input: { code: string; clientIp: string | null }, lookUp: () => Promise<T>): Promise<T> {
  const guard = tenancy.config.auth.signInGuard;
  const targetsOf = async () => (await dataOfNonce(db, tenancy, { type: CODE_TYPE, code: input.code })).map((data) => String(data.email));
  const guessAt = (email: string): SignInAttempt => ({ identifier: typedCodeIdentifier(email), clientIp: input.clientIp });
  // With the guard off, whom the code was for is only needed once it proves wrong.
  let targets = guard.enabled ? await targetsOf() : null;
  for (const email of targets ?? []) await requireSignInAllowed(db, tenancy, guessAt(email), guard);
  try {
    return await lookUp();
  } catch (error) {
    if (error instanceof KnownErrors.VerificationCodeNotFound) {
      targets ??= await targetsOf();
      for (const email of targets) {
        await consumeRateLimit(db, failedGuessBucket(tenancy, email), FAILED_GUESSES);
        await recordSignInFailure(db, tenancy, guessAt(email), guard);
      }
    }
    throw error;
  }
}

/**
 * Signs in the owner of the address, or signs up a new user whose address is verified by this very code. Every check
 * that can refuse runs before the code is spent, and the code is spent in the transaction that signs in.
 */
export async function signInWithCode(
  db: Database,
  tenancy: Tenancy,
  code: string,
  deps: { accessTokens: AccessTokenService; currentUser: UserRecord | null; countryCode?: string | null; clientIp?: string | null },
) {
  requireOtpAuth(tenancy);
  const { accessTokens, currentUser } = deps;
  const countryCode = deps.countryCode ?? null;
  const usable = await guessCode(db, tenancy, { code, clientIp: deps.clientIp ?? null }, () => findUsableVerificationCode(db, tenancy, { type: CODE_TYPE, code }));
  const email = String(usable.data.email);
  if (await isRateLimited(db, failedGuessBucket(tenancy, email), FAILED_GUESSES)) throw new KnownErrors.VerificationCodeMaxAttemptsReached();
  const channel = await findSignInChannel(db, tenancy, email);
  if (channel) {
    const userId = channel.userId;
    const user = await db.transaction(async (tx) => {
      await spendVerificationCode(tx, usable);
      // Both change the server view of the user the first time only; user.updated says so when they do. A returning
      // user's sign-in writes neither.
      const found = await changeUserWithUpdatedEvent(tx, tenancy, userId, async (before) => {
        // Receiving the code proves the address; if nobody had proven it before, the account is claimed by its owner.
        if (!channel.isVerified) await claimAccountThroughAddress(tx, tenancy, { userId, channelId: channel.id });
        if (!before?.row.otpAuthEnabled) await updateInTenancy(tx, tenancy, projectUsers, { otpAuthEnabled: true }, eq(projectUsers.id, userId));
        return !channel.isVerified || !before?.row.otpAuthEnabled;
      });
      // Signing in another way proves the owner is here: a pause guessers put on the password ends (and the count of
      // wrong codes, which this code passed).
      await clearSignInFailures(tx, tenancy, email);
      if (!found) throw new KnownErrors.UserNotFound();
      return found;
    });
    // After the commit: a user with TOTP gets the hand-off, and the code they used stays spent.
    return { ...(await signInUser(db, tenancy, user, accessTokens)), is_new_user: false };
  }
  const anonymousId = currentUser?.row.isAnonymous ? currentUser.row.id : null;
  if (anonymousId === null && !tenancy.config.auth.allowSignUp) throw new KnownErrors.SignUpNotEnabled();
  return await db.transaction(async (tx) => {
    await spendVerificationCode(tx, usable);
    // Wrong guesses at the codes of an address nobody had yet were counted too; its new owner starts afresh.
    await clearSignInFailures(tx, tenancy, email);
    if (anonymousId !== null) {
      // A new address signs the anonymous user up in place.
      const upgraded = await upgradeAnonymousUser(tx, tenancy, anonymousId, { email, emailVerified: true, otpAuthEnabled: true, countryCode });
      if (upgraded) return { ...(await signInUser(tx, tenancy, upgraded, accessTokens)), is_new_user: true };
      if (!tenancy.config.auth.allowSignUp) throw new KnownErrors.SignUpNotEnabled();
    }
    const newUser = { primaryEmail: email, primaryEmailVerified: true, primaryEmailAuthEnabled: true, otpAuthEnabled: true, countryCode };
    const { user, session } = await createUser(tx, tenancy, newUser, { openSession: true });
    return { ...(await signInResponseFor(accessTokens, tenancy, user, session!)), is_new_user: true };
  });
}

/** Whether a code would sign in, without using it: a guess like any other, so it is counted and paused alike. */
export async function checkSignInCode(db: Database, tenancy: Tenancy, code: string, clientIp: string | null = null): Promise<void> {
  requireOtpAuth(tenancy);
  await guessCode(db, tenancy, { code, clientIp }, () => checkVerificationCode(db, tenancy, { type: CODE_TYPE, code }));
}
