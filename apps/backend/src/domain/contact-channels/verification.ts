import { and, eq } from "drizzle-orm";
import type { Services } from "../../app-env";
import type { Tx } from "../../db/client";
import { contactChannels } from "../../db/schema";
import { StatusError } from "../../lib/status-error";
import { activateRequestedSignIn } from "./contact-channels";
import { linkWithCode, queueCodeEmail } from "../emails/code-emails";
import { renderVerificationEmail } from "../emails/render";
import type { ResolvedProject } from "../projects/project-cache";
import { checkVerificationCode, generateVerificationCode, redeemVerificationCode } from "../verification/codes";

const CODE_TYPE = "contact_channel_verification" as const;

/**
 * Queues the email that verifies an address, in the caller's transaction: the code and the email exist together or
 * not at all. `callbackUrl` must already be checked against the trusted domains.
 */
export async function queueEmailVerification(
  tx: Tx,
  project: ResolvedProject,
  input: { userId: string; email: string; callbackUrl: string },
): Promise<void> {
  const code = generateVerificationCode();
  const email = await renderVerificationEmail(project, linkWithCode(input.callbackUrl, code));
  const data = { user_id: input.userId, email: input.email };
  await queueCodeEmail(tx, project, { type: CODE_TYPE, code, data, kind: "email_verification", to: input.email, email });
}

/** Marks the address the code was sent to as verified, spending the code with it: a refusal leaves the code unspent. */
export async function verifyEmailWithCode(services: Services, project: ResolvedProject, code: string): Promise<void> {
  const tenancyId = project.tenancyId!;
  await redeemVerificationCode(services.db, { tenancyId, type: CODE_TYPE, code }, async (tx, data) => {
    const [verified] = await tx
      .update(contactChannels)
      .set({ isVerified: true })
      .where(
        and(
          eq(contactChannels.tenancyId, tenancyId),
          eq(contactChannels.userId, String(data.user_id)),
          eq(contactChannels.type, "email"),
          eq(contactChannels.value, String(data.email)),
        ),
      )
      .returning();
    if (!verified) throw new StatusError(400, "The contact channel this code was sent to no longer exists.");
    if (verified.useForAuthWhenVerified) await activateRequestedSignIn(tx, verified);
  });
}

export async function checkEmailVerificationCode(services: Services, project: ResolvedProject, code: string): Promise<void> {
  await checkVerificationCode(services.db, { tenancyId: project.tenancyId!, type: CODE_TYPE, code });
}
