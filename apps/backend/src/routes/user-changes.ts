import type { AccessType } from "@stackframe/stack-shared";
import { type Services, profileImageDepsOf, serverSecretOf } from "../services";
import { sealTotpSecret } from "../domain/auth/mfa";
import { storeProfileImage } from "../domain/files/profile-images";
import type { ProjectConfig } from "../domain/projects/config";
import type { NewUser } from "../domain/users/create-user";
import { requirePrimaryEmailForFlags } from "../domain/users/emails";
import type { UserChanges } from "../domain/users/update-user";
import { StatusError } from "../lib/status-error";
import type { ServerUserCreate, ServerUserUpdate } from "./schemas/users";

/** A user write from a server: an update, or the same fields on create (where `is_anonymous` may be true). */
type UserWriteBody = Omit<ServerUserUpdate, "is_anonymous"> & { is_anonymous?: boolean };

async function passwordHashOf(services: Services, config: ProjectConfig, body: UserWriteBody): Promise<string | null | undefined> {
  if (body.password !== undefined && body.password_hash !== undefined) {
    throw new StatusError(400, "Set either password or password_hash, not both.");
  }
  if (body.password_hash !== undefined) {
    if (!services.passwords.isModularCryptHash(body.password_hash)) {
      throw new StatusError(400, "password_hash must be a whole bcrypt (cost at most 16) or argon2 hash in Modular Crypt Format.");
    }
    return body.password_hash;
  }
  if (body.password === undefined || body.password === null) return body.password;
  if (!config.auth.password.allowSignIn) throw new StatusError(400, "Password authentication is not enabled for this project.");
  // No minimum length: as in Stack Auth's API, a server sets the password it is given (sign-up keeps the rule).
  return services.passwords.hash(body.password);
}

function checkRestrictionFields(body: UserWriteBody): void {
  const hasDetails = (body.restricted_by_admin_reason ?? null) !== null || (body.restricted_by_admin_private_details ?? null) !== null;
  if (hasDetails && body.restricted_by_admin === false) {
    throw new StatusError(400, "A restriction reason or details need restricted_by_admin to be true.");
  }
}

/** Turns a validated user PATCH body into domain changes, hashing any new password and storing any uploaded image. */
export async function toUserChanges(services: Services, config: ProjectConfig, body: UserWriteBody, accessType: AccessType): Promise<UserChanges> {
  if (body.otp_auth_enabled === true && !config.auth.otp.allowSignIn) {
    throw new StatusError(400, "One-time-password sign-in is not enabled for this project.");
  }
  checkRestrictionFields(body);
  if (body.passkey_auth_enabled === true) {
    throw new StatusError(400, "A passkey is turned on by registering one; passkey_auth_enabled can only be set to false, which removes it.");
  }
  return {
    displayName: body.display_name,
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
    totpSecret: body.totp_secret_base64 == null ? body.totp_secret_base64 : sealTotpSecret(serverSecretOf(services), body.totp_secret_base64),
    leaveAnonymous: body.is_anonymous === false,
    removePasskey: body.passkey_auth_enabled === false,
    // Last, after every check above, so an upload is stored only for a request that is otherwise valid.
    profileImageUrl: await storeProfileImage(profileImageDepsOf(services), "user-profile-images", body.profile_image_url, { allowUrl: accessType !== "client" }),
  };
}

export async function toNewUser(services: Services, config: ProjectConfig, body: ServerUserCreate): Promise<NewUser> {
  requirePrimaryEmailForFlags(body.primary_email || null, {
    verified: body.primary_email_verified ?? false,
    authEnabled: body.primary_email_auth_enabled ?? false,
  });
  // Creating users is for servers and admins only.
  const { selectedTeamId: _selected, leaveAnonymous: _leave, passwordHash, ...changes } = await toUserChanges(services, config, body, "server");
  for (const link of body.oauth_providers ?? []) {
    if (!Object.hasOwn(config.auth.oauth.providers, link.id)) throw new StatusError(400, `OAuth provider ${link.id} is not configured for this project.`);
  }
  const oauthAccounts = body.oauth_providers?.map((link) => ({ providerConfigId: link.id, providerAccountId: link.account_id, email: link.email ?? null }));
  return { ...changes, passwordHash, isAnonymous: body.is_anonymous, oauthAccounts };
}
