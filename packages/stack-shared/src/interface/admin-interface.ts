import { WebhookEndpointNotFound } from "../known-errors";
import { ServerInterface } from "./server-interface";
import type {
  AdminProjectJson,
  AdminProjectUpdateJson,
  ApiKeySetCreateJson,
  ApiKeySetJson,
  ConfigLevel,
  ConfigSourceJson,
  ConfigStringJson,
  ListJson,
  PermissionDefinitionCreateJson,
  PermissionDefinitionJson,
  PermissionDefinitionUpdateJson,
  ProjectMetricsJson,
  SendTestWebhookResultJson,
  TestEmailConfigJson,
  TestEmailResultJson,
  WebhookDeliveryJson,
  WebhookDeliveryPageJson,
  WebhookDeliveryPageQuery,
  WebhookEndpointCreateJson,
  WebhookEndpointJson,
  WebhookEndpointUpdateJson,
  WebhookEndpointWithSecretJson,
} from "./wire-types";

/** Team permissions are granted within a team; project permissions to a user across the project. */
export type PermissionScope = "team" | "project";

const definitionsPath = (scope: PermissionScope) => `/${scope}-permission-definitions`;
const overridePath = (level: ConfigLevel) => `/internal/config/override/${level}`;
const endpointPath = (endpointId?: string) => `/internal/webhooks/endpoints${endpointId === undefined ? "" : `/${encodeURIComponent(endpointId)}`}`;

/** Admin access: a super-secret admin key, or the access token of a user of `internal` who owns the project. */
export class AdminInterface extends ServerInterface {
  // An admin key or an owner's session authorises admin access, not server access; admin access also shows what only
  // admins may see, such as impersonation sessions in a user's session list.
  protected override get serverAccess(): "admin" {
    return "admin";
  }

  getAdminProject() {
    return this.http.request<AdminProjectJson>("/internal/projects/current", {}, null, "admin");
  }

  updateProject(update: AdminProjectUpdateJson) {
    return this.http.request<AdminProjectJson>("/internal/projects/current", { method: "PATCH", body: update }, null, "admin");
  }

  async deleteProject(): Promise<void> {
    await this.http.send("/internal/projects/current", { method: "DELETE" }, null, "admin");
  }

  /** The dashboard's user figures; anonymous users count only when asked for. */
  getMetrics(includeAnonymous = false) {
    return this.http.request<ProjectMetricsJson>("/internal/metrics", { query: { include_anonymous: includeAnonymous } }, null, "admin");
  }

  /** Tries SMTP settings out with one email; a server that refuses is `success: false`, not an error. */
  sendTestEmail(body: { recipient_email: string; email_config: TestEmailConfigJson }) {
    return this.http.request<TestEmailResultJson>("/internal/send-test-email", { method: "POST", body }, null, "admin");
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

  // Permission definitions; the team list includes the six built-in `$` permissions.

  async listPermissionDefinitions(scope: PermissionScope): Promise<PermissionDefinitionJson[]> {
    return (await this.http.request<ListJson<PermissionDefinitionJson>>(definitionsPath(scope), {}, null, "admin")).items;
  }

  createPermissionDefinition(scope: PermissionScope, body: PermissionDefinitionCreateJson) {
    return this.http.request<PermissionDefinitionJson>(definitionsPath(scope), { method: "POST", body }, null, "admin");
  }

  updatePermissionDefinition(scope: PermissionScope, permissionId: string, body: PermissionDefinitionUpdateJson) {
    const path = `${definitionsPath(scope)}/${encodeURIComponent(permissionId)}`;
    return this.http.request<PermissionDefinitionJson>(path, { method: "PATCH", body }, null, "admin");
  }

  async deletePermissionDefinition(scope: PermissionScope, permissionId: string): Promise<void> {
    await this.http.send(`${definitionsPath(scope)}/${encodeURIComponent(permissionId)}`, { method: "DELETE" }, null, "admin");
  }

  // The config: the rendered result, each level's stored override, and where the branch level came from.

  getConfig() {
    return this.http.request<ConfigStringJson>("/internal/config", {}, null, "admin");
  }

  getConfigOverride(level: ConfigLevel) {
    return this.http.request<ConfigStringJson>(overridePath(level), {}, null, "admin");
  }

  /** Replaces a level's override; the branch level also needs the source it was pushed from. */
  async setConfigOverride(level: ConfigLevel, override: unknown, source?: ConfigSourceJson): Promise<void> {
    const body = { config_string: JSON.stringify(override), ...(source ? { source } : {}) };
    await this.http.send(overridePath(level), { method: "PUT", body }, null, "admin");
  }

  /** Sets some keys of a level's override (dot notation allowed) and keeps the others. */
  async updateConfigOverride(level: ConfigLevel, changes: unknown): Promise<void> {
    await this.http.send(overridePath(level), { method: "PATCH", body: { config_override_string: JSON.stringify(changes) } }, null, "admin");
  }

  async resetConfigOverrideKeys(level: Exclude<ConfigLevel, "project">, keys: string[]): Promise<void> {
    await this.http.send(`${overridePath(level)}/reset-keys`, { method: "POST", body: { keys } }, null, "admin");
  }

  async getPushedConfigSource(): Promise<ConfigSourceJson> {
    return (await this.http.request<{ source: ConfigSourceJson }>("/internal/config/source", {}, null, "admin")).source;
  }

  async unlinkPushedConfigSource(): Promise<void> {
    await this.http.send("/internal/config/source", { method: "DELETE" }, null, "admin");
  }

  // Webhook endpoints and their delivery logs; a secret is answered only by create and rotate.

  async listWebhookEndpoints(): Promise<WebhookEndpointJson[]> {
    return (await this.http.request<ListJson<WebhookEndpointJson>>(endpointPath(), {}, null, "admin")).items;
  }

  createWebhookEndpoint(body: WebhookEndpointCreateJson) {
    return this.http.request<WebhookEndpointWithSecretJson>(endpointPath(), { method: "POST", body }, null, "admin");
  }

  async getWebhookEndpoint(endpointId: string): Promise<WebhookEndpointJson | null> {
    try {
      return await this.http.request<WebhookEndpointJson>(endpointPath(endpointId), {}, null, "admin");
    } catch (error) {
      if (error instanceof WebhookEndpointNotFound) return null;
      throw error;
    }
  }

  updateWebhookEndpoint(endpointId: string, body: WebhookEndpointUpdateJson) {
    return this.http.request<WebhookEndpointJson>(endpointPath(endpointId), { method: "PATCH", body }, null, "admin");
  }

  async deleteWebhookEndpoint(endpointId: string): Promise<void> {
    await this.http.send(endpointPath(endpointId), { method: "DELETE" }, null, "admin");
  }

  rotateWebhookEndpointSecret(endpointId: string) {
    return this.http.request<WebhookEndpointWithSecretJson>(`${endpointPath(endpointId)}/rotate-secret`, { method: "POST" }, null, "admin");
  }

  listWebhookDeliveries(endpointId: string, query: WebhookDeliveryPageQuery = {}) {
    return this.http.request<WebhookDeliveryPageJson>(`${endpointPath(endpointId)}/deliveries`, { query }, null, "admin");
  }

  replayWebhookDelivery(endpointId: string, deliveryId: string) {
    const path = `${endpointPath(endpointId)}/deliveries/${encodeURIComponent(deliveryId)}/replay`;
    return this.http.request<WebhookDeliveryJson>(path, { method: "POST" }, null, "admin");
  }

  /** Sends a `stack.test` event to the endpoint now; a receiver that refuses it is `success: false`, not an error. */
  sendTestWebhook(endpointId: string) {
    return this.http.request<SendTestWebhookResultJson>("/internal/send-test-webhook", { method: "POST", body: { endpoint_id: endpointId } }, null, "admin");
  }
}
