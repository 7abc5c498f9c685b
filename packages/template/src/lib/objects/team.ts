import type { ClientInterface, InternalSession, Json, TeamCreateJson, TeamJson, TeamUpdateJson } from "@stackframe/stack-shared";
import { lazyMethods, loadOnDemand } from "../lazy.js";
import type { OwnedApiKeyMethods } from "./owned-api-keys.js";
import type { TeamPeopleMethods } from "./team-people.js";

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
export type Team = TeamFields &
  TeamPeopleMethods &
  OwnedApiKeyMethods<"team"> & {
  update(update: TeamUpdateOptions): Promise<void>;
  delete(): Promise<void>;
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
  return {
    ...teamFieldsFromJson(json),
    // Loaded on the first call: few pages manage a team's keys or people.
    ...lazyMethods<OwnedApiKeyMethods<"team">>({ createApiKey: true, listApiKeys: true }, async () =>
      (await loadOnDemand()).ownedApiKeyMethods({ ...deps, owner: { team_id: json.id }, keyOwner: { team_id: json.id } }),
    ),
    ...lazyMethods<TeamPeopleMethods>({ inviteUser: true, listUsers: true, listInvitations: true }, async () => (await loadOnDemand()).teamPeopleMethods(json, deps)),
    update: async (update) => {
      await iface.updateTeam(json.id, teamUpdateToJson(update), await getSession());
      await onChanged();
    },
    delete: async () => {
      await iface.deleteTeam(json.id, await getSession());
      await onChanged();
    },
  };
}
