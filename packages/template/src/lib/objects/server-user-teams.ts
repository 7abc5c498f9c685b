import type { ServerInterface, ServerTeamJson } from "@stackframe/stack-shared";
import { serverTeamCreateToJson } from "./server-team.js";
import type { ServerTeam, ServerUserTeamMethods } from "./server-types.js";
import { receivedTeamInvitationFromJson } from "./team-invitation.js";
import { teamMemberProfileFromJson, teamMemberProfileUpdateToJson } from "./team-member.js";

export type { ServerUserTeamMethods } from "./server-types.js";

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
