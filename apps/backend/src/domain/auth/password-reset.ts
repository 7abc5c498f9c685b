import { setTimeout as sleep } from "node:timers/promises";
import { KnownErrors } from "@stackframe/stack-shared";
import type { Services } from "../../app-env";
import { passwordCredentials } from "../../db/schema";
import { findSignInChannel } from "../contact-channels/contact-channels";
import { linkWithCode, queueCodeEmail, requireTrustedCallbackUrl } from "../emails/code-emails";
import { renderPasswordResetEmail } from "../emails/render";
import { mayQueueEmail } from "../emails/send-limits";
import type { ResolvedProject } from "../projects/project-cache";
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
import { checkPasswordPolicy, meetsPasswordPolicy, requirePasswordAuth } from "./password-auth";

const CODE_TYPE = "password_reset" as const;
// Reset links open an account: short-lived, and only the newest one works.
const RESET_CODE_LIFETIME_MILLIS = 60 * 60 * 1000;

async function signInUserIdOf(services: Services, tenancyId: string, email: string): Promise<string | null> {
  return (await findSignInChannel(services.db, tenancyId, email))?.userId ?? null;
}

/**
 * Mails a reset link when the address signs in to an account. The answer is the same either way, and
 * so is its timing: both paths end 2–3 s after the request began, so the delay does not tell whether the account exists.
 */
export async function sendPasswordResetEmail(
  services: Services,
  project: ResolvedProject,
  input: { email: string; callbackUrl: string; clientIp: string | null },
): Promise<void> {
  const answerAt = Date.now() + 2000 + Math.random() * 1000;
  try {
    await queuePasswordResetEmail(services, project, input);
  } finally {
    await sleep(Math.max(0, answerAt - Date.now()));
  }
}

async function queuePasswordResetEmail(
  services: Services,
  project: ResolvedProject,
  input: { email: string; callbackUrl: string; clientIp: string | null },
): Promise<void> {
  requirePasswordAuth(project);
  // Everything that does not depend on the account is checked before it is looked up, so no answer tells whether it exists.
  requireTrustedCallbackUrl(project, input.callbackUrl);
  const tenancyId = project.tenancyId!;
  const userId = await signInUserIdOf(services, tenancyId, input.email);
  if (userId === null) return;
  if (!(await mayQueueEmail(services, { tenancyId, address: normalizeEmail(input.email), clientIp: input.clientIp }))) return;
  const code = generateVerificationCode();
  const email = await renderPasswordResetEmail(project, linkWithCode(input.callbackUrl, code));
  const to = normalizeEmail(input.email);
  await services.db.transaction(async (tx) => {
    await revokeUserVerificationCodes(tx, { tenancyId, type: CODE_TYPE, userId });
    const data = { user_id: userId, email: to };
    await queueCodeEmail(tx, project, { type: CODE_TYPE, code, data, lifetimeMillis: RESET_CODE_LIFETIME_MILLIS, kind: "password_reset", to, email });
  });
}

/** Sets a new password from a reset link and signs the account out everywhere: whoever had the old one loses access. */
export async function resetPassword(services: Services, project: ResolvedProject, input: { code: string; password: string }): Promise<void> {
  requirePasswordAuth(project);
  const tenancyId = project.tenancyId!;
  const code = await findUsableVerificationCode(services.db, { tenancyId, type: CODE_TYPE, code: input.code });
  if (!meetsPasswordPolicy(input.password)) {
    // The catalog spends the code before it checks the policy: a rejected password means asking for a new link.
    await spendVerificationCode(services.db, code);
    checkPasswordPolicy(input.password);
  }
  const userId = String(code.data.user_id);
  const channel = await findSignInChannel(services.db, tenancyId, String(code.data.email));
  // A link sent to an address the account no longer signs in with opens nothing.
  if (channel?.userId !== userId) throw new KnownErrors.VerificationCodeNotFound();
  const passwordHash = await services.passwords.hash(input.password);
  await services.db.transaction(async (tx) => {
    await spendVerificationCode(tx, code);
    // The link reached the address's owner: if it was never verified, the account may not have been theirs until now.
    if (!channel.isVerified) await claimAccountThroughAddress(tx, { tenancyId, userId, channelId: channel.id });
    await tx
      .insert(passwordCredentials)
      .values({ userId, tenancyId, passwordHash })
      .onConflictDoUpdate({ target: passwordCredentials.userId, set: { passwordHash } });
    await revokeAllUserSessions(tx, tenancyId, userId);
  });
}

export async function checkPasswordResetCode(services: Services, project: ResolvedProject, code: string): Promise<void> {
  requirePasswordAuth(project);
  await checkVerificationCode(services.db, { tenancyId: project.tenancyId!, type: CODE_TYPE, code });
}
