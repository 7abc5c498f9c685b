import type { ServerInterface, ServerTeamJson } from "@stackframe/stack-shared";
import { type ServerTeam, type ServerTeamCreateOptions, serverTeamCreateToJson } from "./server-team.js";
import { type ReceivedTeamInvitation, receivedTeamInvitationFromJson } from "./team-invitation.js";
import { type EditableTeamMemberProfile, teamMemberProfileFromJson, teamMemberProfileUpdateToJson } from "./team-member.js";

/** What the server can do about one user's teams. */
export type ServerUserTeamMethods = {
  /** Creates a team with the user as its first member, and selects it for them. */
  createTeam(data: Omit<ServerTeamCreateOptions, "creatorUserId">): Promise<ServerTeam>;
  listTeams(): Promise<ServerTeam[]>;
  /** One of the user's teams, or null when they are not a member. */
  getTeam(teamId: string): Promise<ServerTeam | null>;
  leaveTeam(team: { id: string }): Promise<void>;
  /** Pending invitations to any of the user's verified email addresses. */
  listTeamInvitations(): Promise<ReceivedTeamInvitation[]>;
  getTeamProfile(team: { id: string }): Promise<EditableTeamMemberProfile>;
};

export type ServerUserTeamDeps = {
  iface: ServerInterface;
  serverTeamFromJson(json: ServerTeamJson): ServerTeam;
  selectTeam(teamId: string): Promise<void>;
};

export function serverUserTeamMethods(userId: string, deps: ServerUserTeamDeps): ServerUserTeamMethods {
  const { iface } = deps;
  const listTeams = async () => (await iface.listTeams({ user_id: userId })).map(deps.serverTeamFromJson);
  return {
    createTeam: async (data) => {
      const json = await iface.createServerTeam(serverTeamCreateToJson({ ...data, creatorUserId: userId }));
      await deps.selectTeam(json.id);
      return deps.serverTeamFromJson(json);
    },
    listTeams,
    getTeam: async (teamId) => (await listTeams()).find((team) => team.id === teamId) ?? null,
    leaveTeam: (team) => iface.removeTeamMember(team.id, userId),
    listTeamInvitations: async () =>
      (await iface.listUserTeamInvitations(userId)).map((json) =>
        receivedTeamInvitationFromJson(json, () => iface.acceptTeamInvitationForUser(json.id, userId)),
      ),
    getTeamProfile: async (team) => {
      const json = await iface.getServerTeamMemberProfile(team.id, userId);
      return {
        ...teamMemberProfileFromJson(json),
        update: async (update) => {
          await iface.updateServerTeamMemberProfile(team.id, userId, teamMemberProfileUpdateToJson(update));
        },
      };
    },
  };
}
