import type { ProjectConfig } from "./config";
import type { ProjectRow } from "./tenancy";

const permissionList = (ids: Record<string, boolean>) =>
  Object.entries(ids)
    .filter(([, on]) => on)
    .map(([id]) => ({ id }));

/** The sign-in providers of Stack Auth's types, which the legacy views describe; generic OpenID ones have no such type. */
function enabledProviders(config: ProjectConfig) {
  return Object.entries(config.auth.oauth.providers)
    .filter(([, provider]) => provider.type && provider.type !== "oidc" && provider.allowSignIn)
    .sort(([, a], [, b]) => a.type!.localeCompare(b.type!));
}

/** What the sign-in page offers: a preset by its type, as Stack Auth's SDKs expect, and an OpenID provider by its key. */
function signInProviderIds(config: ProjectConfig): { id: string }[] {
  const openId = Object.entries(config.auth.oauth.providers)
    .filter(([, provider]) => provider.type === "oidc" && provider.allowSignIn)
    .map(([key]) => ({ id: key }));
  return [...enabledProviders(config).map(([, provider]) => ({ id: provider.type! })), ...openId];
}

function domainList(config: ProjectConfig) {
  return Object.values(config.domains.trustedDomains)
    .map((domain) => ({ domain: domain.baseUrl, handler_path: domain.handlerPath ?? "/handler" }))
    .sort((a, b) => a.domain.localeCompare(b.domain));
}

function clientConfigJson(config: ProjectConfig) {
  return {
    sign_up_enabled: config.auth.allowSignUp,
    credential_enabled: config.auth.password.allowSignIn,
    magic_link_enabled: config.auth.otp.allowSignIn,
    passkey_enabled: config.auth.passkey.allowSignIn,
    client_team_creation_enabled: config.teams.allowClientTeamCreation,
    client_user_deletion_enabled: config.users.allowClientUserDeletion,
    allow_user_api_keys: config.apiKeys.enabled.user,
    allow_team_api_keys: config.apiKeys.enabled.team,
    // Newer SDKs check their own redirects against the project's trusted domains and this flag.
    allow_localhost: config.domains.allowLocalhost,
    enabled_oauth_providers: signInProviderIds(config),
    domains: domainList(config),
  };
}

/** The view any client of the project may read. */
export function toClientProjectJson(row: ProjectRow, config: ProjectConfig) {
  return { id: row.id, display_name: row.displayName, config: clientConfigJson(config) };
}

function emailConfigJson(config: ProjectConfig) {
  const server = config.emails.server;
  if (server.isShared) return { type: "shared" as const };
  return {
    type: "standard" as const,
    host: server.host,
    port: server.port,
    username: server.username,
    password: server.password,
    sender_name: server.senderName,
    sender_email: server.senderEmail,
  };
}

/** The admin view, with the legacy `config` object the published SDKs still read. */
export function toAdminProjectJson(row: ProjectRow, config: ProjectConfig) {
  return {
    id: row.id,
    display_name: row.displayName,
    description: row.description,
    logo_url: row.logoUrl,
    logo_full_url: row.logoFullUrl,
    logo_dark_mode_url: row.logoDarkModeUrl,
    logo_full_dark_mode_url: row.logoFullDarkModeUrl,
    created_at_millis: row.createdAt.getTime(),
    is_production_mode: row.isProductionMode,
    is_development_environment: row.isDevelopmentEnvironment,
    owner_team_id: row.ownerTeamId,
    onboarding_status: row.onboardingStatus,
    config: {
      ...clientConfigJson(config),
      oauth_providers: enabledProviders(config).map(([key, provider]) => ({
        provider_config_id: key,
        id: provider.type!,
        type: provider.isShared === false ? "standard" : "shared",
        ...(provider.isShared === false ? { client_id: provider.clientId, client_secret: provider.clientSecret } : {}),
        ...(provider.facebookConfigId === undefined ? {} : { facebook_config_id: provider.facebookConfigId }),
        ...(provider.microsoftTenantId === undefined ? {} : { microsoft_tenant_id: provider.microsoftTenantId }),
        ...(Object.keys(provider.appleBundles).length === 0
          ? {}
          : { apple_bundle_ids: Object.values(provider.appleBundles).flatMap((bundle) => (bundle.bundleId ? [bundle.bundleId] : [])) }),
      })),
      email_config: emailConfigJson(config),
      email_theme: config.emails.selectedThemeId,
      create_team_on_sign_up: config.teams.createPersonalTeamOnSignUp,
      team_creator_default_permissions: permissionList(config.rbac.defaultPermissions.teamCreator),
      team_member_default_permissions: permissionList(config.rbac.defaultPermissions.teamMember),
      user_default_permissions: permissionList(config.rbac.defaultPermissions.signUp),
      oauth_account_merge_strategy: config.auth.oauth.accountMergeStrategy,
    },
  };
}
