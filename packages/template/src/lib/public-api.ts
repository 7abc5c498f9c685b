import { HexclaveAdminApp } from "./apps/admin-app.js";
import { HexclaveClientApp } from "./apps/client-app.js";
import { HexclaveServerApp } from "./apps/server-app.js";

export { HexclaveClientApp, HexclaveServerApp, HexclaveAdminApp };

/** @deprecated Renamed to {@link HexclaveClientApp}; this name stays as an alias of the same class. */
export const StackClientApp = HexclaveClientApp;
/** @deprecated Renamed to {@link HexclaveClientApp}; this name stays as an alias of the same class. */
export type StackClientApp = HexclaveClientApp;
/** @deprecated Renamed to {@link HexclaveServerApp}; this name stays as an alias of the same class. */
export const StackServerApp = HexclaveServerApp;
/** @deprecated Renamed to {@link HexclaveServerApp}; this name stays as an alias of the same class. */
export type StackServerApp = HexclaveServerApp;
/** @deprecated Renamed to {@link HexclaveAdminApp}; this name stays as an alias of the same class. */
export const StackAdminApp = HexclaveAdminApp;
/** @deprecated Renamed to {@link HexclaveAdminApp}; this name stays as an alias of the same class. */
export type StackAdminApp = HexclaveAdminApp;

export type { HexclaveClientAppOptions, HexclaveClientAppJson, HexclaveServerAppOptions, HexclaveAdminAppOptions } from "./apps/app-options.js";
export type { GetUserOptions, RedirectToOptions } from "./apps/client-app.js";
export type { ApiKeyLookup, CurrentServerUser, ListUsersOptions, ServerTeamList, ServerUserList } from "./apps/server-app.js";
export type {
  AdminAppProject,
  AdminOwnedProject,
  AdminProjectUpdateOptions,
  CurrentInternalUser,
  InternalApiKey,
  InternalApiKeyFirstView,
} from "./apps/admin-app.js";
export type { AdminProjectConfigMethods } from "./apps/admin-project-config.js";
export type { DataVaultStore } from "./data-vault.js";
export type { ConfigOverrideLevel, HexclaveConfig, PushConfigOptions, PushedConfigSource } from "./objects/config.js";
export type { BaseUser, CurrentUser, UserUpdateOptions } from "./objects/user.js";
export type { PermissionGrantMethods, ServerUser, ServerUserCreateOptions, ServerUserUpdateOptions } from "./objects/server-user.js";
export type { ContactChannel, ContactChannelCreateOptions } from "./objects/contact-channel.js";
export type { ServerContactChannel, ServerContactChannelCreateOptions, ServerContactChannelUpdateOptions } from "./objects/server-contact-channel.js";
export type { UserTeamMethods } from "./objects/user-teams.js";
export type { OAuthProvider } from "./objects/oauth-provider.js";
export type {
  ConnectedAccount,
  Connection,
  GetConnectedAccountOptions,
  LinkConnectedAccountOptions,
  UserOAuthMethods,
} from "./objects/user-oauth.js";
export type { ServerUserTeamMethods } from "./objects/server-user-teams.js";
export type { Team, TeamCreateOptions, TeamFields, TeamUpdateOptions } from "./objects/team.js";
export type { ServerTeam, ServerTeamCreateOptions, ServerTeamUpdateOptions, ServerTeamUser } from "./objects/server-team.js";
export type {
  EditableTeamMemberProfile,
  ServerTeamMemberProfile,
  TeamMemberProfile,
  TeamMemberProfileUpdateOptions,
  TeamUser,
} from "./objects/team-member.js";
export type { ReceivedTeamInvitation, SentTeamInvitation, TeamInvitation } from "./objects/team-invitation.js";
export type {
  AdminProjectPermission,
  AdminProjectPermissionDefinition,
  AdminProjectPermissionDefinitionCreateOptions,
  AdminProjectPermissionDefinitionUpdateOptions,
  AdminTeamPermission,
  AdminTeamPermissionDefinition,
  AdminTeamPermissionDefinitionCreateOptions,
  AdminTeamPermissionDefinitionUpdateOptions,
  PermissionMethods,
  ProjectPermission,
  TeamPermission,
} from "./objects/permission.js";
export type {
  ApiKey,
  ApiKeyCreationOptions,
  ApiKeyType,
  ApiKeyUpdateOptions,
  TeamApiKey,
  TeamApiKeyFirstView,
  UserApiKey,
  UserApiKeyFirstView,
} from "./objects/api-key.js";
export type { ActiveSession } from "./objects/active-session.js";
export type { MetricsDataPoint, ProjectMetrics } from "./objects/metrics.js";
export type { ListOutboxEmailsOptions, OutboxEmail, OutboxEmailPage } from "./objects/outbox-email.js";
export type { TestEmailConfig, TestEmailResult } from "./objects/test-email.js";
export type {
  ListWebhookDeliveriesOptions,
  SendTestWebhookResult,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookEndpointCreateOptions,
  WebhookEndpointFirstView,
  WebhookEndpointUpdateOptions,
} from "./objects/webhook.js";
export type { Project, AdminProject, ProjectConfig } from "./objects/project.js";
export type { TokenStoreInit, RequestLike } from "./token-stores/token-store.js";
export type { HandlerUrls } from "./urls.js";
export { createCspNonce, handlerPageHeaders, isHandlerPath, type HandlerHeadersOptions } from "./handler-headers.js";
export { Result } from "./result.js";
export { hexclaveAppInternalsSymbol, stackAppInternalsSymbol } from "./internals.js";
export { KnownError, KnownErrors, WEBHOOK_EVENT_TYPES, type WebhookDeliveryStatus, type WebhookEventType } from "@stackframe/stack-shared";
