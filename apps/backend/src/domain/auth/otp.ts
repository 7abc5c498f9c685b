import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq } from "drizzle-orm";
import type { Services } from "../../app-env";
import { projectUsers } from "../../db/schema";
import { StatusError } from "../../lib/status-error";
import { type RateLimit, consumeRateLimit, isRateLimited } from "../abuse/rate-limits";
import { findSignInChannel } from "../contact-channels/contact-channels";
import { linkWithCode, queueCodeEmail, requireTrustedCallbackUrl } from "../emails/code-emails";
import { renderMagicLinkEmail } from "../emails/render";
import { mayQueueEmail } from "../emails/send-limits";
import type { ResolvedProject } from "../projects/project-cache";
import { signInResponseFor, signInUser } from "../tokens/issue-tokens";
import { createUser } from "../users/create-user";
import { normalizeEmail } from "../users/emails";
import { claimAccountThroughAddress } from "../users/proven-address";
import { upgradeAnonymousUser } from "../users/upgrade-anonymous";
import { type UserRecord, getUserRecord } from "../users/user-record";
import {
  type UsableCode,
  checkVerificationCode,
  dataOfNonce,
  findUsableVerificationCode,
  generateVerificationCode,
  spendVerificationCode,
} from "../verification/codes";

const CODE_TYPE = "otp_sign_in" as const;
const OTP_LENGTH = 6;
// Wrong typed codes per address, across every code sent to it: a resend does not start the count over (MF-03).
const FAILED_GUESSES: RateLimit = { limit: 15, windowSeconds: 3600 };
const failedGuessBucket = (tenancyId: string, email: string) => `otp-failures:${tenancyId}:${email}`;

function requireOtpAuth(project: ResolvedProject): void {
  if (!project.config.auth.otp.allowSignIn) throw new StatusError(403, "OTP sign-in is not enabled for this project");
}

/**
 * Mails a sign-in link and code; returns the nonce, the code without its first 6 characters, so the
 * page that asked can complete the sign-in with the 6 characters the user types.
 */
export async function sendSignInCode(
  services: Services,
  project: ResolvedProject,
  input: { email: string; callbackUrl: string; clientIp: string | null },
): Promise<string> {
  requireOtpAuth(project);
  // Checked before the address is looked up, so an untrusted callback is refused alike for known and unknown addresses.
  requireTrustedCallbackUrl(project, input.callbackUrl);
  const tenancyId = project.tenancyId!;
  const email = normalizeEmail(input.email);
  const channel = await findSignInChannel(services.db, tenancyId, email);
  // An unverified address could belong to someone else; signing in through it would hand them the account.
  if (channel && !channel.isVerified) throw new KnownErrors.UserEmailAlreadyExists(email, true);
  if (!channel && !project.config.auth.allowSignUp) throw new KnownErrors.SignUpNotEnabled();
  const code = generateVerificationCode();
  // Over the limit the answer looks the same, with a nonce that completes no code; nothing is mailed.
  if (!(await mayQueueEmail(services, { tenancyId, address: email, clientIp: input.clientIp }))) return code.slice(OTP_LENGTH);
  const rendered = await renderMagicLinkEmail(project, linkWithCode(input.callbackUrl, code), code.slice(0, OTP_LENGTH).toUpperCase());
  await services.db.transaction((tx) => queueCodeEmail(tx, project, { type: CODE_TYPE, code, data: { email }, kind: "magic_link", to: email, email: rendered }));
  return code.slice(OTP_LENGTH);
}

/** The usable code, counting a wrong guess at a typed code against the address it was aimed at. */
async function findSignInCode(services: Services, tenancyId: string, code: string): Promise<UsableCode> {
  try {
    return await findUsableVerificationCode(services.db, { tenancyId, type: CODE_TYPE, code });
  } catch (error) {
    if (error instanceof KnownErrors.VerificationCodeNotFound) {
      for (const target of await dataOfNonce(services.db, { tenancyId, type: CODE_TYPE, code })) {
        await consumeRateLimit(services.db, failedGuessBucket(tenancyId, String(target.email)), FAILED_GUESSES);
      }
    }
    throw error;
  }
}

/**
 * Signs in the owner of the address, or signs up a new user whose address is verified by this very code. Every check
 * that can refuse runs before the code is spent, and the code is spent in the transaction that signs in.
 */
export async function signInWithCode(services: Services, project: ResolvedProject, code: string, currentUser: UserRecord | null = null) {
  requireOtpAuth(project);
  const tenancyId = project.tenancyId!;
  const usable = await findSignInCode(services, tenancyId, code);
  const email = String(usable.data.email);
  if (await isRateLimited(services.db, failedGuessBucket(tenancyId, email), FAILED_GUESSES)) throw new KnownErrors.VerificationCodeMaxAttemptsReached();
  const channel = await findSignInChannel(services.db, tenancyId, email);
  if (channel) {
    const userId = channel.userId;
    return await services.db.transaction(async (tx) => {
      await spendVerificationCode(tx, usable);
      // Receiving the code proves the address; if nobody had proven it before, the account is claimed by its owner.
      if (!channel.isVerified) await claimAccountThroughAddress(tx, { tenancyId, userId, channelId: channel.id });
      await tx.update(projectUsers).set({ otpAuthEnabled: true }).where(and(eq(projectUsers.tenancyId, tenancyId), eq(projectUsers.id, userId)));
      const user = await getUserRecord(tx, tenancyId, userId);
      if (!user) throw new KnownErrors.UserNotFound();
      return { ...(await signInUser(services, tx, project, user)), is_new_user: false };
    });
  }
  const anonymousId = currentUser?.row.isAnonymous ? currentUser.row.id : null;
  if (anonymousId === null && !project.config.auth.allowSignUp) throw new KnownErrors.SignUpNotEnabled();
  return await services.db.transaction(async (tx) => {
    await spendVerificationCode(tx, usable);
    if (anonymousId !== null) {
      // A new address signs the anonymous user up in place.
      const upgraded = await upgradeAnonymousUser(tx, project, anonymousId, { email, emailVerified: true, otpAuthEnabled: true });
      if (upgraded) return { ...(await signInUser(services, tx, project, upgraded)), is_new_user: true };
      if (!project.config.auth.allowSignUp) throw new KnownErrors.SignUpNotEnabled();
    }
    const newUser = { primaryEmail: email, primaryEmailVerified: true, primaryEmailAuthEnabled: true, otpAuthEnabled: true };
    const { user, session } = await createUser(tx, project, newUser, { openSession: true });
    return { ...(await signInResponseFor(services, project, user, session!)), is_new_user: true };
  });
}

export async function checkSignInCode(services: Services, project: ResolvedProject, code: string): Promise<void> {
  requireOtpAuth(project);
  await checkVerificationCode(services.db, { tenancyId: project.tenancyId!, type: CODE_TYPE, code });
}
