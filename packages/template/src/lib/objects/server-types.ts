import type { Json, ServerUserJson, TokenPair, UserJson } from "@stackframe/stack-shared";
import type { ActiveSession } from "./active-session.js";
import type { ApiKeyCreationOptions, TeamApiKey, TeamApiKeyFirstView, UserApiKey, UserApiKeyFirstView } from "./api-key.js";
import type { PermissionMethods } from "./permission.js";
import type { ServerContactChannel, ServerContactChannelCreateOptions } from "./server-contact-channel.js";
import type { TeamCreateOptions, TeamFields, TeamUpdateOptions } from "./team.js";
import type { ReceivedTeamInvitation, SentTeamInvitation } from "./team-invitation.js";
import type { EditableTeamMemberProfile, ServerTeamMemberProfile } from "./team-member.js";
import type { BaseUser, UserUpdateOptions } from "./user.js";

// The server's users and teams refer to each other (a user's teams, a team's users), so their types live together
// here, below both implementations, and neither module has to import the other.

export type RiskScores = { signUp: { bot: number; freeTrialAbuse: number } };

export type ServerUserUpdateOptions = UserUpdateOptions & {
  primaryEmailVerified?: boolean;
  primaryEmailAuthEnabled?: boolean;
  clientReadOnlyMetadata?: Json;
  serverMetadata?: Json;
  password?: string | null;
  restrictedByAdmin?: boolean;
  restrictedByAdminReason?: string | null;
  restrictedByAdminPrivateDetails?: string | null;
  countryCode?: string | null;
  riskScores?: RiskScores;
};

export type ServerUserCreateOptions = Omit<ServerUserUpdateOptions, "selectedTeamId"> & { isAnonymous?: boolean };

export type TeamScope = { readonly id: string };

/** Direct grants: with a team, in that team (the user must be a member); without, across the project. */
export type PermissionGrantMethods = {
  grantPermission(scope: TeamScope, permissionId: string): Promise<void>;
  grantPermission(permissionId: string): Promise<void>;
  revokePermission(scope: TeamScope, permissionId: string): Promise<void>;
  revokePermission(permissionId: string): Promise<void>;
};

/**
 * A user as the server sees it: every field, and what the server may do to any user.
 * @example
 * const user = await serverApp.getUser(userId);
 * await user?.grantPermission(team, "team_admin");
 */
export type ServerUser = BaseUser &
  ServerUserTeamMethods &
  PermissionMethods &
  PermissionGrantMethods & {
  readonly selectedTeam: ServerTeam | null;
  readonly lastActiveAt: Date;
  readonly serverMetadata: Json;
  readonly primaryEmailAuthEnabled: boolean;
  readonly restrictedByAdmin: boolean;
  readonly restrictedByAdminReason: string | null;
  readonly restrictedByAdminPrivateDetails: string | null;
  readonly countryCode: string | null;
  readonly riskScores: RiskScores;
  update(update: ServerUserUpdateOptions): Promise<void>;
  setDisplayName(displayName: string | null): Promise<void>;
  setClientMetadata(metadata: Json): Promise<void>;
  setClientReadOnlyMetadata(metadata: Json): Promise<void>;
  setServerMetadata(metadata: Json): Promise<void>;
  setPrimaryEmail(email: string | null, options?: { verified?: boolean }): Promise<void>;
  setSelectedTeam(team: { id: string } | string | null): Promise<void>;
  delete(): Promise<void>;
  /** Opens a new session for this user (impersonation, or handing tokens to another client). */
  createSession(options?: { expiresInMillis?: number; isImpersonation?: boolean }): Promise<{ getTokens(): Promise<TokenPair> }>;
  getActiveSessions(): Promise<ActiveSession[]>;
  revokeSession(sessionId: string): Promise<void>;
  createApiKey(options: ApiKeyCreationOptions<"user">): Promise<UserApiKeyFirstView>;
  listApiKeys(): Promise<UserApiKey[]>;
  /**
   * The user's email addresses, with whether each is verified, primary and used for sign-in.
   * @example
   * const unverified = (await user.listContactChannels()).filter((channel) => !channel.isVerified);
   */
  listContactChannels(): Promise<ServerContactChannel[]>;
  /**
   * Adds an email address to the user. With `usedForAuth`, it is refused when another user already signs in with it.
   * @example
   * await user.createContactChannel({ type: "email", value: "ada@work.example", usedForAuth: true, isVerified: true });
   */
  createContactChannel(options: ServerContactChannelCreateOptions): Promise<ServerContactChannel>;
  toServerJson(): ServerUserJson;
  /** What the user's own client would read: the server-only fields left out. */
  toClientJson(): UserJson;
};

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

/** A member of a team as the server sees it: the whole user, with their profile in the team. */
export type ServerTeamUser = ServerUser & { readonly teamProfile: ServerTeamMemberProfile };

/** What the server can do about one user's teams. */
export type ServerUserTeamMethods = {
  /** Creates a team with the user as its first member, and selects it for them. */
  createTeam(data: Omit<ServerTeamCreateOptions, "creatorUserId">): Promise<ServerTeam>;
  listTeams(): Promise<ServerTeam[]>;
  /** One of the user's teams, or null when they are not a member. */
  getTeam(teamId: string): Promise<ServerTeam | null>;
  leaveTeam(team: { id: string }): Promise<void>;
  /** Pending invitations to any of the user's verified email addresses. */
  listTeamInvitations(): Promise<ReceivedTeamInvitation[]>;
  getTeamProfile(team: { id: string }): Promise<EditableTeamMemberProfile>;
};
