// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { type ReceivedTeamInvitation, receivedTeamInvitationFromJson } from "./team-invitation.js";
import { type EditableTeamMemberProfile, teamMemberProfileFromJson, teamMemberProfileUpdateToJson } from "./team-member.js";
import { type Team, type TeamCreateOptions, type TeamDeps, teamCreateToJson, teamFromJson } from "./team.js";

/** What the signed-in user can do about their teams. */
export type UserTeamMethods = {
  /** Creates a team with the user as its first member, and selects it. */
  createTeam(data: TeamCreateOptions): Promise<Team>;
  listTeams(): Promise<Team[]>;
  /** One of the user's teams, or null when they are not a member. */
  getTeam(teamId: string): Promise<Team | null>;
  leaveTeam(team: { id: string }): Promise<void>;
  /** Pending invitations to any of the user's verified email addresses. */
  listTeamInvitations(): Promise<ReceivedTeamInvitation[]>;
  getTeamProfile(team: { id: string }): Promise<EditableTeamMemberProfile>;
};

export type UserTeamDeps = TeamDeps & { selectTeam(teamId: string): Promise<void> };

export function userTeamMethods(deps: UserTeamDeps): UserTeamMethods {
  const { iface, getSession, onChanged } = deps;
  const listTeams = async () => (await iface.listCurrentUserTeams(await getSession())).map((json) => teamFromJson(json, deps));
  return {
    createTeam: async (data) => {
      const json = await iface.createTeam(teamCreateToJson(data, "me"), await getSession());
      await deps.selectTeam(json.id);
      return teamFromJson(json, deps);
    },
    listTeams,
    getTeam: async (teamId) => (await listTeams()).find((team) => team.id === teamId) ?? null,
    leaveTeam: async (team) => {
      await iface.leaveTeam(team.id, await getSession());
      await onChanged();
    },
    listTeamInvitations: async () =>
      (await iface.listCurrentUserTeamInvitations(await getSession())).map((json) =>
        receivedTeamInvitationFromJson(json, async () => {
          await iface.acceptTeamInvitationById(json.id, await getSession());
          await onChanged();
        }),
      ),
    getTeamProfile: async (team) => {
      const json = await iface.getTeamMemberProfile(team.id, "me", await getSession());
      return {
        ...teamMemberProfileFromJson(json),
        update: async (update) => {
          await iface.updateTeamMemberProfile(json.team_id, json.user_id, teamMemberProfileUpdateToJson(update), await getSession());
        },
      };
    },
  };
}
