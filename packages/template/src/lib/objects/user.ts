import type { ClientInterface, InternalSession, Json, KnownError, RestrictedReason, TokenPair, UserJson, UserUpdateJson } from "@stackframe/stack-shared";
import { formatAuthorizationHeader } from "../auth-header.js";
import { type ActiveSession, activeSessionFromJson } from "./active-session.js";
import { lazyMethods, loadOnDemand } from "../lazy.js";
import { knownErrorOrUndefined } from "../result.js";
import type { OwnedApiKeyMethods } from "./owned-api-keys.js";
import { type PermissionMethods, permissionMethods } from "./permission.js";
import { type Team, type TeamDeps, teamFromJson } from "./team.js";
import type { UserAccountMethods } from "./user-account.js";
import type { UserContactChannelMethods } from "./user-contact-channels.js";
import type { LinkConnectedAccountOptions, UserOAuthMethods } from "./user-oauth.js";
import type { UserSignInFactorMethods } from "./user-sign-in-factors.js";
import { type UserTeamMethods, userTeamMethods } from "./user-teams.js";

/** The fields every view of a user has. */
export type BaseUser = {
  readonly id: string;
  readonly displayName: string | null;
  readonly primaryEmail: string | null;
  readonly primaryEmailVerified: boolean;
  readonly profileImageUrl: string | null;
  readonly signedUpAt: Date;
  readonly clientMetadata: Json;
  readonly clientReadOnlyMetadata: Json;
  readonly hasPassword: boolean;
  readonly otpAuthEnabled: boolean;
  readonly passkeyAuthEnabled: boolean;
  readonly isMultiFactorRequired: boolean;
  readonly isAnonymous: boolean;
  readonly isRestricted: boolean;
  readonly restrictedReason: RestrictedReason | null;
  readonly emailAuthEnabled: boolean;
  readonly oauthProviders: readonly { id: string }[];
};

export type UserUpdateOptions = {
  displayName?: string | null;
  clientMetadata?: Json;
  selectedTeamId?: string | null;
  profileImageUrl?: string | null;
  otpAuthEnabled?: boolean;
  primaryEmail?: string | null;
  /** A TOTP secret from an authenticator app's enrolment turns two-factor sign-in on; null turns it off. */
  totpMultiFactorSecret?: Uint8Array | null;
  /** `false` removes the user's passkey; `registerPasskey()` adds one. */
  passkeyAuthEnabled?: boolean;
};

/**
 * The signed-in user, with what they may do to themselves, their teams and their API keys.
 * @example
 * const user = await app.getUser({ or: "throw" });
 * if (await user.hasPermission(team, "$invite_members")) await team.inviteUser({ email });
 */
export type CurrentUser = BaseUser &
  UserTeamMethods &
  UserOAuthMethods &
  UserSignInFactorMethods &
  UserContactChannelMethods &
  UserAccountMethods &
  OwnedApiKeyMethods<"user"> &
  PermissionMethods & {
  readonly selectedTeam: Team | null;
  readonly currentSession: { getTokens(): Promise<TokenPair> };
  update(update: UserUpdateOptions): Promise<void>;
  setDisplayName(displayName: string | null): Promise<void>;
  setClientMetadata(metadata: Json): Promise<void>;
  setSelectedTeam(team: { id: string } | string | null): Promise<void>;
  signOut(options?: { redirectUrl?: string }): Promise<void>;
  getActiveSessions(): Promise<ActiveSession[]>;
  revokeSession(sessionId: string): Promise<void>;
  /** `{ accessToken, refreshToken }` of this session. */
  getAuthJson(): Promise<TokenPair>;
  /** `{ "x-stack-auth": … }` for servers on the older SDK; prefer `getAuthorizationHeader()`. */
  getAuthHeaders(): Promise<{ "x-stack-auth": string }>;
  /** `Bearer hexclave_…` to send to your own server, which passes the request to `tokenStore`. */
  getAuthorizationHeader(): Promise<string | null>;
  toClientJson(): UserJson;
};

export function userUpdateToJson(update: UserUpdateOptions): UserUpdateJson {
  const json: UserUpdateJson = {};
  if (update.displayName !== undefined) json.display_name = update.displayName;
  if (update.clientMetadata !== undefined) json.client_metadata = update.clientMetadata;
  if (update.selectedTeamId !== undefined) json.selected_team_id = update.selectedTeamId;
  if (update.profileImageUrl !== undefined) json.profile_image_url = update.profileImageUrl;
  if (update.otpAuthEnabled !== undefined) json.otp_auth_enabled = update.otpAuthEnabled;
  if (update.primaryEmail !== undefined) json.primary_email = update.primaryEmail;
  if (update.passkeyAuthEnabled !== undefined) json.passkey_auth_enabled = update.passkeyAuthEnabled;
  if (update.totpMultiFactorSecret !== undefined) {
    json.totp_secret_base64 = update.totpMultiFactorSecret && btoa(String.fromCharCode(...update.totpMultiFactorSecret));
  }
  return json;
}

export function baseUserFromJson(json: Omit<UserJson, "selected_team">): BaseUser {
  return {
    id: json.id,
    displayName: json.display_name,
    primaryEmail: json.primary_email,
    primaryEmailVerified: json.primary_email_verified,
    profileImageUrl: json.profile_image_url,
    signedUpAt: new Date(json.signed_up_at_millis),
    clientMetadata: json.client_metadata,
    clientReadOnlyMetadata: json.client_read_only_metadata,
    hasPassword: json.has_password,
    otpAuthEnabled: json.otp_auth_enabled,
    passkeyAuthEnabled: json.passkey_auth_enabled,
    isMultiFactorRequired: json.requires_totp_mfa,
    isAnonymous: json.is_anonymous,
    isRestricted: json.is_restricted,
    restrictedReason: json.restricted_reason,
    emailAuthEnabled: json.auth_with_email,
    oauthProviders: json.oauth_providers.map(({ id }) => ({ id })),
  };
}

/** The session is looked up per call, so a user object built before its session (from server-rendered JSON) still works. */
export type SessionMethodsDeps = { iface: ClientInterface; getSession(): Promise<InternalSession> };

/** What any holder of a session can do with it: read its tokens, list and revoke its user's sessions. */
export function sessionMethods({ iface, getSession }: SessionMethodsDeps) {
  const getAuthJson = async (): Promise<TokenPair> => {
    const session = await getSession();
    await session.getAccessToken();
    return session.getTokens();
  };
  return {
    currentSession: { getTokens: getAuthJson },
    getAuthJson,
    getAuthHeaders: async () => ({ "x-stack-auth": JSON.stringify(await getAuthJson()) }),
    getAuthorizationHeader: async () => formatAuthorizationHeader(await getAuthJson()),
    getActiveSessions: async () => (await iface.listSessions(await getSession())).map(activeSessionFromJson),
    revokeSession: async (sessionId: string) => iface.revokeSession(sessionId, await getSession()),
  };
}

export type CurrentUserDeps = SessionMethodsDeps & {
  verificationCallbackUrl(explicit?: string): string;
  teamInvitationUrl(explicit?: string): string;
  /** Called after a change to the user's teams, memberships or keys, which the user's JSON does not show. */
  onChanged(): Promise<void>;
  /** Called with the user's new JSON after a change, so caches and React hooks see it. */
  onUpdated(json: UserJson | null): void;
  signOut(options?: { redirectUrl?: string }): Promise<void>;
  /** Starts the OAuth flow that connects a provider account to this user (browsers only). */
  linkConnectedAccount(providerId: string, options: LinkConnectedAccountOptions): Promise<void>;
};

export function currentUserFromJson(json: UserJson, deps: CurrentUserDeps): CurrentUser {
  const { iface, getSession, onUpdated } = deps;
  const update = async (changes: UserUpdateOptions) => {
    onUpdated(await iface.updateCurrentUser(userUpdateToJson(changes), await getSession()));
  };
  const teamDeps: TeamDeps = { iface, getSession, teamInvitationUrl: deps.teamInvitationUrl, onChanged: deps.onChanged };
  // What few pages use loads on its first call (see lazyMethods).
  return {
    ...baseUserFromJson(json),
    ...sessionMethods(deps),
    ...lazyMethods<UserAccountMethods>({ updatePassword: true, setPassword: true, sendVerificationEmail: true, delete: true }, async () =>
      (await loadOnDemand()).userAccountMethods(json, deps),
    ),
    ...userTeamMethods({ ...teamDeps, selectTeam: (selectedTeamId) => update({ selectedTeamId }) }),
    ...lazyMethods<UserOAuthMethods>({ listOAuthProviders: true, getOAuthProvider: true, getConnectedAccount: true, linkConnectedAccount: true }, async () =>
      (await loadOnDemand()).userOAuthMethods(json, deps),
    ),
    ...lazyMethods<UserSignInFactorMethods>({ registerPasskey: true, generateRecoveryCodes: true, getRemainingRecoveryCodeCount: true }, async () =>
      (await loadOnDemand()).userSignInFactorMethods(deps),
    ),
    ...lazyMethods<UserContactChannelMethods>({ listContactChannels: true, createContactChannel: true }, async () =>
      (await loadOnDemand()).userContactChannelMethods(deps),
    ),
    ...lazyMethods<OwnedApiKeyMethods<"user">>({ createApiKey: true, listApiKeys: true }, async () =>
      (await loadOnDemand()).ownedApiKeyMethods({ ...deps, owner: { user_id: "me" }, keyOwner: { user_id: json.id } }),
    ),
    ...permissionMethods(async (team, recursive) =>
      team
        ? iface.listCurrentUserTeamPermissions(team.id, recursive, await getSession())
        : iface.listCurrentUserProjectPermissions(recursive, await getSession()),
    ),
    selectedTeam: json.selected_team ? teamFromJson(json.selected_team, teamDeps) : null,
    update,
    setDisplayName: (displayName) => update({ displayName }),
    setClientMetadata: (clientMetadata) => update({ clientMetadata }),
    setSelectedTeam: (team) => update({ selectedTeamId: typeof team === "string" || team === null ? team : team.id }),
    signOut: (options) => deps.signOut(options),
    toClientJson: () => json,
  };
}
