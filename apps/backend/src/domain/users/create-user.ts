import { randomUUID } from "node:crypto";
import { KnownErrors } from "@stackframe/stack-shared";
import { type SQL, sql } from "drizzle-orm";
import { type Tx, pgConstraint, pgErrorCode } from "../../db/client";
import type { Tenancy } from "../projects/tenancy";
import { type NewSession, newSession } from "../sessions/sessions";
import { userCreatedEventSteps } from "../webhooks/payloads";
import { normalizeEmail } from "./emails";
import { personalTeamName } from "./personal-team";
import { signUpPermissionIds } from "../permissions/project-permissions";
import { defaultTeamPermissionIds } from "../permissions/team-permissions";
import type { TeamRow, UserRecord, UserRow } from "./user-record";

export type NewUser = {
  primaryEmail?: string | null;
  primaryEmailVerified?: boolean;
  primaryEmailAuthEnabled?: boolean;
  passwordHash?: string | null;
  displayName?: string | null;
  profileImageUrl?: string | null;
  clientMetadata?: unknown;
  clientReadOnlyMetadata?: unknown;
  serverMetadata?: unknown;
  isAnonymous?: boolean;
  otpAuthEnabled?: boolean;
  /** Sealed, as domain/auth/mfa.ts seals it. */
  totpSecret?: string | null;
  restrictedByAdmin?: boolean;
  restrictedByAdminReason?: string | null;
  restrictedByAdminPrivateDetails?: string | null;
  countryCode?: string | null;
  riskScores?: { sign_up: { bot: number; free_trial_abuse: number } };
  /** Provider accounts to link in the same statement: an OAuth sign-up, or `oauth_providers` on POST /users. */
  oauthAccounts?: { providerConfigId: string; providerAccountId: string; email: string | null }[];
};

const json = (value: unknown) => (value === undefined || value === null ? sql`null` : sql`${JSON.stringify(value)}::jsonb`);

function buildRecord(tenancy: Tenancy, input: NewUser, email: string | null, ids: { userId: string; teamId: string | null }, now: Date): UserRecord {
  const row: UserRow = {
    id: ids.userId,
    tenancyId: tenancy.id,
    displayName: input.displayName || null,
    profileImageUrl: input.profileImageUrl ?? null,
    clientMetadata: input.clientMetadata ?? null,
    clientReadOnlyMetadata: input.clientReadOnlyMetadata ?? null,
    serverMetadata: input.serverMetadata ?? null,
    selectedTeamId: ids.teamId,
    isAnonymous: input.isAnonymous ?? false,
    restrictedByAdmin: input.restrictedByAdmin ?? false,
    restrictedByAdminReason: input.restrictedByAdminReason ?? null,
    restrictedByAdminPrivateDetails: input.restrictedByAdminPrivateDetails ?? null,
    countryCode: input.countryCode ?? null,
    riskScores: input.riskScores ?? null,
    totpSecret: input.totpSecret ?? null,
    totpLastUsedStep: null,
    otpAuthEnabled: input.otpAuthEnabled ?? false,
    signedUpAt: now,
    lastActiveAt: now,
  };
  const selectedTeam: TeamRow | null = ids.teamId
    ? {
        id: ids.teamId,
        tenancyId: tenancy.id,
        displayName: personalTeamName(input.displayName, email),
        profileImageUrl: null,
        clientMetadata: null,
        clientReadOnlyMetadata: null,
        serverMetadata: null,
        createdAt: now,
      }
    : null;
  return {
    row,
    primaryEmail: email
      ? { value: email, isVerified: input.primaryEmailVerified ?? false, usedForAuth: input.primaryEmailAuthEnabled ?? false }
      : null,
    hasPassword: Boolean(input.passwordHash),
    selectedTeam,
    oauthProviders: (input.oauthAccounts ?? []).map((link) => ({ id: link.providerConfigId, account_id: link.providerAccountId, email: link.email })),
    hasPasskey: false,
  };
}

/**
 * Creates a user with its primary email, password, personal team (when the project asks for it) and, for sign-ups,
 * its first session: one statement, so it is all or nothing and costs one round trip. A concurrent sign-up with the
 * same address loses on the unique index and gets USER_EMAIL_ALREADY_EXISTS.
 */
export async function createUser(
  db: Tx,
  tenancy: Tenancy,
  input: NewUser,
  options: { openSession?: boolean } = {},
): Promise<{ user: UserRecord; session: NewSession | null }> {
  const email = input.primaryEmail ? normalizeEmail(input.primaryEmail) : null;
  const ids = { userId: randomUUID(), teamId: tenancy.config.teams.createPersonalTeamOnSignUp ? randomUUID() : null };
  const now = new Date();
  const user = buildRecord(tenancy, input, email, ids, now);
  const session = options.openSession ? newSession() : null;
  const r = user.row;
  // Raw SQL, for one round trip; every row is written with this tenancy's id.
  const tenancyId = tenancy.id;

  const steps: SQL[] = [];
  if (ids.teamId) {
    steps.push(sql`new_team as (insert into teams (id, tenancy_id, display_name) values (${ids.teamId}, ${tenancyId}, ${user.selectedTeam!.displayName}))`);
  }
  steps.push(sql`new_user as (
    insert into project_users (id, tenancy_id, display_name, profile_image_url, client_metadata, client_read_only_metadata,
      server_metadata, selected_team_id, is_anonymous, restricted_by_admin, restricted_by_admin_reason,
      restricted_by_admin_private_details, country_code, risk_scores, otp_auth_enabled, totp_secret)
    values (${r.id}, ${tenancyId}, ${r.displayName}, ${r.profileImageUrl}, ${json(r.clientMetadata)}, ${json(r.clientReadOnlyMetadata)},
      ${json(r.serverMetadata)}, ${ids.teamId}, ${r.isAnonymous}, ${r.restrictedByAdmin}, ${r.restrictedByAdminReason},
      ${r.restrictedByAdminPrivateDetails}, ${r.countryCode}, ${json(r.riskScores)}, ${r.otpAuthEnabled}, ${r.totpSecret})
    returning signed_up_at)`);
  if (ids.teamId) {
    steps.push(sql`new_member as (insert into team_members (tenancy_id, team_id, user_id) values (${tenancyId}, ${ids.teamId}, ${r.id}))`);
  }
  // The personal team's creator and every new user get the project's default permissions, in the same statement.
  const teamGrants = ids.teamId ? defaultTeamPermissionIds(tenancy.config, "teamCreator") : [];
  if (teamGrants.length > 0) {
    steps.push(sql`new_team_grants as (insert into team_permission_grants (tenancy_id, team_id, user_id, permission_id)
      select ${tenancyId}, ${ids.teamId}, ${r.id}, unnest(${sql.param(teamGrants)}::text[]))`);
  }
  const projectGrants = signUpPermissionIds(tenancy.config);
  if (projectGrants.length > 0) {
    steps.push(sql`new_project_grants as (insert into project_permission_grants (tenancy_id, user_id, permission_id)
      select ${tenancyId}, ${r.id}, unnest(${sql.param(projectGrants)}::text[]))`);
  }
  if (user.primaryEmail) {
    steps.push(sql`new_email as (
      insert into contact_channels (tenancy_id, user_id, type, value, is_verified, is_primary, used_for_auth)
      values (${tenancyId}, ${r.id}, 'email', ${user.primaryEmail.value}, ${user.primaryEmail.isVerified}, true, ${user.primaryEmail.usedForAuth}))`);
  }
  if (input.oauthAccounts?.length) {
    const rows = input.oauthAccounts.map((link) => sql`(${tenancyId}, ${r.id}, ${link.providerConfigId}, ${link.providerAccountId}, ${link.email})`);
    steps.push(sql`new_oauth_accounts as (
      insert into oauth_accounts (tenancy_id, user_id, provider_config_id, provider_account_id, email) values ${sql.join(rows, sql`, `)})`);
  }
  if (input.passwordHash) {
    steps.push(sql`new_password as (insert into password_credentials (user_id, tenancy_id, password_hash) values (${r.id}, ${tenancyId}, ${input.passwordHash}))`);
  }
  if (session) {
    steps.push(sql`new_session as (
      insert into sessions (id, tenancy_id, user_id, refresh_token_hash, expires_at)
      values (${session.id}, ${tenancyId}, ${r.id}, ${session.refreshTokenHash}, ${session.expiresAt.toISOString()}::timestamptz))`);
  }
  // Its webhook events, in the same statement: they exist exactly when the user and its grants do.
  steps.push(...userCreatedEventSteps(tenancy, user, { project: projectGrants, team: teamGrants }));
  try {
    // Foreign keys between these rows are checked at the end of the statement, when all of them exist.
    // The sign-up time comes from Postgres: it keeps the microseconds that order users created in the same millisecond.
    const result = await db.execute<{ signed_up_at: string | Date }>(sql`with ${sql.join(steps, sql`, `)} select signed_up_at from new_user`);
    const signedUpAt = new Date((result as unknown as { rows: { signed_up_at: string | Date }[] }).rows[0]!.signed_up_at);
    user.row.signedUpAt = signedUpAt;
    user.row.lastActiveAt = signedUpAt;
    if (user.selectedTeam) user.selectedTeam.createdAt = signedUpAt;
  } catch (error) {
    if (pgErrorCode(error) === "23505" && pgConstraint(error) === "oauth_accounts_sign_in_unique") {
      throw new KnownErrors.OAuthProviderAccountIdAlreadyUsedForSignIn();
    }
    if (email && pgErrorCode(error) === "23505") throw new KnownErrors.UserEmailAlreadyExists(email);
    throw error;
  }
  return { user, session };
}
