import type { ProjectConfig } from "../projects/config";
import { toClientTeamJson, toServerTeamJson } from "../teams/team-json";
import { type UserRecord, restrictedReasonOf } from "./user-record";

/** The server and admin view of a user. */
export function toServerUserJson(record: UserRecord, config: ProjectConfig) {
  const { row } = record;
  const restrictedReason = restrictedReasonOf(record, config);
  return {
    id: row.id,
    primary_email: record.primaryEmail?.value ?? null,
    primary_email_verified: record.primaryEmail?.isVerified ?? false,
    primary_email_auth_enabled: record.primaryEmail?.usedForAuth ?? false,
    display_name: row.displayName,
    selected_team: record.selectedTeam ? toServerTeamJson(record.selectedTeam) : null,
    selected_team_id: record.selectedTeam?.id ?? null,
    profile_image_url: row.profileImageUrl,
    signed_up_at_millis: row.signedUpAt.getTime(),
    has_password: record.hasPassword,
    otp_auth_enabled: row.otpAuthEnabled,
    passkey_auth_enabled: record.hasPasskey,
    client_metadata: row.clientMetadata ?? null,
    client_read_only_metadata: row.clientReadOnlyMetadata ?? null,
    server_metadata: row.serverMetadata ?? null,
    last_active_at_millis: row.lastActiveAt.getTime(),
    is_anonymous: row.isAnonymous,
    is_restricted: restrictedReason !== null,
    restricted_reason: restrictedReason,
    restricted_by_admin: row.restrictedByAdmin,
    restricted_by_admin_reason: row.restrictedByAdminReason,
    restricted_by_admin_private_details: row.restrictedByAdminPrivateDetails,
    country_code: row.countryCode,
    risk_scores: row.riskScores ?? { sign_up: { bot: 0, free_trial_abuse: 0 } },
    oauth_providers: record.oauthProviders,
    // Deprecated in Stack Auth's API but still sent: the summary of the two ways to sign in with the email address.
    auth_with_email: record.hasPassword || row.otpAuthEnabled,
    requires_totp_mfa: row.totpSecret !== null,
  };
}

/** The signed-in user's own view: the server view less what only the server may read. */
export function toClientUserJson(record: UserRecord, config: ProjectConfig) {
  const {
    server_metadata: _serverMetadata,
    last_active_at_millis: _lastActive,
    primary_email_auth_enabled: _authEnabled,
    country_code: _country,
    risk_scores: _risk,
    restricted_by_admin_private_details: _private,
    selected_team,
    ...client
  } = toServerUserJson(record, config);
  return { ...client, selected_team: record.selectedTeam ? toClientTeamJson(record.selectedTeam) : selected_team };
}
