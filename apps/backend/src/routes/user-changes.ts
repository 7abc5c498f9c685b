import type { Services } from "../services";
import { checkPasswordPolicy } from "../domain/auth/password-auth";
import type { ProjectConfig } from "../domain/projects/config";
import type { NewUser } from "../domain/users/create-user";
import type { UserChanges } from "../domain/users/update-user";
import { StatusError } from "../lib/status-error";
import type { ServerUserCreate, ServerUserUpdate } from "./schemas/users";

async function passwordHashOf(services: Services, config: ProjectConfig, body: ServerUserUpdate): Promise<string | null | undefined> {
  if (body.password !== undefined && body.password_hash !== undefined) {
    throw new StatusError(400, "Set either password or password_hash, not both.");
  }
  if (body.password_hash !== undefined) {
    if (!services.passwords.isModularCryptHash(body.password_hash)) throw new StatusError(400, "password_hash must be a bcrypt or argon2 hash.");
    return body.password_hash;
  }
  if (body.password === undefined || body.password === null) return body.password;
  if (!config.auth.password.allowSignIn) throw new StatusError(400, "Password authentication is not enabled for this project.");
  checkPasswordPolicy(body.password);
  return services.passwords.hash(body.password);
}

function checkRestrictionFields(body: ServerUserUpdate): void {
  const hasDetails = (body.restricted_by_admin_reason ?? null) !== null || (body.restricted_by_admin_private_details ?? null) !== null;
  if (hasDetails && body.restricted_by_admin === false) {
    throw new StatusError(400, "A restriction reason or details need restricted_by_admin to be true.");
  }
}

/** Turns a validated user PATCH body into domain changes, hashing any new password. */
export async function toUserChanges(services: Services, config: ProjectConfig, body: ServerUserUpdate): Promise<UserChanges> {
  if (body.otp_auth_enabled === true && !config.auth.otp.allowSignIn) {
    throw new StatusError(400, "One-time-password sign-in is not enabled for this project.");
  }
  checkRestrictionFields(body);
  return {
    displayName: body.display_name,
    profileImageUrl: body.profile_image_url,
    clientMetadata: body.client_metadata,
    clientReadOnlyMetadata: body.client_read_only_metadata,
    serverMetadata: body.server_metadata,
    primaryEmail: body.primary_email,
    primaryEmailVerified: body.primary_email_verified,
    primaryEmailAuthEnabled: body.primary_email_auth_enabled,
    passwordHash: await passwordHashOf(services, config, body),
    selectedTeamId: body.selected_team_id === undefined ? undefined : (body.selected_team_id?.toLowerCase() ?? null),
    restrictedByAdmin: body.restricted_by_admin,
    restrictedByAdminReason: body.restricted_by_admin_reason,
    restrictedByAdminPrivateDetails: body.restricted_by_admin_private_details,
    countryCode: body.country_code,
    riskScores: body.risk_scores,
    otpAuthEnabled: body.otp_auth_enabled,
  };
}

export async function toNewUser(services: Services, config: ProjectConfig, body: ServerUserCreate): Promise<NewUser> {
  if (!body.primary_email && (body.primary_email_verified || body.primary_email_auth_enabled)) {
    throw new StatusError(400, "primary_email_verified and primary_email_auth_enabled need a primary_email.");
  }
  const { selectedTeamId: _selected, passwordHash, ...changes } = await toUserChanges(services, config, body);
  return { ...changes, passwordHash, isAnonymous: body.is_anonymous };
}
