// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { ClientInterface, InternalSession, Json, TeamCreateJson, TeamJson, TeamUpdateJson } from "@stackframe/stack-shared";
import { type ApiKeyCreationOptions, type TeamApiKey, type TeamApiKeyFirstView, apiKeyCreationToJson, apiKeyFromJson } from "./api-key.js";
import { type SentTeamInvitation, sentTeamInvitationFromJson } from "./team-invitation.js";
import { type TeamUser, teamUserFromJson } from "./team-member.js";

/** What every view of a team shows. */
export type TeamFields = {
  readonly id: string;
  readonly displayName: string;
  readonly profileImageUrl: string | null;
  readonly clientMetadata: Json;
  readonly clientReadOnlyMetadata: Json;
};

export type TeamUpdateOptions = { displayName?: string; profileImageUrl?: string | null; clientMetadata?: Json };

export type TeamCreateOptions = { displayName: string; profileImageUrl?: string };

/**
 * A team the signed-in user belongs to. What a member may do depends on their permissions in it (`$invite_members`,
 * `$update_team`, `$manage_api_keys`, …); the API refuses the rest.
 * @example
 * const team = await user.createTeam({ displayName: "Design" });
 * await team.inviteUser({ email: "bo@example.com" });
 */
export type Team = TeamFields & {
  /** Mails an invitation link to `callbackUrl` (default: the app's `urls.teamInvitation` page). */
  inviteUser(options: { email: string; callbackUrl?: string }): Promise<void>;
  listUsers(): Promise<TeamUser[]>;
  listInvitations(): Promise<SentTeamInvitation[]>;
  update(update: TeamUpdateOptions): Promise<void>;
  delete(): Promise<void>;
  createApiKey(options: ApiKeyCreationOptions<"team">): Promise<TeamApiKeyFirstView>;
  listApiKeys(): Promise<TeamApiKey[]>;
};

export function teamFieldsFromJson(json: TeamJson): TeamFields {
  return {
    id: json.id,
    displayName: json.display_name,
    profileImageUrl: json.profile_image_url,
    clientMetadata: json.client_metadata,
    clientReadOnlyMetadata: json.client_read_only_metadata,
  };
}

export function teamCreateToJson(options: TeamCreateOptions, creatorUserId: string): TeamCreateJson {
  return { display_name: options.displayName, profile_image_url: options.profileImageUrl, creator_user_id: creatorUserId };
}

export function teamUpdateToJson(update: TeamUpdateOptions): TeamUpdateJson {
  return { display_name: update.displayName, profile_image_url: update.profileImageUrl, client_metadata: update.clientMetadata };
}

export type TeamDeps = {
  iface: ClientInterface;
  getSession(): Promise<InternalSession>;
  /** The absolute URL an invitation links to, from an explicit one or the app's `urls.teamInvitation`. */
  teamInvitationUrl(explicit?: string): string;
  /** Called after a change, so anything showing the user's teams or keys reads them again. */
  onChanged(): Promise<void>;
};

export function teamFromJson(json: TeamJson, deps: TeamDeps): Team {
  const { iface, getSession, onChanged } = deps;
  const owner = { team_id: json.id };
  const updateKey = (keyId: string) => async (body: { description?: string; revoked?: boolean }) => {
    await iface.updateApiKey(owner, keyId, body, await getSession());
    await onChanged();
  };
  return {
    ...teamFieldsFromJson(json),
    inviteUser: async ({ email, callbackUrl }) => {
      const body = { team_id: json.id, email, callback_url: deps.teamInvitationUrl(callbackUrl) };
      await iface.sendTeamInvitation(body, await getSession());
    },
    listUsers: async () => (await iface.listTeamMemberProfiles(json.id, await getSession())).map(teamUserFromJson),
    listInvitations: async () =>
      (await iface.listTeamInvitations(json.id, await getSession())).map((invitation) =>
        sentTeamInvitationFromJson(invitation, async () => iface.revokeTeamInvitation(invitation.id, json.id, await getSession())),
      ),
    update: async (update) => {
      await iface.updateTeam(json.id, teamUpdateToJson(update), await getSession());
      await onChanged();
    },
    delete: async () => {
      await iface.deleteTeam(json.id, await getSession());
      await onChanged();
    },
    createApiKey: async (options) => {
      const key = await iface.createApiKey(owner, apiKeyCreationToJson(options), await getSession());
      await onChanged();
      return apiKeyFromJson(key, { update: updateKey(key.id) }) as TeamApiKeyFirstView;
    },
    listApiKeys: async () =>
      (await iface.listApiKeys(owner, await getSession())).map((key) => apiKeyFromJson(key, { update: updateKey(key.id) }) as TeamApiKey),
  };
}
