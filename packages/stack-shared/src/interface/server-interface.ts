import { UserNotFound } from "../known-errors";
import { ClientInterface } from "./client-interface";
import type { InternalSession } from "./session";
import type { ListJson, ServerUserCreateJson, ServerUserJson, ServerUserUpdateJson, SessionJson, SignInResponse } from "./wire-types";

export type ListUsersQuery = {
  limit?: number;
  cursor?: string;
  order_by?: "signed_up_at" | "last_active_at";
  desc?: boolean;
  query?: string;
  include_anonymous?: boolean;
  include_restricted?: boolean;
};

/** Server access: needs the secret server key; never ship it to a browser. */
export class ServerInterface extends ClientInterface {
  listUsers(query: ListUsersQuery) {
    return this.http.request<ListJson<ServerUserJson>>("/users", { query }, null, "server");
  }

  createUser(body: ServerUserCreateJson) {
    return this.http.request<ServerUserJson>("/users", { method: "POST", body }, null, "server");
  }

  async getUser(userId: string): Promise<ServerUserJson | null> {
    try {
      return await this.http.request<ServerUserJson>(`/users/${encodeURIComponent(userId)}`, {}, null, "server");
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
    return this.http.request<ServerUserJson>(`/users/${encodeURIComponent(userId)}`, { method: "PATCH", body: update }, null, "server");
  }

  async deleteUser(userId: string): Promise<void> {
    await this.http.send(`/users/${encodeURIComponent(userId)}`, { method: "DELETE" }, null, "server");
  }

  openSession(body: { user_id: string; expires_in_millis?: number; is_impersonation?: boolean }) {
    return this.http.request<Omit<SignInResponse, "user_id">>("/auth/sessions", { method: "POST", body }, null, "server");
  }

  async listUserSessions(userId: string): Promise<SessionJson[]> {
    const list = await this.http.request<ListJson<SessionJson>>("/auth/sessions", { query: { user_id: userId } }, null, "server");
    return list.items;
  }

  async revokeUserSession(userId: string, sessionId: string): Promise<void> {
    await this.http.send(`/auth/sessions/${encodeURIComponent(sessionId)}`, { method: "DELETE", query: { user_id: userId } }, null, "server");
  }
}
