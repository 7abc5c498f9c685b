// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { AdminProjectJson, ProjectJson } from "@stackframe/stack-shared";

export type ProjectConfig = {
  readonly signUpEnabled: boolean;
  readonly credentialEnabled: boolean;
  readonly magicLinkEnabled: boolean;
  readonly passkeyEnabled: boolean;
  readonly clientTeamCreationEnabled: boolean;
  readonly clientUserDeletionEnabled: boolean;
  readonly allowUserApiKeys: boolean;
  readonly allowTeamApiKeys: boolean;
  readonly oauthProviders: readonly { id: string }[];
};

export type Project = { readonly id: string; readonly displayName: string; readonly config: ProjectConfig };

export type AdminProject = Project & {
  readonly description: string | null;
  readonly createdAt: Date;
  readonly isProductionMode: boolean;
  readonly ownerTeamId: string | null;
};

export function projectFromJson(json: ProjectJson): Project {
  const { config } = json;
  return {
    id: json.id,
    displayName: json.display_name,
    config: {
      signUpEnabled: config.sign_up_enabled,
      credentialEnabled: config.credential_enabled,
      magicLinkEnabled: config.magic_link_enabled,
      passkeyEnabled: config.passkey_enabled,
      clientTeamCreationEnabled: config.client_team_creation_enabled,
      clientUserDeletionEnabled: config.client_user_deletion_enabled,
      allowUserApiKeys: config.allow_user_api_keys,
      allowTeamApiKeys: config.allow_team_api_keys,
      oauthProviders: config.enabled_oauth_providers.map(({ id }) => ({ id })),
    },
  };
}

export function adminProjectFromJson(json: AdminProjectJson): AdminProject {
  return {
    ...projectFromJson(json),
    description: json.description,
    createdAt: new Date(json.created_at_millis),
    isProductionMode: json.is_production_mode,
    ownerTeamId: json.owner_team_id,
  };
}
