import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { contactChannels } from "../../db/schema";
import { inTenancy } from "../../db/tenant-scope";
import type { Tenancy } from "../projects/tenancy";
import { enqueueEmail } from "./outbox";
import { renderSecurityNoticeEmail } from "./render";

export type SecurityChange =
  | "password_changed"
  | "password_reset"
  | "mfa_enabled"
  | "mfa_disabled"
  | "mfa_secret_replaced"
  | "recovery_codes_regenerated"
  | "passkey_added"
  | "passkey_removed";

/** Where a change came from, as the request that made it says. */
export type RequestDevice = { ip: string | null; userAgent: string | null };

/** Enough for any real browser's user agent; the rest of a longer one would only push the mail's advice down. */
const USER_AGENT_MAX_CHARACTERS = 200;

const WORDING: Record<SecurityChange, (projectName: string) => { subject: string; title: string; summary: string }> = {
  password_changed: (p) => ({
    subject: `Your ${p} password was changed`,
    title: "Your password was changed",
    summary: `The password of your ${p} account was changed.`,
  }),
  password_reset: (p) => ({
    subject: `Your ${p} password was reset`,
    title: "Your password was reset",
    summary: `The password of your ${p} account was reset with a link sent by email, and every device was signed out.`,
  }),
  mfa_enabled: (p) => ({
    subject: `Two-factor authentication was turned on for your ${p} account`,
    title: "Two-factor authentication is on",
    summary: `Signing in to your ${p} account now also asks for a code from an authenticator app.`,
  }),
  mfa_disabled: (p) => ({
    subject: `Two-factor authentication was turned off for your ${p} account`,
    title: "Two-factor authentication is off",
    summary: `Signing in to your ${p} account no longer asks for a code from an authenticator app.`,
  }),
  mfa_secret_replaced: (p) => ({
    subject: `A new authenticator was set up for your ${p} account`,
    title: "A new authenticator was set up",
    summary: `Two-factor sign-in to your ${p} account now takes codes from a new authenticator; the old one's codes no longer work.`,
  }),
  recovery_codes_regenerated: (p) => ({
    subject: `New recovery codes were made for your ${p} account`,
    title: "New recovery codes were made",
    summary: `New two-factor recovery codes were made for your ${p} account; the old ones no longer work.`,
  }),
  passkey_added: (p) => ({
    subject: `A passkey was added to your ${p} account`,
    title: "A passkey was added",
    summary: `A passkey was added to your ${p} account: it can now sign in without a password.`,
  }),
  passkey_removed: (p) => ({
    subject: `A passkey was removed from your ${p} account`,
    title: "A passkey was removed",
    summary: `The passkey of your ${p} account was removed: it no longer signs in.`,
  }),
};

const WHEN = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/** An IPv4 client reached over an IPv6 socket shows as ::ffff:a.b.c.d; readers know the plain a.b.c.d. */
function readableIp(ip: string | null): string {
  if (ip === null || ip === "") return "Unknown";
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice("::ffff:".length) : ip;
}

/** Cut by code points, so a cut never splits a surrogate pair; control characters would only garble the text part. */
function readableUserAgent(userAgent: string | null): string {
  const characters = Array.from((userAgent ?? "").replace(/\p{Cc}/gu, " ").trim());
  if (characters.length === 0) return "Unknown";
  if (characters.length <= USER_AGENT_MAX_CHARACTERS) return characters.join("");
  return `${characters.slice(0, USER_AGENT_MAX_CHARACTERS).join("")}…`;
}

/**
 * Queues the mail that tells a user their account's security changed, in the caller's transaction: it is sent exactly
 * when the change commits. Nothing is queued unless the project turned `emails.securityNotifications` on, or when the
 * user has no verified primary email.
 *
 * Only a verified primary address is mailed. Any client may set its primary email to an address it does not own (it
 * stays unverified), and the mail names the IP address and device of whoever made the change: mailing unverified
 * addresses would hand those to a stranger, and let a script turn two-factor on and off to flood someone's inbox from
 * the project's sender. A password reset verifies the address it reached before this runs, so its notice goes out.
 */
export async function queueSecurityNotice(tx: Tx, tenancy: Tenancy, input: { userId: string; change: SecurityChange; device: RequestDevice }): Promise<void> {
  if (!tenancy.config.emails.securityNotifications) return;
  const [primary] = await tx
    .select({ value: contactChannels.value })
    .from(contactChannels)
    .where(
      inTenancy(
        tenancy,
        contactChannels,
        eq(contactChannels.userId, input.userId),
        eq(contactChannels.type, "email"),
        eq(contactChannels.isPrimary, true),
        eq(contactChannels.isVerified, true),
      ),
    );
  if (!primary) return;
  const email = await renderSecurityNoticeEmail(tenancy, {
    ...WORDING[input.change](tenancy.project.displayName),
    occurredAt: `${WHEN.format(new Date())} UTC`,
    ip: readableIp(input.device.ip),
    device: readableUserAgent(input.device.userAgent),
  });
  await enqueueEmail(tx, tenancy, { kind: "security_notice", to: primary.value, email });
}
