import { CannotGetOwnUserWithoutUser, UserNotFound } from "../known-errors";
import { HexclaveHttpClient, type HttpClientOptions } from "./http-client";
import { InternalSession } from "./session";
import type {
  AdminProjectJson,
  ApiKeyCreateJson,
  ApiKeyFirstViewJson,
  ApiKeyJson,
  ApiKeyOwnerJson,
  ApiKeyUpdateJson,
  ContactChannelJson,
  ContactChannelUpdateJson,
  ListJson,
  PasskeyCeremonyJson,
  PasskeyCreationOptionsJson,
  PasskeyRequestOptionsJson,
  ProjectJson,
  ProjectPermissionJson,
  SessionJson,
  SignInResponse,
  TeamCreateJson,
  TeamInvitationJson,
  TeamJson,
  TeamMemberProfileJson,
  TeamPermissionJson,
  TeamUpdateJson,
  TokenPair,
  UserJson,
  UserUpdateJson,
} from "./wire-types";

// Ids come from callers: escaped, none can point a request at another path.
const segment = encodeURIComponent;

/** The collection of an owner's API keys and the query that names the owner (the API wants it on every call). */
export function apiKeyRoute(owner: ApiKeyOwnerJson): { path: string; query: Record<string, string> } {
  return "team_id" in owner ? { path: "/team-api-keys", query: { team_id: owner.team_id } } : { path: "/user-api-keys", query: { user_id: owner.user_id } };
}

/** Client access: what a browser may call on behalf of its signed-in user. */
export class ClientInterface {
  readonly http: HexclaveHttpClient;

  constructor(options: HttpClientOptions) {
    this.http = new HexclaveHttpClient(options);
  }

  get projectId(): string {
    return this.http.options.projectId;
  }

  createSession(tokens: TokenPair): InternalSession {
    return new InternalSession((refreshToken) => this.http.refreshAccessToken(refreshToken), tokens);
  }

  signUpWithPassword(body: { email: string; password: string; verification_callback_url?: string }, session: InternalSession) {
    return this.http.request<SignInResponse>("/auth/password/sign-up", { method: "POST", body }, session, "client");
  }

  signInWithPassword(body: { email: string; password: string }, session: InternalSession) {
    return this.http.request<SignInResponse>("/auth/password/sign-in", { method: "POST", body }, session, "client");
  }

  async updatePassword(body: { old_password: string; new_password: string }, session: InternalSession): Promise<void> {
    await this.http.send("/auth/password/update", { method: "POST", body }, session, "client");
  }

  async setPassword(body: { password: string }, session: InternalSession): Promise<void> {
    await this.http.send("/auth/password/set", { method: "POST", body }, session, "client");
  }

  async signOut(session: InternalSession): Promise<void> {
    await this.http.send("/auth/sessions/current", { method: "DELETE", body: {} }, session, "client");
  }

  /** The signed-in user, or null when the session has none. */
  getCurrentUser(session: InternalSession): Promise<UserJson | null> {
    return this.currentUserOrNull<UserJson>(session, "client");
  }

  protected async currentUserOrNull<T>(session: InternalSession, accessType: "client" | "server"): Promise<T | null> {
    if (session.isSignedOut) return null;
    try {
      return await this.http.request<T>("/users/me", {}, session, accessType);
    } catch (error) {
      if (error instanceof CannotGetOwnUserWithoutUser || error instanceof UserNotFound) return null;
      throw error;
    }
  }

  updateCurrentUser(update: UserUpdateJson, session: InternalSession) {
    return this.http.request<UserJson>("/users/me", { method: "PATCH", body: update }, session, "client");
  }

  async deleteCurrentUser(session: InternalSession): Promise<void> {
    await this.http.send("/users/me", { method: "DELETE" }, session, "client");
  }

  async listSessions(session: InternalSession): Promise<SessionJson[]> {
    const list = await this.http.request<ListJson<SessionJson>>("/auth/sessions", { query: { user_id: "me" } }, session, "client");
    return list.items;
  }

  async revokeSession(sessionId: string, session: InternalSession): Promise<void> {
    await this.http.send(`/auth/sessions/${encodeURIComponent(sessionId)}`, { method: "DELETE", query: { user_id: "me" } }, session, "client");
  }

  getProject(): Promise<ProjectJson> {
    return this.http.request<ProjectJson>("/projects/current", {}, null, "client");
  }

  /** Projects owned by the signed-in user of the `internal` project. */
  async listOwnedProjects(session: InternalSession): Promise<AdminProjectJson[]> {
    return (await this.http.request<ListJson<AdminProjectJson>>("/internal/projects", {}, session, "client")).items;
  }

  createProject(
    body: { display_name: string; description?: string | null; owner_team_id: string; config?: Record<string, unknown> },
    session: InternalSession,
  ) {
    return this.http.request<AdminProjectJson>("/internal/projects", { method: "POST", body }, session, "client");
  }

  /** Mails a verification link for the signed-in user's primary email (the deprecated route the SDKs call). */
  async sendVerificationEmail(email: string, callbackUrl: string, session: InternalSession): Promise<void> {
    await this.http.send("/contact-channels/send-verification-code", { method: "POST", body: { email, callback_url: callbackUrl } }, session, "client");
  }

  async verifyEmail(code: string): Promise<void> {
    await this.http.send("/contact-channels/verify", { method: "POST", body: { code } }, null, "client");
  }

  async listContactChannels(session: InternalSession): Promise<ContactChannelJson[]> {
    return (await this.http.request<ListJson<ContactChannelJson>>("/contact-channels", { query: { user_id: "me" } }, session, "client")).items;
  }

  createContactChannel(body: { value: string; used_for_auth: boolean; is_primary?: boolean }, session: InternalSession) {
    return this.http.request<ContactChannelJson>("/contact-channels", { method: "POST", body: { user_id: "me", type: "email", ...body } }, session, "client");
  }

  updateContactChannel(id: string, body: ContactChannelUpdateJson, session: InternalSession) {
    return this.http.request<ContactChannelJson>(`/contact-channels/me/${encodeURIComponent(id)}`, { method: "PATCH", body }, session, "client");
  }

  async deleteContactChannel(id: string, session: InternalSession): Promise<void> {
    await this.http.send(`/contact-channels/me/${encodeURIComponent(id)}`, { method: "DELETE" }, session, "client");
  }

  async sendContactChannelVerification(id: string, callbackUrl: string, session: InternalSession): Promise<void> {
    const path = `/contact-channels/me/${encodeURIComponent(id)}/send-verification-code`;
    await this.http.send(path, { method: "POST", body: { callback_url: callbackUrl } }, session, "client");
  }

  async sendPasswordResetEmail(email: string, callbackUrl: string): Promise<void> {
    await this.http.send("/auth/password/send-reset-code", { method: "POST", body: { email, callback_url: callbackUrl } }, null, "client");
  }

  async resetPassword(code: string, password: string): Promise<void> {
    await this.http.send("/auth/password/reset", { method: "POST", body: { code, password } }, null, "client");
  }

  async checkPasswordResetCode(code: string): Promise<void> {
    await this.http.send("/auth/password/reset/check-code", { method: "POST", body: { code } }, null, "client");
  }

  sendSignInCode(email: string, callbackUrl: string) {
    return this.http.request<{ nonce: string }>("/auth/otp/send-sign-in-code", { method: "POST", body: { email, callback_url: callbackUrl } }, null, "client");
  }

  signInWithCode(code: string, session: InternalSession) {
    return this.http.request<SignInResponse & { is_new_user: boolean }>("/auth/otp/sign-in", { method: "POST", body: { code } }, session, "client");
  }

  signInWithMfa(body: { code: string; totp: string }, session: InternalSession) {
    return this.http.request<SignInResponse & { is_new_user: boolean }>("/auth/mfa/sign-in", { method: "POST", body: { ...body, type: "totp" } }, session, "client");
  }

  /** The second step with one of the user's single-use recovery codes instead of the authenticator's code. */
  signInWithRecoveryCode(body: { code: string; recovery_code: string }, session: InternalSession) {
    const init = { method: "POST" as const, body: { ...body, type: "recovery_code" } };
    return this.http.request<SignInResponse & { is_new_user: boolean }>("/auth/mfa/sign-in", init, session, "client");
  }

  /** How many unused recovery codes the signed-in user has; 0 without two-factor sign-in. */
  async getRemainingRecoveryCodeCount(session: InternalSession): Promise<number> {
    return (await this.http.request<{ remaining: number }>("/auth/mfa/recovery-codes", {}, session, "client")).remaining;
  }

  /** Ten new recovery codes, replacing every earlier one; the server keeps only digests, so this is the one look. */
  async generateRecoveryCodes(session: InternalSession): Promise<string[]> {
    return (await this.http.request<{ recovery_codes: string[] }>("/auth/mfa/recovery-codes", { method: "POST", body: {} }, session, "client")).recovery_codes;
  }

  // Passkeys, as Stack Auth's API has them: a ceremony's options first, then the browser's answer with their code.

  initiatePasskeyRegistration(session: InternalSession) {
    const path = "/auth/passkey/initiate-passkey-registration";
    return this.http.request<PasskeyCeremonyJson<PasskeyCreationOptionsJson>>(path, { method: "POST", body: {} }, session, "client");
  }

  /** `credential` is the browser's RegistrationResponseJSON; a user's new passkey replaces their old one. */
  registerPasskey(body: { code: string; credential: object }, session: InternalSession) {
    return this.http.request<{ user_handle: string }>("/auth/passkey/register", { method: "POST", body }, session, "client");
  }

  initiatePasskeyAuthentication(session: InternalSession) {
    const path = "/auth/passkey/initiate-passkey-authentication";
    return this.http.request<PasskeyCeremonyJson<PasskeyRequestOptionsJson>>(path, { method: "POST", body: {} }, session, "client");
  }

  /** `authentication_response` is the browser's AuthenticationResponseJSON. */
  signInWithPasskey(body: { code: string; authentication_response: object }, session: InternalSession) {
    return this.http.request<SignInResponse>("/auth/passkey/sign-in", { method: "POST", body }, session, "client");
  }

  signUpAnonymously(session: InternalSession) {
    return this.http.request<SignInResponse>("/auth/anonymous/sign-up", { method: "POST", body: {} }, session, "client");
  }

  startCliLogin(body: { expires_in_millis?: number; anon_refresh_token?: string }) {
    return this.http.request<{ polling_code: string; login_code: string; expires_at: string }>("/auth/cli", { method: "POST", body }, null, "client");
  }

  pollCliLogin(pollingCode: string) {
    return this.http.request<{ status: "waiting" | "expired" | "used" | "success"; refresh_token?: string }>(
      "/auth/cli/poll",
      { method: "POST", body: { polling_code: pollingCode } },
      null,
      "client",
    );
  }

  async completeCliLogin(loginCode: string, refreshToken: string, session: InternalSession): Promise<void> {
    await this.http.send("/auth/cli/complete", { method: "POST", body: { login_code: loginCode, mode: "complete", refresh_token: refreshToken } }, session, "client");
  }

  // Teams, as the signed-in user.

  async listCurrentUserTeams(session: InternalSession): Promise<TeamJson[]> {
    return (await this.http.request<ListJson<TeamJson>>("/teams", { query: { user_id: "me" } }, session, "client")).items;
  }

  createTeam(body: TeamCreateJson, session: InternalSession) {
    return this.http.request<TeamJson>("/teams", { method: "POST", body }, session, "client");
  }

  updateTeam(teamId: string, body: TeamUpdateJson, session: InternalSession) {
    return this.http.request<TeamJson>(`/teams/${segment(teamId)}`, { method: "PATCH", body }, session, "client");
  }

  async deleteTeam(teamId: string, session: InternalSession): Promise<void> {
    await this.http.send(`/teams/${segment(teamId)}`, { method: "DELETE" }, session, "client");
  }

  async leaveTeam(teamId: string, session: InternalSession): Promise<void> {
    await this.http.send(`/team-memberships/${segment(teamId)}/me`, { method: "DELETE", body: {} }, session, "client");
  }

  async listTeamMemberProfiles(teamId: string, session: InternalSession): Promise<TeamMemberProfileJson[]> {
    const list = await this.http.request<ListJson<TeamMemberProfileJson>>("/team-member-profiles", { query: { team_id: teamId } }, session, "client");
    return list.items;
  }

  getTeamMemberProfile(teamId: string, userId: string, session: InternalSession) {
    return this.http.request<TeamMemberProfileJson>(`/team-member-profiles/${segment(teamId)}/${segment(userId)}`, {}, session, "client");
  }

  updateTeamMemberProfile(teamId: string, userId: string, body: { display_name?: string; profile_image_url?: string | null }, session: InternalSession) {
    return this.http.request<TeamMemberProfileJson>(`/team-member-profiles/${segment(teamId)}/${segment(userId)}`, { method: "PATCH", body }, session, "client");
  }

  async sendTeamInvitation(body: { team_id: string; email: string; callback_url: string }, session: InternalSession): Promise<void> {
    await this.http.send("/team-invitations/send-code", { method: "POST", body }, session, "client");
  }

  async listTeamInvitations(teamId: string, session: InternalSession): Promise<TeamInvitationJson[]> {
    return (await this.http.request<ListJson<TeamInvitationJson>>("/team-invitations", { query: { team_id: teamId } }, session, "client")).items;
  }

  async revokeTeamInvitation(invitationId: string, teamId: string, session: InternalSession): Promise<void> {
    await this.http.send(`/team-invitations/${segment(invitationId)}`, { method: "DELETE", query: { team_id: teamId } }, session, "client");
  }

  /** Pending invitations addressed to one of the signed-in user's verified emails. */
  async listCurrentUserTeamInvitations(session: InternalSession): Promise<TeamInvitationJson[]> {
    return (await this.http.request<ListJson<TeamInvitationJson>>("/team-invitations", { query: { user_id: "me" } }, session, "client")).items;
  }

  async acceptTeamInvitationById(invitationId: string, session: InternalSession): Promise<void> {
    await this.http.send(`/team-invitations/${segment(invitationId)}/accept`, { method: "POST", query: { user_id: "me" } }, session, "client");
  }

  /** Joins the team of an invitation link's code; the link works for whoever holds it and is signed in. */
  async acceptTeamInvitation(code: string, session: InternalSession): Promise<void> {
    await this.http.send("/team-invitations/accept", { method: "POST", body: { code } }, session, "client");
  }

  /** The team an invitation code is for, without using the code. */
  getTeamInvitationDetails(code: string, session: InternalSession) {
    return this.http.request<{ team_id: string; team_display_name: string }>("/team-invitations/accept/details", { method: "POST", body: { code } }, session, "client");
  }

  async checkTeamInvitationCode(code: string, session: InternalSession): Promise<void> {
    await this.http.send("/team-invitations/accept/check-code", { method: "POST", body: { code } }, session, "client");
  }

  // Permissions of the signed-in user.

  async listCurrentUserTeamPermissions(teamId: string, recursive: boolean, session: InternalSession): Promise<TeamPermissionJson[]> {
    const query = { team_id: teamId, user_id: "me", recursive };
    return (await this.http.request<ListJson<TeamPermissionJson>>("/team-permissions", { query }, session, "client")).items;
  }

  async listCurrentUserProjectPermissions(recursive: boolean, session: InternalSession): Promise<ProjectPermissionJson[]> {
    const query = { user_id: "me", recursive };
    return (await this.http.request<ListJson<ProjectPermissionJson>>("/project-permissions", { query }, session, "client")).items;
  }

  // User and team API keys; a client may only name itself (`me`) or a team it manages keys of.

  createApiKey(owner: ApiKeyOwnerJson, body: ApiKeyCreateJson, session: InternalSession) {
    return this.http.request<ApiKeyFirstViewJson>(apiKeyRoute(owner).path, { method: "POST", body: { ...owner, ...body } }, session, "client");
  }

  async listApiKeys(owner: ApiKeyOwnerJson, session: InternalSession): Promise<ApiKeyJson[]> {
    const { path, query } = apiKeyRoute(owner);
    return (await this.http.request<ListJson<ApiKeyJson>>(path, { query }, session, "client")).items;
  }

  getApiKey(owner: ApiKeyOwnerJson, apiKeyId: string, session: InternalSession) {
    const { path, query } = apiKeyRoute(owner);
    return this.http.request<ApiKeyJson>(`${path}/${segment(apiKeyId)}`, { query }, session, "client");
  }

  updateApiKey(owner: ApiKeyOwnerJson, apiKeyId: string, body: ApiKeyUpdateJson, session: InternalSession) {
    const { path, query } = apiKeyRoute(owner);
    return this.http.request<ApiKeyJson>(`${path}/${segment(apiKeyId)}`, { method: "PATCH", query, body }, session, "client");
  }
}
