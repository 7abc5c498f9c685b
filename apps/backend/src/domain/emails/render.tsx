import { render } from "@react-email/render";
import type { ReactElement } from "react";
import type { Tenancy } from "../projects/tenancy";
import type { RenderedEmail } from "./outbox";
import { emailThemeOf } from "./templates/themes";
import { ApiKeyRevokedEmail } from "./templates/api-key-revoked-email";
import { MagicLinkEmail } from "./templates/magic-link-email";
import { PasswordResetEmail } from "./templates/password-reset-email";
import { SecurityNoticeEmail } from "./templates/security-notice-email";
import { TeamInvitationEmail } from "./templates/team-invitation-email";
import { VerificationEmail } from "./templates/verification-email";
import { WebhookEndpointDisabledEmail } from "./templates/webhook-endpoint-disabled-email";

// The subjects of the system emails begin as Stack Auth's default templates do, since inbox filters and the tests of
// apps migrating from it match on them.
async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

const brandOf = (tenancy: Tenancy) => ({ projectName: tenancy.project.displayName, theme: emailThemeOf(tenancy.config.emails.selectedThemeId) });

/** The email that verifies a contact channel: a link to `callbackUrl?code=…`. */
export function renderVerificationEmail(tenancy: Tenancy, link: string): Promise<RenderedEmail> {
  const brand = brandOf(tenancy);
  return renderEmail(`Verify your email at ${brand.projectName}`, <VerificationEmail {...brand} link={link} />);
}

export function renderPasswordResetEmail(tenancy: Tenancy, link: string): Promise<RenderedEmail> {
  const brand = brandOf(tenancy);
  return renderEmail(`Reset your password at ${brand.projectName}`, <PasswordResetEmail {...brand} link={link} />);
}

/** The sign-in email: a one-click link and the 6-character code for typing in. */
export function renderMagicLinkEmail(tenancy: Tenancy, link: string, otp: string): Promise<RenderedEmail> {
  const brand = brandOf(tenancy);
  return renderEmail(`Sign in to ${brand.projectName}: Your code is ${otp}`, <MagicLinkEmail {...brand} link={link} otp={otp} />);
}

/** The `team_invitation` email (variables `teamInvitationLink`, `teamDisplayName`). */
export function renderTeamInvitationEmail(tenancy: Tenancy, teamDisplayName: string, link: string): Promise<RenderedEmail> {
  const brand = brandOf(tenancy);
  return renderEmail(`You have been invited to join ${teamDisplayName}`, <TeamInvitationEmail {...brand} teamDisplayName={teamDisplayName} teamInvitationLink={link} />);
}

/** Sent to a leaked key's owner when the key is revoked; `teamDisplayName` is null for a user's own key. */
export function renderApiKeyRevokedEmail(tenancy: Tenancy, key: { description: string; lastFour: string; teamDisplayName: string | null }): Promise<RenderedEmail> {
  const brand = brandOf(tenancy);
  return renderEmail(`An API key for ${brand.projectName} was revoked`, <ApiKeyRevokedEmail {...brand} {...key} />);
}

/** A change to the account's security (security-notices.ts holds the wording of each); the subject names the change. */
export function renderSecurityNoticeEmail(
  tenancy: Tenancy,
  notice: { subject: string; title: string; summary: string; occurredAt: string; ip: string; device: string },
): Promise<RenderedEmail> {
  const { subject, ...content } = notice;
  return renderEmail(subject, <SecurityNoticeEmail {...brandOf(tenancy)} {...content} />);
}

/** Sent by the dashboard's own project to a project's admins when the server turns one of its webhook endpoints off. */
export function renderWebhookEndpointDisabledEmail(internal: Tenancy, endpoint: { projectName: string; host: string; reason: string }): Promise<RenderedEmail> {
  const brand = brandOf(internal);
  return renderEmail(
    `A webhook endpoint of ${endpoint.projectName} was turned off`,
    <WebhookEndpointDisabledEmail {...brand} endpointProjectName={endpoint.projectName} endpointHost={endpoint.host} reason={endpoint.reason} />,
  );
}
