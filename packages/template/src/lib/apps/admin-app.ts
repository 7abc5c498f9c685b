import { AdminInterface, type ApiKeySetJson } from "@stackframe/stack-shared";
import { envDefault } from "../env.js";
import {
  type AdminProjectPermissionDefinition,
  type AdminProjectPermissionDefinitionCreateOptions,
  type AdminProjectPermissionDefinitionUpdateOptions,
  type AdminTeamPermissionDefinition,
  type AdminTeamPermissionDefinitionCreateOptions,
  type AdminTeamPermissionDefinitionUpdateOptions,
  permissionDefinitionCreateToJson,
  permissionDefinitionFromJson,
  permissionDefinitionUpdateToJson,
} from "../objects/permission.js";
import { type ProjectMetrics, projectMetricsFromJson } from "../objects/metrics.js";
import { type AdminProject, adminProjectFromJson } from "../objects/project.js";
import { type TestEmailConfig, type TestEmailResult, testEmailConfigToJson, testEmailResultFromJson } from "../objects/test-email.js";
import {
  type ListWebhookDeliveriesOptions,
  type SendTestWebhookResult,
  type WebhookDelivery,
  type WebhookDeliveryPage,
  type WebhookEndpoint,
  type WebhookEndpointCreateOptions,
  type WebhookEndpointFirstView,
  type WebhookEndpointUpdateOptions,
  webhookDeliveryCursorToMillis,
  webhookDeliveryFromJson,
  webhookEndpointCreateToJson,
  webhookEndpointFromJson,
  webhookEndpointUpdateToJson,
} from "../objects/webhook.js";
import { type AdminProjectConfigMethods, adminProjectConfigMethods } from "./admin-project-config.js";
import type { HexclaveAdminAppOptions } from "./app-options.js";
import { type InternalUserOf, type OwnedProject, withInternalUserMethods } from "./internal-user.js";
import { provideInternalUserMethods } from "./owned-project-apps.js";
import { HexclaveServerApp } from "./server-app.js";

export type InternalApiKey = {
  readonly id: string;
  readonly description: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly manuallyRevokedAt: Date | null;
  readonly publishableClientKey: { lastFour: string } | null;
  readonly secretServerKey: { lastFour: string } | null;
  readonly superSecretAdminKey: { lastFour: string } | null;
  isValid(): boolean;
  revoke(): Promise<void>;
};

/** Returned once, at creation: the only time the full keys can be read. */
export type InternalApiKeyFirstView = Omit<InternalApiKey, "publishableClientKey" | "secretServerKey" | "superSecretAdminKey"> & {
  readonly publishableClientKey?: string;
  readonly secretServerKey?: string;
  readonly superSecretAdminKey?: string;
};

export type AdminProjectUpdateOptions = {
  displayName?: string;
  description?: string | null;
  isProductionMode?: boolean;
  /** Whether client requests must carry a publishable client key; kept in the project level of the config. */
  requirePublishableClientKey?: boolean;
};

export type AdminAppProject = AdminProject &
  AdminProjectConfigMethods & {
    /**
     * Changes the project's settings; only the options given are written.
     * @example await project.update({ displayName: "Acme", requirePublishableClientKey: true });
     */
    update(options: AdminProjectUpdateOptions): Promise<void>;
    delete(): Promise<void>;
  };

const lastFour = (value: ApiKeySetJson["publishable_client_key"]) => (value && typeof value === "object" ? { lastFour: value.last_four } : null);

/** A project an internal-project user owns, with an admin app that acts through the owner's session (no keys needed). */
export type AdminOwnedProject = OwnedProject<HexclaveAdminApp>;

/** Users of the `internal` project own projects: the account an operator creates and manages projects with. */
export type CurrentInternalUser = InternalUserOf<HexclaveAdminApp>;

/**
 * Manages one project: its settings, API keys, permission definitions and webhook endpoints. Needs an admin key, or an
 * owner's session.
 * @example
 * const admin = new HexclaveAdminApp({ projectId, superSecretAdminKey: "sak_…", tokenStore: null });
 * await admin.createInternalApiKey({ description: "CI", expiresAt, hasSecretServerKey: true });
 */
export class HexclaveAdminApp extends HexclaveServerApp {
  declare protected readonly iface: AdminInterface;

  // Runs when the class is defined; the annotation lets a bundler drop the class, and this call with it, where unused.
  static readonly #ownedProjects = /* @__PURE__ */ provideInternalUserMethods((user, deps) =>
    withInternalUserMethods(user, deps, (options) => new HexclaveAdminApp(options)),
  );

  // biome-ignore lint/complexity/noUselessConstructor: widens the options type of the public constructor
  constructor(options: HexclaveAdminAppOptions) {
    super(options);
  }

  protected override createInterface(): AdminInterface {
    return new AdminInterface(this.httpOptions());
  }

  protected override httpOptions() {
    const { options } = this;
    return {
      ...super.httpOptions(),
      superSecretAdminKey: options.projectOwnerSession ? undefined : (options.superSecretAdminKey ?? envDefault("superSecretAdminKey")),
      projectOwnerSession: options.projectOwnerSession,
    };
  }

  override async getProject(): Promise<AdminAppProject> {
    const json = await this.iface.getAdminProject();
    return {
      ...adminProjectFromJson(json),
      ...adminProjectConfigMethods(this.iface),
      update: (options) => this.#updateProject(options),
      delete: () => this.iface.deleteProject(),
    };
  }

  async #updateProject({ requirePublishableClientKey, ...options }: AdminProjectUpdateOptions): Promise<void> {
    const update = {
      ...(options.displayName !== undefined ? { display_name: options.displayName } : {}),
      ...(options.description !== undefined ? { description: options.description } : {}),
      ...(options.isProductionMode !== undefined ? { is_production_mode: options.isProductionMode } : {}),
    };
    if (Object.keys(update).length > 0) await this.iface.updateProject(update);
    // This setting has no field on the project; it lives in the project level of the config, as the published SDK keeps it.
    if (requirePublishableClientKey !== undefined) {
      await this.iface.updateConfigOverride("project", { "project.requirePublishableClientKey": requirePublishableClientKey });
    }
  }

  /**
   * The project's user figures, as the dashboard's overview shows them: totals, the last 31 days, countries, the
   * newest and most recently active users, and sign-in methods. Anonymous users count only with `includeAnonymous`.
   * @example
   * const metrics = await admin.getMetrics();
   * console.log(metrics.totalUsers, metrics.dailyUsers.at(-1)?.activity); // sign-ups today
   */
  async getMetrics(options: { includeAnonymous?: boolean } = {}): Promise<ProjectMetrics> {
    const json = await this.iface.getMetrics(options.includeAnonymous ?? false);
    return projectMetricsFromJson(json, (user) => this.serverUserFromJson(user));
  }

  /**
   * Sends one email through SMTP settings that are not saved yet, to check them. A server that cannot be reached or
   * refuses the email is a result with the reason, not an error.
   * @example
   * const result = await admin.sendTestEmail({
   *   recipientEmail: "me@example.com",
   *   emailConfig: { host: "smtp.example.com", port: 587, username: "mailer", password, senderEmail: "hi@example.com", senderName: "Acme" },
   * });
   * if (!result.success) console.error(result.errorMessage);
   */
  async sendTestEmail(options: { recipientEmail: string; emailConfig: TestEmailConfig }): Promise<TestEmailResult> {
    const json = await this.iface.sendTestEmail({ recipient_email: options.recipientEmail, email_config: testEmailConfigToJson(options.emailConfig) });
    return testEmailResultFromJson(json);
  }

  async listInternalApiKeys(): Promise<InternalApiKey[]> {
    return (await this.iface.listInternalApiKeys()).map((json) => ({
      ...this.#apiKeyBase(json),
      publishableClientKey: lastFour(json.publishable_client_key),
      secretServerKey: lastFour(json.secret_server_key),
      superSecretAdminKey: lastFour(json.super_secret_admin_key),
    }));
  }

  async createInternalApiKey(options: {
    description: string;
    expiresAt: Date;
    hasPublishableClientKey?: boolean;
    hasSecretServerKey?: boolean;
    hasSuperSecretAdminKey?: boolean;
  }): Promise<InternalApiKeyFirstView> {
    const json = await this.iface.createInternalApiKey({
      description: options.description,
      expires_at_millis: options.expiresAt.getTime(),
      has_publishable_client_key: options.hasPublishableClientKey ?? false,
      has_secret_server_key: options.hasSecretServerKey ?? false,
      has_super_secret_admin_key: options.hasSuperSecretAdminKey ?? false,
    });
    const full = (value: ApiKeySetJson["publishable_client_key"]) => (typeof value === "string" ? value : undefined);
    return {
      ...this.#apiKeyBase(json),
      publishableClientKey: full(json.publishable_client_key),
      secretServerKey: full(json.secret_server_key),
      superSecretAdminKey: full(json.super_secret_admin_key),
    };
  }

  /** The project's team permissions, the six built-in `$` ones included. */
  async listTeamPermissionDefinitions(): Promise<AdminTeamPermissionDefinition[]> {
    return (await this.iface.listPermissionDefinitions("team")).map(permissionDefinitionFromJson);
  }

  /**
   * Defines a team permission; holding it implies holding every contained one.
   * @example await admin.createTeamPermissionDefinition({ id: "docs:edit", containedPermissionIds: ["docs:read"] });
   */
  async createTeamPermissionDefinition(options: AdminTeamPermissionDefinitionCreateOptions): Promise<AdminTeamPermissionDefinition> {
    return permissionDefinitionFromJson(await this.iface.createPermissionDefinition("team", permissionDefinitionCreateToJson(options)));
  }

  async updateTeamPermissionDefinition(permissionId: string, options: AdminTeamPermissionDefinitionUpdateOptions): Promise<void> {
    await this.iface.updatePermissionDefinition("team", permissionId, permissionDefinitionUpdateToJson(options));
  }

  /** Deletes the definition and every grant of it. */
  async deleteTeamPermissionDefinition(permissionId: string): Promise<void> {
    await this.iface.deletePermissionDefinition("team", permissionId);
  }

  async listProjectPermissionDefinitions(): Promise<AdminProjectPermissionDefinition[]> {
    return (await this.iface.listPermissionDefinitions("project")).map(permissionDefinitionFromJson);
  }

  async createProjectPermissionDefinition(options: AdminProjectPermissionDefinitionCreateOptions): Promise<AdminProjectPermissionDefinition> {
    return permissionDefinitionFromJson(await this.iface.createPermissionDefinition("project", permissionDefinitionCreateToJson(options)));
  }

  async updateProjectPermissionDefinition(permissionId: string, options: AdminProjectPermissionDefinitionUpdateOptions): Promise<void> {
    await this.iface.updatePermissionDefinition("project", permissionId, permissionDefinitionUpdateToJson(options));
  }

  async deleteProjectPermissionDefinition(permissionId: string): Promise<void> {
    await this.iface.deletePermissionDefinition("project", permissionId);
  }

  /** The project's webhook endpoints, oldest first. Their secrets are not among what is answered. */
  async listWebhookEndpoints(): Promise<WebhookEndpoint[]> {
    return (await this.iface.listWebhookEndpoints()).map(webhookEndpointFromJson);
  }

  /**
   * Adds an endpoint; the answer holds its signing secret, which is never answered again.
   * @example
   * const endpoint = await admin.createWebhookEndpoint({ url: "https://api.example.com/hexclave-webhooks", eventTypes: ["user.created"] });
   * await saveSecret(endpoint.secret); // whsec_…
   */
  async createWebhookEndpoint(options: WebhookEndpointCreateOptions): Promise<WebhookEndpointFirstView> {
    const json = await this.iface.createWebhookEndpoint(webhookEndpointCreateToJson(options));
    return { ...webhookEndpointFromJson(json), secret: json.secret };
  }

  /**
   * One endpoint of the project, or null.
   * @example const endpoint = await admin.getWebhookEndpoint(endpointId); if (endpoint?.disabledReason) console.warn(endpoint.disabledReason);
   */
  async getWebhookEndpoint(endpointId: string): Promise<WebhookEndpoint | null> {
    const json = await this.iface.getWebhookEndpoint(endpointId);
    return json === null ? null : webhookEndpointFromJson(json);
  }

  /**
   * Changes the fields given. Turning an endpoint on does not send what happened while it was off.
   * @example await admin.updateWebhookEndpoint(endpointId, { enabled: true }); // also after the server turned it off
   */
  async updateWebhookEndpoint(endpointId: string, options: WebhookEndpointUpdateOptions): Promise<WebhookEndpoint> {
    return webhookEndpointFromJson(await this.iface.updateWebhookEndpoint(endpointId, webhookEndpointUpdateToJson(options)));
  }

  /**
   * Deletes the endpoint with its delivery log; nothing more is sent to it.
   * @example await admin.deleteWebhookEndpoint(endpointId);
   */
  async deleteWebhookEndpoint(endpointId: string): Promise<void> {
    await this.iface.deleteWebhookEndpoint(endpointId);
  }

  /**
   * Gives the endpoint a new secret, answered this once. The old one keeps signing beside it for 24 hours, so the
   * receiver can switch over without dropping a delivery.
   * @example const { secret, previousSecretExpiresAt } = await admin.rotateWebhookEndpointSecret(endpointId);
   */
  async rotateWebhookEndpointSecret(endpointId: string): Promise<WebhookEndpointFirstView> {
    const json = await this.iface.rotateWebhookEndpointSecret(endpointId);
    return { ...webhookEndpointFromJson(json), secret: json.secret };
  }

  /**
   * A page of an endpoint's delivery log, newest first; pass `nextCursor` back for the next. Test events are in it too.
   * @example
   * const { items, nextCursor } = await admin.listWebhookDeliveries(endpointId, { limit: 20 });
   * const failed = items.filter((delivery) => delivery.status === "failed");
   */
  async listWebhookDeliveries(endpointId: string, options: ListWebhookDeliveriesOptions = {}): Promise<WebhookDeliveryPage> {
    const page = await this.iface.listWebhookDeliveries(endpointId, { limit: options.limit, before_millis: webhookDeliveryCursorToMillis(options.cursor) });
    return { items: page.items.map(webhookDeliveryFromJson), nextCursor: page.next_before_millis === null ? null : String(page.next_before_millis) };
  }

  /**
   * Sends a delivery again, from its first attempt, with the same `webhook-id`, so the receiver can tell it is a repeat.
   * @example const queued = await admin.replayWebhookDelivery(endpointId, delivery.id); // queued.status === "pending"
   */
  async replayWebhookDelivery(endpointId: string, deliveryId: string): Promise<WebhookDelivery> {
    return webhookDeliveryFromJson(await this.iface.replayWebhookDelivery(endpointId, deliveryId));
  }

  /**
   * Sends a `stack.test` event to the endpoint now, on or off, and answers how the receiver took it. A receiver that
   * refuses it or cannot be reached is a result with the reason, not an error.
   * @example
   * const result = await admin.sendTestWebhook(endpointId);
   * if (!result.success) console.error(result.errorMessage); // "Answered 500.", …
   */
  async sendTestWebhook(endpointId: string): Promise<SendTestWebhookResult> {
    const json = await this.iface.sendTestWebhook(endpointId);
    return json.success ? { success: true } : { success: false, errorMessage: json.error_message ?? "The receiver did not take the test event." };
  }

  #apiKeyBase(json: ApiKeySetJson) {
    const expiresAt = new Date(json.expires_at_millis);
    const manuallyRevokedAt = json.manually_revoked_at_millis ? new Date(json.manually_revoked_at_millis) : null;
    return {
      id: json.id,
      description: json.description,
      createdAt: new Date(json.created_at_millis),
      expiresAt,
      manuallyRevokedAt,
      isValid: () => manuallyRevokedAt === null && expiresAt.getTime() > Date.now(),
      revoke: async () => {
        await this.iface.revokeInternalApiKey(json.id);
      },
    };
  }
}
