import type { ServerInterface, ServerTeamJson, ServerUserJson, TeamCreateJson, TeamUpdateJson } from "@stackframe/stack-shared";
import type { TeamApiKey, TeamApiKeyFirstView } from "./api-key.js";
import { loadOnDemand } from "../lazy.js";
import type { ServerTeam, ServerTeamCreateOptions, ServerTeamUpdateOptions, ServerUser } from "./server-types.js";
import { teamFieldsFromJson, teamUpdateToJson } from "./team.js";

export type { ServerTeam, ServerTeamCreateOptions, ServerTeamUpdateOptions, ServerTeamUser } from "./server-types.js";

export function serverTeamCreateToJson(options: ServerTeamCreateOptions): TeamCreateJson {
  return { display_name: options.displayName, profile_image_url: options.profileImageUrl, creator_user_id: options.creatorUserId };
}

export function serverTeamUpdateToJson(update: ServerTeamUpdateOptions): TeamUpdateJson {
  return { ...teamUpdateToJson(update), client_read_only_metadata: update.clientReadOnlyMetadata, server_metadata: update.serverMetadata };
}

export type ServerTeamDeps = {
  iface: ServerInterface;
  teamInvitationUrl(explicit?: string): string;
  // Passed in rather than imported: server users hold server teams, so the two modules would import each other.
  serverUserFromJson(json: ServerUserJson): ServerUser;
};

// The converters below live in the on-demand chunk (lazy.ts); a static import here would put them in every page's
// first load, server objects being built into the same package.
export function serverTeamFromJson(json: ServerTeamJson, deps: ServerTeamDeps): ServerTeam {
  const { iface } = deps;
  const owner = { team_id: json.id };
  const updateKey = (keyId: string) => async (body: { description?: string; revoked?: boolean }) => {
    await iface.updateServerApiKey(owner, keyId, body);
  };
  return {
    ...teamFieldsFromJson(json),
    createdAt: new Date(json.created_at_millis),
    serverMetadata: json.server_metadata,
    listUsers: async () => {
      const { teamMemberProfileFromJson } = await loadOnDemand();
      return (await iface.listServerTeamMemberProfiles(json.id)).map((profile) => ({
        ...deps.serverUserFromJson(profile.user),
        teamProfile: teamMemberProfileFromJson(profile),
      }));
    },
    update: async (update) => {
      await iface.updateServerTeam(json.id, serverTeamUpdateToJson(update));
    },
    delete: () => iface.deleteServerTeam(json.id),
    addUser: (userId) => iface.addTeamMember(json.id, userId),
    removeUser: (userId) => iface.removeTeamMember(json.id, userId),
    inviteUser: ({ email, callbackUrl }) =>
      iface.sendServerTeamInvitation({ team_id: json.id, email, callback_url: deps.teamInvitationUrl(callbackUrl) }),
    listInvitations: async () => {
      const { sentTeamInvitationFromJson } = await loadOnDemand();
      return (await iface.listServerTeamInvitations(json.id)).map((invitation) =>
        sentTeamInvitationFromJson(invitation, () => iface.revokeServerTeamInvitation(invitation.id, json.id)),
      );
    },
    createApiKey: async (options) => {
      const { apiKeyCreationToJson, apiKeyFromJson } = await loadOnDemand();
      const key = await iface.createServerApiKey(owner, apiKeyCreationToJson(options));
      return apiKeyFromJson(key, { update: updateKey(key.id) }) as TeamApiKeyFirstView;
    },
    listApiKeys: async () => {
      const { apiKeyFromJson } = await loadOnDemand();
      return (await iface.listServerApiKeys(owner)).map((key) => apiKeyFromJson(key, { update: updateKey(key.id) }) as TeamApiKey);
    },
  };
}
