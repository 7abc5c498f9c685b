import { eq } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { contactChannels } from "../../db/schema";
import { updateInTenancy } from "../../db/tenant-scope";
import { StatusError } from "../../lib/status-error";
import { activateRequestedSignIn } from "./contact-channels";
import { linkWithCode, queueCodeEmail } from "../emails/code-emails";
import { renderVerificationEmail } from "../emails/render";
import type { Tenancy } from "../projects/tenancy";
import { checkVerificationCode, generateVerificationCode, redeemVerificationCode } from "../verification/codes";
import { withUserUpdatedEvent } from "../webhooks/payloads";

const CODE_TYPE = "contact_channel_verification" as const;

/**
 * Queues the email that verifies an address, in the caller's transaction: the code and the email exist together or
 * not at all. `callbackUrl` must already be checked against the trusted domains.
 */
export async function queueEmailVerification(
  tx: Tx,
  tenancy: Tenancy,
  input: { userId: string; email: string; callbackUrl: string },
): Promise<void> {
  const code = generateVerificationCode();
  const email = await renderVerificationEmail(tenancy, linkWithCode(input.callbackUrl, code));
  const data = { user_id: input.userId, email: input.email };
  await queueCodeEmail(tx, tenancy, { type: CODE_TYPE, code, data, kind: "email_verification", to: input.email, email });
}

/**
 * Marks the address the code was sent to as verified, spending the code with it: a refusal leaves the code unspent.
 * A verified primary email changes the user's server view, so it sends user.updated.
 */
export async function verifyEmailWithCode(db: Database, tenancy: Tenancy, code: string): Promise<void> {
  await redeemVerificationCode(db, tenancy, { type: CODE_TYPE, code }, async (tx, data) => {
    const userId = String(data.user_id);
    await withUserUpdatedEvent(tx, tenancy, userId, async () => {
      const [verified] = await updateInTenancy(
        tx,
        tenancy,
        contactChannels,
        { isVerified: true },
        eq(contactChannels.userId, userId),
        eq(contactChannels.type, "email"),
        eq(contactChannels.value, String(data.email)),
      ).returning();
      if (!verified) throw new StatusError(400, "The contact channel this code was sent to no longer exists.");
      if (verified.useForAuthWhenVerified) await activateRequestedSignIn(tx, tenancy, verified);
    });
  });
}

export async function checkEmailVerificationCode(db: Database, tenancy: Tenancy, code: string): Promise<void> {
  await checkVerificationCode(db, tenancy, { type: CODE_TYPE, code });
}
