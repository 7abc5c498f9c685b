import { randomUUID } from "node:crypto";
import { StatusError } from "../../lib/status-error";
import { EMAIL_THEMES } from "../emails/templates/themes";

export type LegacyConfigPatch = {
  sign_up_enabled?: boolean;
  credential_enabled?: boolean;
  magic_link_enabled?: boolean;
  passkey_enabled?: boolean;
  client_team_creation_enabled?: boolean;
  client_user_deletion_enabled?: boolean;
  allow_localhost?: boolean;
  allow_user_api_keys?: boolean;
  allow_team_api_keys?: boolean;
  create_team_on_sign_up?: boolean;
  oauth_account_merge_strategy?: "link_method" | "raise_error" | "allow_duplicates";
  require_email_verification?: boolean;
  domains?: { domain: string; handler_path: string }[];
  oauth_providers?: {
    id: string;
    type: "shared" | "standard";
    client_id?: string;
    client_secret?: string;
    facebook_config_id?: string;
    microsoft_tenant_id?: string;
    apple_bundle_ids?: string[];
  }[];
  email_config?: {
    type: "shared" | "standard";
    host?: string;
    port?: number;
    username?: string;
    password?: string;
    sender_name?: string;
    sender_email?: string;
  };
  email_theme?: string;
  team_creator_default_permissions?: { id: string }[];
  team_member_default_permissions?: { id: string }[];
  user_default_permissions?: { id: string }[];
};

const FLAG_KEYS: Record<string, string> = {
  sign_up_enabled: "auth.allowSignUp",
  credential_enabled: "auth.password.allowSignIn",
  magic_link_enabled: "auth.otp.allowSignIn",
  passkey_enabled: "auth.passkey.allowSignIn",
  client_team_creation_enabled: "teams.allowClientTeamCreation",
  client_user_deletion_enabled: "users.allowClientUserDeletion",
  allow_localhost: "domains.allowLocalhost",
  allow_user_api_keys: "apiKeys.enabled.user",
  allow_team_api_keys: "apiKeys.enabled.team",
  create_team_on_sign_up: "teams.createPersonalTeamOnSignUp",
  oauth_account_merge_strategy: "auth.oauth.accountMergeStrategy",
  require_email_verification: "onboarding.requireEmailVerification",
  email_theme: "emails.selectedThemeId",
};

const idSet = (items: { id: string }[]) => Object.fromEntries(items.map((item) => [item.id, true]));

/** Translates the legacy `config` fields of a project PATCH into config override keys. */
export function legacyConfigToOverride(patch: LegacyConfigPatch): Record<string, unknown> {
  if (patch.email_theme !== undefined && !(patch.email_theme in EMAIL_THEMES)) {
    throw new StatusError(400, "Invalid email theme: no email theme has that id.");
  }
  const override: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(FLAG_KEYS)) {
    const value = patch[field as keyof LegacyConfigPatch];
    if (value !== undefined) override[key] = value;
  }
  if (patch.domains) {
    override["domains.trustedDomains"] = Object.fromEntries(
      patch.domains.map((d) => [randomUUID(), { baseUrl: d.domain, handlerPath: d.handler_path }]),
    );
  }
  if (patch.oauth_providers) {
    override["auth.oauth.providers"] = Object.fromEntries(
      patch.oauth_providers.map((p) => [
        p.id,
        {
          type: p.id,
          isShared: p.type === "shared",
          allowSignIn: true,
          allowConnectedAccounts: true,
          ...(p.type === "standard" ? { clientId: p.client_id, clientSecret: p.client_secret } : {}),
          ...(p.facebook_config_id === undefined ? {} : { facebookConfigId: p.facebook_config_id }),
          ...(p.microsoft_tenant_id === undefined ? {} : { microsoftTenantId: p.microsoft_tenant_id }),
          ...(p.apple_bundle_ids === undefined
            ? {}
            : { appleBundles: Object.fromEntries(p.apple_bundle_ids.map((bundleId, index) => [`bundle_${index}`, { bundleId }])) }),
        },
      ]),
    );
  }
  if (patch.email_config) {
    const e = patch.email_config;
    override["emails.server"] =
      e.type === "shared"
        ? { isShared: true }
        : { isShared: false, provider: "smtp", host: e.host, port: e.port, username: e.username, password: e.password, senderName: e.sender_name, senderEmail: e.sender_email };
  }
  if (patch.team_creator_default_permissions) {
    override["rbac.defaultPermissions.teamCreator"] = idSet(patch.team_creator_default_permissions);
  }
  if (patch.team_member_default_permissions) {
    override["rbac.defaultPermissions.teamMember"] = idSet(patch.team_member_default_permissions);
  }
  if (patch.user_default_permissions) override["rbac.defaultPermissions.signUp"] = idSet(patch.user_default_permissions);
  return override;
}
