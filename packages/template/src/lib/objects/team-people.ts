import type { ClientInterface, InternalSession, TeamJson } from "@stackframe/stack-shared";
import { acceptTeamInvitationById, getTeamMemberProfile, listCurrentUserTeamInvitations, listTeamInvitations, listTeamMemberProfiles, revokeTeamInvitation, sendTeamInvitation, updateTeamMemberProfile } from "@stackframe/stack-shared/client-calls";
import { type ReceivedTeamInvitation, type SentTeamInvitation, receivedTeamInvitationFromJson, sentTeamInvitationFromJson } from "./team-invitation.js";
import { type EditableTeamMemberProfile, type TeamUser, teamMemberProfileFromJson, teamMemberProfileUpdateToJson, teamUserFromJson } from "./team-member.js";

// Members, profiles and invitations, as the signed-in user sees them; team.ts and user-teams.ts load this on the first call.

/** A team's members and invitations. */
export type TeamPeopleMethods = {
  /** Mails an invitation link to `callbackUrl` (default: the app's `urls.teamInvitation` page). */
  inviteUser(options: { email: string; callbackUrl?: string }): Promise<void>;
  listUsers(): Promise<TeamUser[]>;
  listInvitations(): Promise<SentTeamInvitation[]>;
};

/** The user's own side of their teams: invitations to them and their profile in each team. */
export type UserTeamPeopleMethods = {
  /** Pending invitations to any of the user's verified email addresses. */
  listTeamInvitations(): Promise<ReceivedTeamInvitation[]>;
  getTeamProfile(team: { id: string }): Promise<EditableTeamMemberProfile>;
};

/** What of a team's deps (TeamDeps in team.ts) these methods use. */
export type TeamPeopleDeps = {
  iface: ClientInterface;
  getSession(): Promise<InternalSession>;
  teamInvitationUrl(explicit?: string): string;
  onChanged(): Promise<void>;
};

export function teamPeopleMethods(json: TeamJson, { iface, getSession, teamInvitationUrl }: TeamPeopleDeps): TeamPeopleMethods {
  return {
    inviteUser: async ({ email, callbackUrl }) => {
      await sendTeamInvitation(iface.http, { team_id: json.id, email, callback_url: teamInvitationUrl(callbackUrl) }, await getSession());
    },
    listUsers: async () => (await listTeamMemberProfiles(iface.http, json.id, await getSession())).map(teamUserFromJson),
    listInvitations: async () =>
      (await listTeamInvitations(iface.http, json.id, await getSession())).map((invitation) =>
        sentTeamInvitationFromJson(invitation, async () => revokeTeamInvitation(iface.http, invitation.id, json.id, await getSession())),
      ),
  };
}

export function userTeamPeopleMethods({ iface, getSession, onChanged }: TeamPeopleDeps): UserTeamPeopleMethods {
  return {
    listTeamInvitations: async () =>
      (await listCurrentUserTeamInvitations(iface.http, await getSession())).map((json) =>
        receivedTeamInvitationFromJson(json, async () => {
          await acceptTeamInvitationById(iface.http, json.id, await getSession());
          await onChanged();
        }),
      ),
    getTeamProfile: async (team) => {
      const json = await getTeamMemberProfile(iface.http, team.id, "me", await getSession());
      return {
        ...teamMemberProfileFromJson(json),
        update: async (update) => {
          await updateTeamMemberProfile(iface.http, json.team_id, json.user_id, teamMemberProfileUpdateToJson(update), await getSession());
        },
      };
    },
  };
}
