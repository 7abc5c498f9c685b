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

  // Passkeys, as Stack Auth's API has them: a ceremony's options first, then the browser's answer with their code.

  signUpAnonymously(session: InternalSession) {
    return this.http.request<SignInResponse>("/auth/anonymous/sign-up", { method: "POST", body: {} }, session, "client");
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
}
