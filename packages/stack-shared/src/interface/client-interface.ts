import { CannotGetOwnUserWithoutUser, UserNotFound } from "../known-errors";
import { HexclaveHttpClient, type HttpClientOptions } from "./http-client";
import { InternalSession } from "./session";
import type { AdminProjectJson, ContactChannelJson, ContactChannelUpdateJson, ListJson, ProjectJson, SessionJson, SignInResponse, TokenPair, UserJson, UserUpdateJson } from "./wire-types";

/** Client access (wire 10, 20): what a browser may call on behalf of its signed-in user. */
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
}
