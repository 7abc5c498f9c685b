import { ApiKeyNotValid, DataVaultStoreHashedKeyDoesNotExist, TeamNotFound, UserNotFound } from "../known-errors";
import { ClientInterface, apiKeyRoute } from "./client-interface";
import type { InternalSession } from "./session";
import type {
  ApiKeyCreateJson,
  ApiKeyFirstViewJson,
  ApiKeyJson,
  ApiKeyOwnerJson,
  ApiKeyUpdateJson,
  ContactChannelJson,
  ContactChannelUpdateJson,
  ListJson,
  OutboxEmailJson,
  OutboxEmailSimpleStatus,
  ProjectPermissionJson,
  ServerContactChannelCreateJson,
  ServerTeamJson,
  ServerTeamMemberProfileJson,
  ServerUserCreateJson,
  ServerUserJson,
  ServerUserUpdateJson,
  SessionJson,
  SignInResponse,
  TeamCreateJson,
  TeamInvitationJson,
  TeamPermissionJson,
  TeamUpdateJson,
} from "./wire-types";

// Ids come from callers: escaped, none can point a request at another path.
const segment = encodeURIComponent;

export type ListUsersQuery = {
  limit?: number;
  cursor?: string;
  order_by?: "signed_up_at" | "last_active_at";
  desc?: boolean;
  query?: string;
  include_anonymous?: boolean;
  include_restricted?: boolean;
  /** Only members of this team. */
  team_id?: string;
};

export type ListOutboxEmailsQuery = {
  /** One status (`queued`, `sending`, `sent`, `failed`, or one of Stack Auth's, which matches nothing here). */
  status?: string;
  simple_status?: OutboxEmailSimpleStatus;
  /** At most 100 (the default). */
  limit?: number;
  cursor?: string;
};

/** Server access: needs the secret server key; never ship it to a browser. */
export class ServerInterface extends ClientInterface {
  /** The access type of the server's own calls; the admin interface makes the same calls with admin access. */
  protected get serverAccess(): "server" | "admin" {
    return "server";
  }

  /** The encrypted value a data vault store holds for a hashed key, or null when it holds none. */
  async getDataVaultValue(storeId: string, hashedKey: string): Promise<string | null> {
    try {
      const json = await this.http.request<{ encrypted_value: string }>(
        `/data-vault/stores/${encodeURIComponent(storeId)}/get`,
        { method: "POST", body: { hashed_key: hashedKey } },
        null,
        this.serverAccess,
      );
      return json.encrypted_value;
    } catch (error) {
      if (error instanceof DataVaultStoreHashedKeyDoesNotExist) return null;
      throw error;
    }
  }

  async setDataVaultValue(storeId: string, hashedKey: string, encryptedValue: string): Promise<void> {
    await this.http.send(
      `/data-vault/stores/${encodeURIComponent(storeId)}/set`,
      { method: "POST", body: { hashed_key: hashedKey, encrypted_value: encryptedValue } },
      null,
      this.serverAccess,
    );
  }

  listUsers(query: ListUsersQuery) {
    return this.http.request<ListJson<ServerUserJson>>("/users", { query }, null, this.serverAccess);
  }

  createUser(body: ServerUserCreateJson) {
    return this.http.request<ServerUserJson>("/users", { method: "POST", body }, null, this.serverAccess);
  }

  async getUser(userId: string): Promise<ServerUserJson | null> {
    try {
      return await this.http.request<ServerUserJson>(`/users/${encodeURIComponent(userId)}`, {}, null, this.serverAccess);
    } catch (error) {
      if (error instanceof UserNotFound) return null;
      throw error;
    }
  }

  /** The user of a session, with the server's view of it; null when the session has none. */
  getUserOfSession(session: InternalSession): Promise<ServerUserJson | null> {
    return this.currentUserOrNull<ServerUserJson>(session, "server");
  }

  updateUser(userId: string, update: ServerUserUpdateJson) {
    return this.http.request<ServerUserJson>(`/users/${encodeURIComponent(userId)}`, { method: "PATCH", body: update }, null, this.serverAccess);
  }

  async deleteUser(userId: string): Promise<void> {
    await this.http.send(`/users/${encodeURIComponent(userId)}`, { method: "DELETE" }, null, this.serverAccess);
  }

  openSession(body: { user_id: string; expires_in_millis?: number; is_impersonation?: boolean }) {
    return this.http.request<Omit<SignInResponse, "user_id">>("/auth/sessions", { method: "POST", body }, null, this.serverAccess);
  }

  async listUserSessions(userId: string): Promise<SessionJson[]> {
    const list = await this.http.request<ListJson<SessionJson>>("/auth/sessions", { query: { user_id: userId } }, null, this.serverAccess);
    return list.items;
  }

  async revokeUserSession(userId: string, sessionId: string): Promise<void> {
    await this.http.send(`/auth/sessions/${encodeURIComponent(sessionId)}`, { method: "DELETE", query: { user_id: userId } }, null, this.serverAccess);
  }

  /** A page of the project's emails, newest first; `pagination.next_cursor` opens the next one. */
  listOutboxEmails(query: ListOutboxEmailsQuery = {}) {
    return this.http.request<ListJson<OutboxEmailJson>>("/emails/outbox", { query }, null, this.serverAccess);
  }

  // Contact channels of any user.

  async listServerContactChannels(userId: string): Promise<ContactChannelJson[]> {
    return (await this.http.request<ListJson<ContactChannelJson>>("/contact-channels", { query: { user_id: userId } }, null, this.serverAccess)).items;
  }

  createServerContactChannel(body: ServerContactChannelCreateJson) {
    return this.http.request<ContactChannelJson>("/contact-channels", { method: "POST", body }, null, this.serverAccess);
  }

  updateServerContactChannel(userId: string, channelId: string, body: ContactChannelUpdateJson) {
    return this.http.request<ContactChannelJson>(`/contact-channels/${segment(userId)}/${segment(channelId)}`, { method: "PATCH", body }, null, this.serverAccess);
  }

  async deleteServerContactChannel(userId: string, channelId: string): Promise<void> {
    await this.http.send(`/contact-channels/${segment(userId)}/${segment(channelId)}`, { method: "DELETE" }, null, this.serverAccess);
  }

  async sendServerContactChannelVerification(userId: string, channelId: string, callbackUrl: string): Promise<void> {
    const path = `/contact-channels/${segment(userId)}/${segment(channelId)}/send-verification-code`;
    await this.http.send(path, { method: "POST", body: { callback_url: callbackUrl } }, null, this.serverAccess);
  }

  // Teams, acting for the project.

  /** All teams of the project, or those of one user. */
  async listTeams(query: { user_id?: string } = {}): Promise<ServerTeamJson[]> {
    return (await this.http.request<ListJson<ServerTeamJson>>("/teams", { query }, null, this.serverAccess)).items;
  }

  async getTeam(teamId: string): Promise<ServerTeamJson | null> {
    try {
      return await this.http.request<ServerTeamJson>(`/teams/${segment(teamId)}`, {}, null, this.serverAccess);
    } catch (error) {
      if (error instanceof TeamNotFound) return null;
      throw error;
    }
  }

  createServerTeam(body: TeamCreateJson) {
    return this.http.request<ServerTeamJson>("/teams", { method: "POST", body }, null, this.serverAccess);
  }

  updateServerTeam(teamId: string, body: TeamUpdateJson) {
    return this.http.request<ServerTeamJson>(`/teams/${segment(teamId)}`, { method: "PATCH", body }, null, this.serverAccess);
  }

  async deleteServerTeam(teamId: string): Promise<void> {
    await this.http.send(`/teams/${segment(teamId)}`, { method: "DELETE" }, null, this.serverAccess);
  }

  async addTeamMember(teamId: string, userId: string): Promise<void> {
    await this.http.send(`/team-memberships/${segment(teamId)}/${segment(userId)}`, { method: "POST", body: {} }, null, this.serverAccess);
  }

  async removeTeamMember(teamId: string, userId: string): Promise<void> {
    await this.http.send(`/team-memberships/${segment(teamId)}/${segment(userId)}`, { method: "DELETE", body: {} }, null, this.serverAccess);
  }

  async listServerTeamMemberProfiles(teamId: string): Promise<ServerTeamMemberProfileJson[]> {
    const list = await this.http.request<ListJson<ServerTeamMemberProfileJson>>("/team-member-profiles", { query: { team_id: teamId } }, null, this.serverAccess);
    return list.items;
  }

  getServerTeamMemberProfile(teamId: string, userId: string) {
    return this.http.request<ServerTeamMemberProfileJson>(`/team-member-profiles/${segment(teamId)}/${segment(userId)}`, {}, null, this.serverAccess);
  }

  updateServerTeamMemberProfile(teamId: string, userId: string, body: { display_name?: string; profile_image_url?: string | null }) {
    const path = `/team-member-profiles/${segment(teamId)}/${segment(userId)}`;
    return this.http.request<ServerTeamMemberProfileJson>(path, { method: "PATCH", body }, null, this.serverAccess);
  }

  async sendServerTeamInvitation(body: { team_id: string; email: string; callback_url: string }): Promise<void> {
    await this.http.send("/team-invitations/send-code", { method: "POST", body }, null, this.serverAccess);
  }

  async listServerTeamInvitations(teamId: string): Promise<TeamInvitationJson[]> {
    return (await this.http.request<ListJson<TeamInvitationJson>>("/team-invitations", { query: { team_id: teamId } }, null, this.serverAccess)).items;
  }

  async revokeServerTeamInvitation(invitationId: string, teamId: string): Promise<void> {
    await this.http.send(`/team-invitations/${segment(invitationId)}`, { method: "DELETE", query: { team_id: teamId } }, null, this.serverAccess);
  }

  async listUserTeamInvitations(userId: string): Promise<TeamInvitationJson[]> {
    return (await this.http.request<ListJson<TeamInvitationJson>>("/team-invitations", { query: { user_id: userId } }, null, this.serverAccess)).items;
  }

  async acceptTeamInvitationForUser(invitationId: string, userId: string): Promise<void> {
    await this.http.send(`/team-invitations/${segment(invitationId)}/accept`, { method: "POST", query: { user_id: userId } }, null, this.serverAccess);
  }

  // Permissions of any user.

  /** Team permissions of one user, or (without user_id) of every member of a team. */
  async listTeamPermissions(query: { team_id?: string; user_id?: string; recursive: boolean }): Promise<TeamPermissionJson[]> {
    return (await this.http.request<ListJson<TeamPermissionJson>>("/team-permissions", { query }, null, this.serverAccess)).items;
  }

  async listProjectPermissions(query: { user_id: string; recursive: boolean }): Promise<ProjectPermissionJson[]> {
    return (await this.http.request<ListJson<ProjectPermissionJson>>("/project-permissions", { query }, null, this.serverAccess)).items;
  }

  async grantTeamPermission(teamId: string, userId: string, permissionId: string): Promise<void> {
    await this.http.send(`/team-permissions/${segment(teamId)}/${segment(userId)}/${segment(permissionId)}`, { method: "POST", body: {} }, null, this.serverAccess);
  }

  async revokeTeamPermission(teamId: string, userId: string, permissionId: string): Promise<void> {
    await this.http.send(`/team-permissions/${segment(teamId)}/${segment(userId)}/${segment(permissionId)}`, { method: "DELETE", body: {} }, null, this.serverAccess);
  }

  async grantProjectPermission(userId: string, permissionId: string): Promise<void> {
    await this.http.send(`/project-permissions/${segment(userId)}/${segment(permissionId)}`, { method: "POST", body: {} }, null, this.serverAccess);
  }

  async revokeProjectPermission(userId: string, permissionId: string): Promise<void> {
    await this.http.send(`/project-permissions/${segment(userId)}/${segment(permissionId)}`, { method: "DELETE", body: {} }, null, this.serverAccess);
  }

  // User and team API keys of any owner.

  createServerApiKey(owner: ApiKeyOwnerJson, body: ApiKeyCreateJson) {
    return this.http.request<ApiKeyFirstViewJson>(apiKeyRoute(owner).path, { method: "POST", body: { ...owner, ...body } }, null, this.serverAccess);
  }

  async listServerApiKeys(owner: ApiKeyOwnerJson): Promise<ApiKeyJson[]> {
    const { path, query } = apiKeyRoute(owner);
    return (await this.http.request<ListJson<ApiKeyJson>>(path, { query }, null, this.serverAccess)).items;
  }

  updateServerApiKey(owner: ApiKeyOwnerJson, apiKeyId: string, body: ApiKeyUpdateJson) {
    const { path, query } = apiKeyRoute(owner);
    return this.http.request<ApiKeyJson>(`${path}/${segment(apiKeyId)}`, { method: "PATCH", query, body }, null, this.serverAccess);
  }

  /** The key a string belongs to, or null when it is unknown, expired, revoked or of the other type. */
  async checkApiKey(type: "user" | "team", apiKey: string): Promise<ApiKeyJson | null> {
    try {
      return await this.http.request<ApiKeyJson>(`/${type}-api-keys/check`, { method: "POST", body: { api_key: apiKey } }, null, this.serverAccess);
    } catch (error) {
      if (error instanceof ApiKeyNotValid) return null;
      throw error;
    }
  }
}
