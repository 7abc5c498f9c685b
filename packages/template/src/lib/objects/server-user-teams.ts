import type { ServerInterface, ServerTeamJson } from "@stackframe/stack-shared";
import { serverTeamCreateToJson } from "./server-team.js";
import type { ServerTeam, ServerUserTeamMethods } from "./server-types.js";
import { loadOnDemand } from "../lazy.js";

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
    // The converters live in the on-demand chunk (lazy.ts); a static import would put them in every page's first load.
    listTeamInvitations: async () => {
      const { receivedTeamInvitationFromJson } = await loadOnDemand();
      return (await iface.listUserTeamInvitations(userId)).map((json) =>
        receivedTeamInvitationFromJson(json, () => iface.acceptTeamInvitationForUser(json.id, userId)),
      );
    },
    getTeamProfile: async (team) => {
      const { teamMemberProfileFromJson, teamMemberProfileUpdateToJson } = await loadOnDemand();
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
