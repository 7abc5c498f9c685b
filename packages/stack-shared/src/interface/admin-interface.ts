import { ServerInterface } from "./server-interface";
import type { AdminProjectJson, AdminProjectUpdateJson, ApiKeySetCreateJson, ApiKeySetJson, ListJson } from "./wire-types";

/** Admin access: a super-secret admin key, or the access token of a user of `internal` who owns the project. */
export class AdminInterface extends ServerInterface {
  getAdminProject() {
    return this.http.request<AdminProjectJson>("/internal/projects/current", {}, null, "admin");
  }

  updateProject(update: AdminProjectUpdateJson) {
    return this.http.request<AdminProjectJson>("/internal/projects/current", { method: "PATCH", body: update }, null, "admin");
  }

  async deleteProject(): Promise<void> {
    await this.http.send("/internal/projects/current", { method: "DELETE" }, null, "admin");
  }

  async listInternalApiKeys(): Promise<ApiKeySetJson[]> {
    return (await this.http.request<ListJson<ApiKeySetJson>>("/internal/api-keys", {}, null, "admin")).items;
  }

  createInternalApiKey(body: ApiKeySetCreateJson) {
    return this.http.request<ApiKeySetJson>("/internal/api-keys", { method: "POST", body }, null, "admin");
  }

  revokeInternalApiKey(id: string) {
    return this.http.request<ApiKeySetJson>(`/internal/api-keys/${encodeURIComponent(id)}`, { method: "PATCH", body: { revoked: true } }, null, "admin");
  }
}
