// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { Json, ServerInterface, ServerTeamJson, ServerUserJson, TeamCreateJson, TeamUpdateJson } from "@stackframe/stack-shared";
import { type ApiKeyCreationOptions, type TeamApiKey, type TeamApiKeyFirstView, apiKeyCreationToJson, apiKeyFromJson } from "./api-key.js";
import type { ServerUser } from "./server-user.js";
import { type SentTeamInvitation, sentTeamInvitationFromJson } from "./team-invitation.js";
import { type ServerTeamUser, teamMemberProfileFromJson } from "./team-member.js";
import { type TeamCreateOptions, type TeamFields, type TeamUpdateOptions, teamFieldsFromJson, teamUpdateToJson } from "./team.js";

export type ServerTeamCreateOptions = TeamCreateOptions & { creatorUserId?: string };

export type ServerTeamUpdateOptions = TeamUpdateOptions & { clientReadOnlyMetadata?: Json; serverMetadata?: Json };

/**
 * Any team of the project, with what the server may do to it regardless of permissions.
 * @example
 * const team = await serverApp.createTeam({ displayName: "Acme", creatorUserId: user.id });
 * await team.addUser(otherUser.id);
 */
export type ServerTeam = TeamFields & {
  readonly createdAt: Date;
  readonly serverMetadata: Json;
  listUsers(): Promise<ServerTeamUser[]>;
  update(update: ServerTeamUpdateOptions): Promise<void>;
  delete(): Promise<void>;
  addUser(userId: string): Promise<void>;
  removeUser(userId: string): Promise<void>;
  /** Mails an invitation link to `callbackUrl` (required outside a browser). */
  inviteUser(options: { email: string; callbackUrl?: string }): Promise<void>;
  listInvitations(): Promise<SentTeamInvitation[]>;
  createApiKey(options: ApiKeyCreationOptions<"team">): Promise<TeamApiKeyFirstView>;
  listApiKeys(): Promise<TeamApiKey[]>;
};

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
    listUsers: async () =>
      (await iface.listServerTeamMemberProfiles(json.id)).map((profile) => ({
        ...deps.serverUserFromJson(profile.user),
        teamProfile: teamMemberProfileFromJson(profile),
      })),
    update: async (update) => {
      await iface.updateServerTeam(json.id, serverTeamUpdateToJson(update));
    },
    delete: () => iface.deleteServerTeam(json.id),
    addUser: (userId) => iface.addTeamMember(json.id, userId),
    removeUser: (userId) => iface.removeTeamMember(json.id, userId),
    inviteUser: ({ email, callbackUrl }) =>
      iface.sendServerTeamInvitation({ team_id: json.id, email, callback_url: deps.teamInvitationUrl(callbackUrl) }),
    listInvitations: async () =>
      (await iface.listServerTeamInvitations(json.id)).map((invitation) =>
        sentTeamInvitationFromJson(invitation, () => iface.revokeServerTeamInvitation(invitation.id, json.id)),
      ),
    createApiKey: async (options) => {
      const key = await iface.createServerApiKey(owner, apiKeyCreationToJson(options));
      return apiKeyFromJson(key, { update: updateKey(key.id) }) as TeamApiKeyFirstView;
    },
    listApiKeys: async () => (await iface.listServerApiKeys(owner)).map((key) => apiKeyFromJson(key, { update: updateKey(key.id) }) as TeamApiKey),
  };
}
