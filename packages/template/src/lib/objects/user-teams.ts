import { lazyMethods, loadOnDemand } from "../lazy.js";
import type { UserTeamPeopleMethods } from "./team-people.js";
import { type Team, type TeamCreateOptions, type TeamDeps, teamCreateToJson, teamFromJson } from "./team.js";

/** What the signed-in user can do about their teams. */
export type UserTeamMethods = UserTeamPeopleMethods & {
  /** Creates a team with the user as its first member, and selects it. */
  createTeam(data: TeamCreateOptions): Promise<Team>;
  listTeams(): Promise<Team[]>;
  /** One of the user's teams, or null when they are not a member. */
  getTeam(teamId: string): Promise<Team | null>;
  leaveTeam(team: { id: string }): Promise<void>;
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
    ...lazyMethods<UserTeamPeopleMethods>({ listTeamInvitations: true, getTeamProfile: true }, async () => (await loadOnDemand()).userTeamPeopleMethods(deps)),
  };
}
