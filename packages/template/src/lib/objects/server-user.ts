import type { ServerInterface, ServerTeamJson, UserJson, ServerUserCreateJson, ServerUserJson, ServerUserUpdateJson } from "@stackframe/stack-shared";
import { activeSessionFromJson } from "./active-session.js";
import type { UserApiKey, UserApiKeyFirstView } from "./api-key.js";
import { loadOnDemand } from "../lazy.js";
import { permissionMethods, permissionTarget } from "./permission.js";
import { serverContactChannelCreateToJson, serverContactChannelFromJson } from "./server-contact-channel.js";
import type { PermissionGrantMethods, ServerTeam, ServerUser, ServerUserCreateOptions, ServerUserUpdateOptions, TeamScope } from "./server-types.js";
import { serverUserTeamMethods } from "./server-user-teams.js";
import { baseUserFromJson, userUpdateToJson } from "./user.js";

export type { PermissionGrantMethods, RiskScores, ServerUser, ServerUserCreateOptions, ServerUserUpdateOptions } from "./server-types.js";

export function serverUserUpdateToJson(update: ServerUserUpdateOptions): ServerUserUpdateJson {
  const json: ServerUserUpdateJson = userUpdateToJson(update);
  const fields = {
    primary_email_verified: update.primaryEmailVerified,
    primary_email_auth_enabled: update.primaryEmailAuthEnabled,
    client_read_only_metadata: update.clientReadOnlyMetadata,
    server_metadata: update.serverMetadata,
    password: update.password,
    restricted_by_admin: update.restrictedByAdmin,
    restricted_by_admin_reason: update.restrictedByAdminReason,
    restricted_by_admin_private_details: update.restrictedByAdminPrivateDetails,
    country_code: update.countryCode,
    risk_scores: update.riskScores && { sign_up: { bot: update.riskScores.signUp.bot, free_trial_abuse: update.riskScores.signUp.freeTrialAbuse } },
  };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (json as Record<string, unknown>)[key] = value;
  }
  return json;
}

export function serverUserCreateToJson(options: ServerUserCreateOptions): ServerUserCreateJson {
  const { isAnonymous, ...rest } = options;
  const { selected_team_id: _, ...json } = serverUserUpdateToJson(rest);
  return isAnonymous === undefined ? json : { ...json, is_anonymous: isAnonymous };
}

export type ServerUserDeps = {
  iface: ServerInterface;
  serverTeamFromJson(json: ServerTeamJson): ServerTeam;
  /** The absolute URL an email verification link opens, from an explicit one or the app's `urls.emailVerification`. */
  verificationCallbackUrl(explicit?: string): string;
  onUpdated?(json: ServerUserJson | null): void;
};

export function serverUserFromJson(json: ServerUserJson, deps: ServerUserDeps): ServerUser {
  const { iface } = deps;
  const update = async (changes: ServerUserUpdateOptions) => {
    const next = await iface.updateUser(json.id, serverUserUpdateToJson(changes));
    deps.onUpdated?.(next);
  };
  const owner = { user_id: json.id };
  const updateKey = (keyId: string) => async (body: { description?: string; revoked?: boolean }) => {
    await iface.updateServerApiKey(owner, keyId, body);
  };
  const setGranted = (granted: boolean) => async (scopeOrId: TeamScope | string, permissionId?: string) => {
    const { team, permissionId: id } = permissionTarget(scopeOrId, permissionId);
    if (team) await (granted ? iface.grantTeamPermission(team.id, json.id, id) : iface.revokeTeamPermission(team.id, json.id, id));
    else await (granted ? iface.grantProjectPermission(json.id, id) : iface.revokeProjectPermission(json.id, id));
  };
  return {
    ...baseUserFromJson(json),
    ...serverUserTeamMethods(json.id, { iface, serverTeamFromJson: deps.serverTeamFromJson, selectTeam: (selectedTeamId) => update({ selectedTeamId }) }),
    ...permissionMethods((team, recursive) =>
      team ? iface.listTeamPermissions({ team_id: team.id, user_id: json.id, recursive }) : iface.listProjectPermissions({ user_id: json.id, recursive }),
    ),
    grantPermission: setGranted(true) as PermissionGrantMethods["grantPermission"],
    revokePermission: setGranted(false) as PermissionGrantMethods["revokePermission"],
    selectedTeam: json.selected_team ? deps.serverTeamFromJson(json.selected_team) : null,
    lastActiveAt: new Date(json.last_active_at_millis),
    serverMetadata: json.server_metadata,
    primaryEmailAuthEnabled: json.primary_email_auth_enabled,
    restrictedByAdmin: json.restricted_by_admin,
    restrictedByAdminReason: json.restricted_by_admin_reason,
    restrictedByAdminPrivateDetails: json.restricted_by_admin_private_details,
    countryCode: json.country_code,
    riskScores: { signUp: { bot: json.risk_scores.sign_up.bot, freeTrialAbuse: json.risk_scores.sign_up.free_trial_abuse } },
    update,
    setDisplayName: (displayName) => update({ displayName }),
    setClientMetadata: (clientMetadata) => update({ clientMetadata }),
    setClientReadOnlyMetadata: (clientReadOnlyMetadata) => update({ clientReadOnlyMetadata }),
    setServerMetadata: (serverMetadata) => update({ serverMetadata }),
    setPrimaryEmail: (primaryEmail, options = {}) => update({ primaryEmail, primaryEmailVerified: options.verified }),
    setSelectedTeam: (team) => update({ selectedTeamId: typeof team === "string" || team === null ? team : team.id }),
    delete: async () => {
      await iface.deleteUser(json.id);
      deps.onUpdated?.(null);
    },
    createSession: async (options = {}) => {
      const tokens = await iface.openSession({ user_id: json.id, expires_in_millis: options.expiresInMillis, is_impersonation: options.isImpersonation });
      const session = iface.createSession({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
      return {
        getTokens: async () => {
          await session.getAccessToken();
          return session.getTokens();
        },
      };
    },
    getActiveSessions: async () => (await iface.listUserSessions(json.id)).map(activeSessionFromJson),
    revokeSession: (sessionId) => iface.revokeUserSession(json.id, sessionId),
    // The key converters live in the on-demand chunk (lazy.ts); a static import would put them in every page's first load.
    createApiKey: async (options) => {
      const { apiKeyCreationToJson, apiKeyFromJson } = await loadOnDemand();
      const key = await iface.createServerApiKey(owner, apiKeyCreationToJson(options));
      return apiKeyFromJson(key, { update: updateKey(key.id) }) as UserApiKeyFirstView;
    },
    listApiKeys: async () => {
      const { apiKeyFromJson } = await loadOnDemand();
      return (await iface.listServerApiKeys(owner)).map((key) => apiKeyFromJson(key, { update: updateKey(key.id) }) as UserApiKey);
    },
    listContactChannels: async () => (await iface.listServerContactChannels(json.id)).map((channel) => serverContactChannelFromJson(channel, deps)),
    createContactChannel: async (options) =>
      serverContactChannelFromJson(await iface.createServerContactChannel(serverContactChannelCreateToJson(json.id, options)), deps),
    toServerJson: () => json,
    toClientJson: () => toClientUserJson(json),
  };
}

function toClientUserJson(json: ServerUserJson): UserJson {
  const {
    primary_email_auth_enabled: _authEnabled,
    server_metadata: _serverMetadata,
    last_active_at_millis: _lastActive,
    restricted_by_admin_private_details: _private,
    country_code: _country,
    risk_scores: _risk,
    selected_team,
    ...client
  } = json;
  const team = selected_team && {
    id: selected_team.id,
    display_name: selected_team.display_name,
    profile_image_url: selected_team.profile_image_url,
    client_metadata: selected_team.client_metadata,
    client_read_only_metadata: selected_team.client_read_only_metadata,
  };
  return { ...client, selected_team: team };
}
