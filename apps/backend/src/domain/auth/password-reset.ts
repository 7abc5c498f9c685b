import { setTimeout as sleep } from "node:timers/promises";
import { clearSignInFailures } from "./sign-in-guard";
import { KnownErrors } from "@stackframe/stack-shared";
import type { Database } from "../../db/client";
import { passwordCredentials } from "../../db/schema";
import { type TenancyRef, insertInTenancy } from "../../db/tenant-scope";
import type { PasswordHasher } from "../../lib/passwords";
import { findSignInChannel } from "../contact-channels/contact-channels";
import { linkWithCode, queueCodeEmail, requireTrustedCallbackUrl } from "../emails/code-emails";
import { renderPasswordResetEmail } from "../emails/render";
import { type RequestDevice, queueSecurityNotice } from "../emails/security-notices";
import { type EmailRateLimits, mayQueueEmail } from "../emails/send-limits";
import type { Tenancy } from "../projects/tenancy";
import { revokeAllUserSessions } from "../sessions/sessions";
import { normalizeEmail } from "../users/emails";
import { claimAccountThroughAddress } from "../users/proven-address";
import {
  checkVerificationCode,
  findUsableVerificationCode,
  generateVerificationCode,
  revokeUserVerificationCodes,
  spendVerificationCode,
} from "../verification/codes";
import { withUserUpdatedEvent } from "../webhooks/payloads";
import { checkPasswordPolicy, meetsPasswordPolicy, requirePasswordAuth } from "./password-auth";

const CODE_TYPE = "password_reset" as const;
// Reset links open an account: short-lived, and only the newest one works.
const RESET_CODE_LIFETIME_MILLIS = 60 * 60 * 1000;

async function signInUserIdOf(db: Database, tenancy: TenancyRef, email: string): Promise<string | null> {
  return (await findSignInChannel(db, tenancy, email))?.userId ?? null;
}

/**
 * Mails a reset link when the address signs in to an account. The answer is the same either way, and
 * so is its timing: both paths end 2–3 s after the request began, so the delay does not tell whether the account exists.
 */
export async function sendPasswordResetEmail(
  db: Database,
  tenancy: Tenancy,
  input: { email: string; callbackUrl: string; clientIp: string | null },
  emailLimits: EmailRateLimits,
): Promise<void> {
  const answerAt = Date.now() + 2000 + Math.random() * 1000;
  try {
    await queuePasswordResetEmail(db, tenancy, input, emailLimits);
  } finally {
    await sleep(Math.max(0, answerAt - Date.now()));
  }
}

async function queuePasswordResetEmail(
  db: Database,
  tenancy: Tenancy,
  input: { email: string; callbackUrl: string; clientIp: string | null },
  emailLimits: EmailRateLimits,
): Promise<void> {
  requirePasswordAuth(tenancy);
  // Everything that does not depend on the account is checked before it is looked up, so no answer tells whether it exists.
  requireTrustedCallbackUrl(tenancy, input.callbackUrl);
  const userId = await signInUserIdOf(db, tenancy, input.email);
  if (userId === null) return;
  if (!(await mayQueueEmail(db, tenancy, { address: normalizeEmail(input.email), clientIp: input.clientIp }, emailLimits))) return;
  const code = generateVerificationCode();
  const email = await renderPasswordResetEmail(tenancy, linkWithCode(input.callbackUrl, code));
  const to = normalizeEmail(input.email);
  await db.transaction(async (tx) => {
    await revokeUserVerificationCodes(tx, tenancy, { type: CODE_TYPE, userId });
    const data = { user_id: userId, email: to };
    await queueCodeEmail(tx, tenancy, { type: CODE_TYPE, code, data, lifetimeMillis: RESET_CODE_LIFETIME_MILLIS, kind: "password_reset", to, email });
  });
}

/** Sets a new password from a reset link and signs the account out everywhere: whoever had the old one loses access. */
export async function resetPassword(
  db: Database,
  tenancy: Tenancy,
  input: { code: string; password: string; device: RequestDevice },
  passwords: PasswordHasher,
): Promise<void> {
  requirePasswordAuth(tenancy);
  const code = await findUsableVerificationCode(db, tenancy, { type: CODE_TYPE, code: input.code });
  if (!meetsPasswordPolicy(input.password)) {
    // Stack Auth's API spends the code before it checks the policy: a rejected password means asking for a new link.
    await spendVerificationCode(db, code);
    checkPasswordPolicy(input.password);
  }
  const userId = String(code.data.user_id);
  const channel = await findSignInChannel(db, tenancy, String(code.data.email));
  // A link sent to an address the account no longer signs in with opens nothing.
  if (channel?.userId !== userId) throw new KnownErrors.VerificationCodeNotFound();
  const passwordHash = await passwords.hash(input.password);
  await db.transaction(async (tx) => {
    await spendVerificationCode(tx, code);
    // A first password, or an address proven now, changes the server view of the user: user.updated says so.
    await withUserUpdatedEvent(tx, tenancy, userId, async () => {
      // The link reached the address's owner: if it was never verified, the account may not have been theirs until now.
      if (!channel.isVerified) await claimAccountThroughAddress(tx, tenancy, { userId, channelId: channel.id });
      await insertInTenancy(tx, tenancy, passwordCredentials, { userId, passwordHash }).onConflictDoUpdate({
        target: passwordCredentials.userId,
        set: { passwordHash },
      });
    });
    await revokeAllUserSessions(tx, tenancy, userId);
    // The owner of the address proved it: a pause that guessers put on its password sign-in ends here.
    await clearSignInFailures(tx, tenancy, String(code.data.email));
    // After the claim above, which verifies the address the link reached: the notice may go to it.
    await queueSecurityNotice(tx, tenancy, { userId, change: "password_reset", device: input.device });
  });
}

export async function checkPasswordResetCode(db: Database, tenancy: Tenancy, code: string): Promise<void> {
  requirePasswordAuth(tenancy);
  await checkVerificationCode(db, tenancy, { type: CODE_TYPE, code });
}
