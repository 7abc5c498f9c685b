import { OAUTH_PROVIDER_TYPES } from "../../domain/projects/config-schema";
import { z } from "../../lib/zod";
import { listOf } from "./common";

const httpUrl = () => z.string().url().max(300).refine((value) => /^https?:\/\//.test(value), "must be an http(s) URL");
const permissionRefs = () => z.array(z.object({ id: z.string().max(256) }).strict());
// Logos may be URLs or uploaded base64 images of up to 1 MB.
const logo = () => z.string().max(1_400_000).nullable().optional();

export const legacyConfigPatchSchema = z
  .object({
    sign_up_enabled: z.boolean(),
    credential_enabled: z.boolean(),
    magic_link_enabled: z.boolean(),
    passkey_enabled: z.boolean(),
    client_team_creation_enabled: z.boolean(),
    client_user_deletion_enabled: z.boolean(),
    allow_localhost: z.boolean(),
    allow_user_api_keys: z.boolean(),
    allow_team_api_keys: z.boolean(),
    create_team_on_sign_up: z.boolean(),
    oauth_account_merge_strategy: z.enum(["link_method", "raise_error", "allow_duplicates"]),
    require_email_verification: z.boolean(),
    domains: z.array(z.object({ domain: httpUrl(), handler_path: z.string().startsWith("/").max(300) }).strict()),
    oauth_providers: z.array(
      z
        .object({
          id: z.enum(OAUTH_PROVIDER_TYPES),
          type: z.enum(["shared", "standard"]),
          client_id: z.string().min(1).max(1024).optional(),
          client_secret: z.string().min(1).max(1024).optional(),
          facebook_config_id: z.string().max(1024).optional(),
          microsoft_tenant_id: z.string().max(1024).optional(),
          apple_bundle_ids: z.array(z.string().max(256)).optional(),
        })
        .strict()
        .refine((p) => p.type === "shared" || (p.client_id && p.client_secret), "standard providers need client_id and client_secret"),
    ),
    email_config: z
      .object({
        type: z.enum(["shared", "standard"]),
        host: z.string().max(256).optional(),
        port: z.number().int().min(1).max(65535).optional(),
        username: z.string().max(256).optional(),
        password: z.string().max(1024).optional(),
        sender_name: z.string().max(256).optional(),
        sender_email: z.string().email().optional(),
      })
      .strict()
      .superRefine((config, ctx) => {
        if (config.type !== "standard") return;
        // A project's own SMTP server needs every one of these to send anything.
        for (const field of ["host", "port", "username", "password", "sender_name", "sender_email"] as const) {
          if (config[field] === undefined || config[field] === "") ctx.addIssue({ code: "custom", path: [field], message: "is required for a standard email server" });
        }
      }),
    email_theme: z.string().max(256).optional(),
    team_creator_default_permissions: permissionRefs(),
    team_member_default_permissions: permissionRefs(),
    user_default_permissions: permissionRefs(),
  })
  .strict()
  .partial();

export const projectPatchFields = {
  display_name: z.string().min(1).max(256).optional(),
  description: z.string().max(4096).nullable().optional(),
  logo_url: logo(),
  logo_full_url: logo(),
  logo_dark_mode_url: logo(),
  logo_full_dark_mode_url: logo(),
  is_production_mode: z.boolean().optional(),
  is_development_environment: z.boolean().optional(),
  onboarding_status: z
    .enum(["config_choice", "apps_selection", "auth_setup", "domain_setup", "email_theme_setup", "payments_setup", "welcome", "completed"])
    .optional(),
  config: legacyConfigPatchSchema.optional(),
};

export const projectPatchSchema = z.object(projectPatchFields).strict();

const clientConfigFields = {
  sign_up_enabled: z.boolean(),
  credential_enabled: z.boolean(),
  magic_link_enabled: z.boolean(),
  passkey_enabled: z.boolean(),
  client_team_creation_enabled: z.boolean(),
  client_user_deletion_enabled: z.boolean(),
  allow_user_api_keys: z.boolean(),
  allow_team_api_keys: z.boolean(),
  allow_localhost: z.boolean(),
  enabled_oauth_providers: z.array(z.object({ id: z.string() }).strict()),
  domains: z.array(z.object({ domain: z.string(), handler_path: z.string() }).strict()),
};

export const clientProjectResponse = z
  .object({ id: z.string(), display_name: z.string(), config: z.object(clientConfigFields).strict() })
  .strict()
  .openapi("ClientProject");

const permissionIdList = () => z.array(z.object({ id: z.string() }).strict());

const adminConfig = z
  .object({
    ...clientConfigFields,
    oauth_providers: z.array(
      z
        .object({
          provider_config_id: z.string(),
          id: z.string(),
          type: z.enum(["shared", "standard"]),
          client_id: z.string().optional(),
          client_secret: z.string().optional(),
          facebook_config_id: z.string().optional(),
          microsoft_tenant_id: z.string().optional(),
          apple_bundle_ids: z.array(z.string()).optional(),
        })
        .strict(),
    ),
    email_config: z.union([
      z.object({ type: z.literal("shared") }).strict(),
      z
        .object({
          type: z.literal("standard"),
          host: z.string().optional(),
          port: z.number().int().optional(),
          username: z.string().optional(),
          password: z.string().optional(),
          sender_name: z.string().optional(),
          sender_email: z.string().optional(),
        })
        .strict(),
    ]),
    email_theme: z.string(),
    create_team_on_sign_up: z.boolean(),
    team_creator_default_permissions: permissionIdList(),
    team_member_default_permissions: permissionIdList(),
    user_default_permissions: permissionIdList(),
    oauth_account_merge_strategy: z.enum(["link_method", "raise_error", "allow_duplicates"]),
  })
  .strict()
  .openapi({ description: "The legacy view of the project's configuration, which the published SDKs still read." });

export const adminProjectResponse = z
  .object({
    id: z.string(),
    display_name: z.string(),
    description: z.string(),
    logo_url: z.string().nullable(),
    logo_full_url: z.string().nullable(),
    logo_dark_mode_url: z.string().nullable(),
    logo_full_dark_mode_url: z.string().nullable(),
    created_at_millis: z.number().int(),
    is_production_mode: z.boolean(),
    is_development_environment: z.boolean(),
    owner_team_id: z.string().uuid().nullable(),
    onboarding_status: projectPatchFields.onboarding_status.unwrap(),
    config: adminConfig,
  })
  .strict()
  .openapi("AdminProject");

export const adminProjectListResponse = listOf(adminProjectResponse, "AdminProjectList");

export const backendUrlsResponse = z.object({ urls: z.array(z.string().url()) }).strict().openapi("BackendUrls");
