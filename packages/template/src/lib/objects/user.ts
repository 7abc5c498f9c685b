import type { ClientInterface, InternalSession, Json, KnownError, RestrictedReason, TokenPair, UserJson, UserUpdateJson } from "@stackframe/stack-shared";
import { formatAuthorizationHeader } from "../auth-header.js";
import { type ActiveSession, activeSessionFromJson } from "./active-session.js";
import { type ContactChannel, type ContactChannelCreateOptions, contactChannelFromJson } from "./contact-channel.js";
import { knownErrorOrUndefined } from "../result.js";
import { type ApiKeyCreationOptions, type UserApiKey, type UserApiKeyFirstView, apiKeyCreationToJson, apiKeyFromJson } from "./api-key.js";
import { type PermissionMethods, permissionMethods } from "./permission.js";
import { type Team, type TeamDeps, teamFromJson } from "./team.js";
import { type LinkConnectedAccountOptions, type UserOAuthMethods, userOAuthMethods } from "./user-oauth.js";
import { type UserSignInFactorMethods, userSignInFactorMethods } from "./user-sign-in-factors.js";
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
  PermissionMethods & {
  readonly selectedTeam: Team | null;
  readonly currentSession: { getTokens(): Promise<TokenPair> };
  update(update: UserUpdateOptions): Promise<void>;
  setDisplayName(displayName: string | null): Promise<void>;
  setClientMetadata(metadata: Json): Promise<void>;
  setSelectedTeam(team: { id: string } | string | null): Promise<void>;
  /** A key for the user to call your API with; `value` holds the full key only on this object. */
  createApiKey(options: ApiKeyCreationOptions<"user">): Promise<UserApiKeyFirstView>;
  listApiKeys(): Promise<UserApiKey[]>;
  delete(): Promise<void>;
  /** Changes the password; every other session of the user ends. Returns the known error when refused. */
  updatePassword(options: { oldPassword: string; newPassword: string }): Promise<KnownError | undefined>;
  /** Gives a password to an account without one. Returns the known error when refused. */
  setPassword(options: { password: string }): Promise<KnownError | undefined>;
  /** Mails a verification link for the primary email; returns the known error when refused (e.g. already verified). */
  sendVerificationEmail(options?: { callbackUrl?: string }): Promise<KnownError | undefined>;
  listContactChannels(): Promise<ContactChannel[]>;
  createContactChannel(options: ContactChannelCreateOptions): Promise<ContactChannel>;
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
    updatePassword: ({ oldPassword, newPassword }: { oldPassword: string; newPassword: string }) =>
      knownErrorOrUndefined(async () => iface.updatePassword({ old_password: oldPassword, new_password: newPassword }, await getSession())),
    setPassword: ({ password }: { password: string }) => knownErrorOrUndefined(async () => iface.setPassword({ password }, await getSession())),
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
  const methods = sessionMethods(deps);
  const teamDeps: TeamDeps = { iface, getSession, teamInvitationUrl: deps.teamInvitationUrl, onChanged: deps.onChanged };
  const updateKey = (keyId: string) => async (body: { description?: string; revoked?: boolean }) => {
    await iface.updateApiKey({ user_id: json.id }, keyId, body, await getSession());
    await deps.onChanged();
  };
  return {
    ...baseUserFromJson(json),
    ...methods,
    ...userTeamMethods({ ...teamDeps, selectTeam: (selectedTeamId) => update({ selectedTeamId }) }),
    ...userOAuthMethods(json, deps),
    ...userSignInFactorMethods(deps),
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
    createApiKey: async (options) => {
      const key = await iface.createApiKey({ user_id: "me" }, apiKeyCreationToJson(options), await getSession());
      await deps.onChanged();
      return apiKeyFromJson(key, { update: updateKey(key.id) }) as UserApiKeyFirstView;
    },
    listApiKeys: async () =>
      (await iface.listApiKeys({ user_id: "me" }, await getSession())).map((key) => apiKeyFromJson(key, { update: updateKey(key.id) }) as UserApiKey),
    delete: async () => {
      const session = await getSession();
      await iface.deleteCurrentUser(session);
      session.markInvalid();
      onUpdated(null);
    },
    // Re-read after setting a password, so hasPassword is current.
    setPassword: async (options) => {
      const error = await methods.setPassword(options);
      const next = error ? null : await iface.getCurrentUser(await getSession());
      if (next) onUpdated(next);
      return error;
    },
    sendVerificationEmail: (options = {}) =>
      knownErrorOrUndefined(async () =>
        iface.sendVerificationEmail(json.primary_email ?? "", deps.verificationCallbackUrl(options.callbackUrl), await getSession()),
      ),
    listContactChannels: async () => (await iface.listContactChannels(await getSession())).map((channel) => contactChannelFromJson(channel, deps)),
    createContactChannel: async ({ value, usedForAuth, isPrimary }) =>
      contactChannelFromJson(await iface.createContactChannel({ value, used_for_auth: usedForAuth, is_primary: isPrimary }, await getSession()), deps),
    signOut: (options) => deps.signOut(options),
    toClientJson: () => json,
  };
}
