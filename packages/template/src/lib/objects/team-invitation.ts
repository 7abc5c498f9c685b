import type { TeamInvitationJson } from "@stackframe/stack-shared";

/**
 * A pending invitation as its team sees it (`team.listInvitations()`).
 * @example for (const invitation of await team.listInvitations()) await invitation.revoke();
 */
export type SentTeamInvitation = {
  readonly id: string;
  readonly recipientEmail: string | null;
  readonly expiresAt: Date;
  revoke(): Promise<void>;
};

/** @deprecated Renamed to {@link SentTeamInvitation}. */
export type TeamInvitation = SentTeamInvitation;

/**
 * An invitation to one of the user's verified email addresses (`user.listTeamInvitations()`).
 * @example
 * const [invitation] = await user.listTeamInvitations();
 * await invitation?.accept();
 */
export type ReceivedTeamInvitation = {
  readonly id: string;
  readonly teamId: string;
  readonly teamDisplayName: string;
  readonly recipientEmail: string;
  readonly expiresAt: Date;
  /** Joins the team as the invited user. */
  accept(): Promise<void>;
};

export function sentTeamInvitationFromJson(json: TeamInvitationJson, revoke: () => Promise<void>): SentTeamInvitation {
  return { id: json.id, recipientEmail: json.recipient_email, expiresAt: new Date(json.expires_at_millis), revoke };
}

export function receivedTeamInvitationFromJson(json: TeamInvitationJson, accept: () => Promise<void>): ReceivedTeamInvitation {
  return {
    id: json.id,
    teamId: json.team_id,
    teamDisplayName: json.team_display_name,
    recipientEmail: json.recipient_email,
    expiresAt: new Date(json.expires_at_millis),
    accept,
  };
}
