/** JSON shapes of the REST API v1 as the SDK reads them. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type TokenPair = { accessToken: string | null; refreshToken: string | null };

export type SignInResponse = { access_token: string; refresh_token: string; user_id: string };

/**
 * The start of a passkey ceremony: WebAuthn options for the browser, and the code its answer goes back with. The API
 * cannot know the page's hostname, so the options' RP ID is a placeholder the SDK replaces before the browser sees them.
 */
export type PasskeyCeremonyJson<Options> = { options_json: Options; code: string };

/** PublicKeyCredentialCreationOptionsJSON, for navigator.credentials.create. */
export type PasskeyCreationOptionsJson = { rp: { id?: string; name: string }; [field: string]: unknown };

/** PublicKeyCredentialRequestOptionsJSON, for navigator.credentials.get. */
export type PasskeyRequestOptionsJson = { rpId?: string; [field: string]: unknown };

export type RestrictedReason = { type: "anonymous" | "email_not_verified" | "restricted_by_administrator" };

export type TeamJson = {
  id: string;
  display_name: string;
  profile_image_url: string | null;
  client_metadata: Json;
  client_read_only_metadata: Json;
};

export type ServerTeamJson = TeamJson & { created_at_millis: number; server_metadata: Json };

/** POST /teams; the server may also set the read-only and server metadata. */
export type TeamCreateJson = {
  display_name: string;
  profile_image_url?: string | null;
  /** A user id, or `me`; a client's team always includes its creator. */
  creator_user_id?: string;
  client_metadata?: Json;
  client_read_only_metadata?: Json;
  server_metadata?: Json;
};

export type TeamUpdateJson = Partial<{
  display_name: string;
  profile_image_url: string | null;
  client_metadata: Json;
  client_read_only_metadata: Json;
  server_metadata: Json;
}>;

/** A member's name and picture in one team; they fall back to the user's own when the member set none. */
export type TeamMemberProfileJson = { team_id: string; user_id: string; display_name: string | null; profile_image_url: string | null };

export type ServerTeamMemberProfileJson = TeamMemberProfileJson & { user: ServerUserJson };

export type TeamInvitationJson = {
  id: string;
  team_id: string;
  team_display_name: string;
  expires_at_millis: number;
  recipient_email: string;
};

export type TeamPermissionJson = { id: string; user_id: string; team_id: string };

export type ProjectPermissionJson = { id: string; user_id: string };

export type PermissionDefinitionJson = { id: string; description?: string; contained_permission_ids: string[] };

export type PermissionDefinitionCreateJson = { id: string; description?: string; contained_permission_ids?: string[] };

export type PermissionDefinitionUpdateJson = Partial<{ id: string; description: string; contained_permission_ids: string[] }>;

/** Whose keys a call is about: a user's (`me` for the signed-in one) or a team's. */
export type ApiKeyOwnerJson = { user_id: string } | { team_id: string };

type ApiKeyBaseJson = {
  id: string;
  description: string;
  expires_at_millis?: number;
  manually_revoked_at_millis?: number;
  created_at_millis: number;
  is_public: boolean;
} & ({ type: "user"; user_id: string } | { type: "team"; team_id: string });

/** A user or team API key as listed: only the last four characters of its secret. */
export type ApiKeyJson = ApiKeyBaseJson & { value: { last_four: string } };

/** The answer to creating a key: the only time the full key string is sent. */
export type ApiKeyFirstViewJson = ApiKeyBaseJson & { value: string };

export type ApiKeyCreateJson = { description: string; expires_at_millis: number | null; is_public?: boolean };

/** Revocation is one-way: the API accepts `revoked: true` only. */
export type ApiKeyUpdateJson = { description?: string; revoked?: boolean };

export type UserJson = {
  id: string;
  primary_email: string | null;
  primary_email_verified: boolean;
  display_name: string | null;
  selected_team: TeamJson | null;
  selected_team_id: string | null;
  profile_image_url: string | null;
  signed_up_at_millis: number;
  has_password: boolean;
  otp_auth_enabled: boolean;
  passkey_auth_enabled: boolean;
  client_metadata: Json;
  client_read_only_metadata: Json;
  is_anonymous: boolean;
  is_restricted: boolean;
  restricted_reason: RestrictedReason | null;
  restricted_by_admin: boolean;
  restricted_by_admin_reason: string | null;
  oauth_providers: { id: string; account_id: string; email: string | null }[];
  auth_with_email: boolean;
  requires_totp_mfa: boolean;
};

export type ServerUserJson = Omit<UserJson, "selected_team"> & {
  selected_team: ServerTeamJson | null;
  primary_email_auth_enabled: boolean;
  server_metadata: Json;
  last_active_at_millis: number;
  restricted_by_admin_private_details: string | null;
  country_code: string | null;
  risk_scores: { sign_up: { bot: number; free_trial_abuse: number } };
};

export type UserUpdateJson = Partial<{
  display_name: string | null;
  profile_image_url: string | null;
  client_metadata: Json;
  primary_email: string | null;
  selected_team_id: string | null;
  otp_auth_enabled: boolean;
  totp_secret_base64: string | null;
  /** Only `false`, which removes the user's passkey; one is added by registering it. */
  passkey_auth_enabled: boolean;
}>;

export type ServerUserUpdateJson = UserUpdateJson &
  Partial<{
    client_read_only_metadata: Json;
    server_metadata: Json;
    primary_email_verified: boolean;
    primary_email_auth_enabled: boolean;
    password: string | null;
    password_hash: string;
    restricted_by_admin: boolean;
    restricted_by_admin_reason: string | null;
    restricted_by_admin_private_details: string | null;
    country_code: string | null;
    risk_scores: { sign_up: { bot: number; free_trial_abuse: number } };
  }>;

export type ServerUserCreateJson = Omit<ServerUserUpdateJson, "selected_team_id"> & { is_anonymous?: boolean };

export type SessionJson = {
  id: string;
  user_id: string;
  created_at: number;
  last_used_at: number;
  is_impersonation: boolean;
  is_current_session: boolean;
};

export type ProjectJson = {
  id: string;
  display_name: string;
  config: {
    sign_up_enabled: boolean;
    credential_enabled: boolean;
    magic_link_enabled: boolean;
    passkey_enabled: boolean;
    client_team_creation_enabled: boolean;
    client_user_deletion_enabled: boolean;
    allow_user_api_keys: boolean;
    allow_team_api_keys: boolean;
    enabled_oauth_providers: { id: string }[];
    domains: { domain: string; handler_path: string }[];
  };
};

export type AdminProjectJson = Omit<ProjectJson, "config"> & {
  description: string | null;
  created_at_millis: number;
  is_production_mode: boolean;
  owner_team_id: string | null;
  config: ProjectJson["config"] & Record<string, Json>;
};

export type AdminProjectUpdateJson = Partial<{
  display_name: string;
  description: string | null;
  is_production_mode: boolean;
  config: Record<string, Json>;
}>;

export type ApiKeySetJson = {
  id: string;
  description: string;
  created_at_millis: number;
  expires_at_millis: number;
  manually_revoked_at_millis?: number | null;
  publishable_client_key?: { last_four: string } | string;
  secret_server_key?: { last_four: string } | string;
  super_secret_admin_key?: { last_four: string } | string;
};

export type ApiKeySetCreateJson = {
  description: string;
  expires_at_millis: number;
  has_publishable_client_key: boolean;
  has_secret_server_key: boolean;
  has_super_secret_admin_key: boolean;
};

export type ListJson<T> = { items: T[]; is_paginated: boolean; pagination?: { next_cursor: string | null } };

export type ContactChannelJson = {
  id: string;
  user_id: string;
  type: "email";
  value: string;
  is_verified: boolean;
  is_primary: boolean;
  used_for_auth: boolean;
};

export type ContactChannelUpdateJson = Partial<{ value: string; used_for_auth: boolean; is_primary: boolean; is_verified: boolean }>;

/** A channel the server adds to any user; only server and admin access may mark it verified from the start. */
export type ServerContactChannelCreateJson = {
  user_id: string;
  type: "email";
  value: string;
  used_for_auth: boolean;
  is_primary?: boolean;
  is_verified?: boolean;
};

/** The three levels a config override is stored at; the environment wins over the branch, the branch over the project. */
export type ConfigLevel = "project" | "branch" | "environment";

/** A config (or one level's override) travels as a JSON object serialised into a string. */
export type ConfigStringJson = { config_string: string };

/** Where the branch level came from: a push from a GitHub repository, a push from elsewhere, or none (edited in place). */
export type ConfigSourceJson =
  | {
      type: "pushed-from-github";
      owner: string;
      repo: string;
      branch: string;
      commit_hash: string;
      config_file_path: string;
      workflow_path?: string;
    }
  | { type: "pushed-from-unknown" }
  | { type: "unlinked" };

/** One UTC day of a metrics series: `date` is `YYYY-MM-DD`. */
export type MetricsDataPointJson = { date: string; activity: number };

/** `GET /internal/metrics`: the user figures of the dashboard's overview. */
export type ProjectMetricsJson = {
  total_users: number;
  daily_users: MetricsDataPointJson[];
  daily_active_users: MetricsDataPointJson[];
  users_by_country: Record<string, number>;
  recently_registered: ServerUserJson[];
  recently_active: ServerUserJson[];
  login_methods: { method: string; count: number }[];
};

/** SMTP settings to try out with `POST /internal/send-test-email`; an empty username sends without authenticating. */
export type TestEmailConfigJson = { host: string; port: number; username: string; password: string; sender_name: string; sender_email: string };

export type TestEmailResultJson = { success: boolean; error_message?: string };

export type OutboxEmailStatus = "queued" | "sending" | "sent" | "failed";
export type OutboxEmailSimpleStatus = "in-progress" | "ok" | "error";

/** An email of the project's outbox (`GET /emails/outbox`), newest first. */
export type OutboxEmailJson = {
  id: string;
  created_at_millis: number;
  kind: string;
  to: { type: "custom-emails"; emails: string[] };
  subject: string;
  status: OutboxEmailStatus;
  simple_status: OutboxEmailSimpleStatus;
  has_delivered: boolean;
  sent_at_millis: number | null;
  send_retries: number;
  next_attempt_at_millis: number | null;
  send_attempt_errors: string[];
};

/** A webhook endpoint of the project (`/internal/webhooks/endpoints`); its secret is answered only when it is made. */
export type WebhookEndpointJson = {
  id: string;
  url: string;
  description: string;
  /** Empty: every event. */
  event_types: string[];
  enabled: boolean;
  /** Why the server turned the endpoint off; null when it is on or an admin turned it off. */
  disabled_reason: string | null;
  /** Until when the secret before the last rotation still signs too. */
  previous_secret_expires_at_millis: number | null;
  /** When a delivery last got a 2xx; null before the first. */
  last_delivered_at_millis: number | null;
  created_at_millis: number;
  updated_at_millis: number;
};

export type WebhookEndpointWithSecretJson = WebhookEndpointJson & { secret: string };

export type WebhookEndpointCreateJson = { url: string; description?: string; event_types?: string[]; enabled?: boolean };

export type WebhookEndpointUpdateJson = Partial<WebhookEndpointCreateJson>;

export type WebhookDeliveryStatus = "pending" | "delivering" | "delivered" | "failed";

/** One event's delivery to one endpoint, as its log shows it. */
export type WebhookDeliveryJson = {
  id: string;
  event_id: string;
  event_type: string;
  /** The JSON body sent to the endpoint, exactly as signed. */
  request_body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at_millis: number | null;
  last_attempt_at_millis: number | null;
  last_response_status: number | null;
  /** The start of the receiver's last answer. */
  last_response_body: string | null;
  last_error: string | null;
  delivered_at_millis: number | null;
  created_at_millis: number;
};

/** A page of a delivery log, newest first; `next_before_millis` asks for the page after it, null on the last. */
export type WebhookDeliveryPageJson = { items: WebhookDeliveryJson[]; next_before_millis: number | null };

export type WebhookDeliveryPageQuery = { limit?: number; before_millis?: number };

export type SendTestWebhookResultJson = { success: boolean; error_message?: string };
