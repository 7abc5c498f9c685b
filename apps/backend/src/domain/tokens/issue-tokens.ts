import { KnownErrors } from "@stackframe/stack-shared";
import type { Tx } from "../../db/client";
import type { Tenancy } from "../projects/tenancy";
import { startMfaAttempt } from "../auth/mfa-attempts";
import { insertSignInSession, openSignInSession } from "../sessions/sessions";
import { type UserRecord, isRecentlyActive, restrictedReasonOf } from "../users/user-record";
import type { AccessTokenService } from "./access-tokens";

export function signAccessTokenFor(accessTokens: AccessTokenService, tenancy: Tenancy, user: UserRecord, sessionId: string) {
  const restrictedReason = restrictedReasonOf(user, tenancy.config);
  return accessTokens.sign({
    sub: user.row.id,
    project_id: tenancy.project.id,
    branch_id: "main",
    refresh_token_id: sessionId,
    name: user.row.displayName,
    email: user.primaryEmail?.value ?? null,
    email_verified: user.primaryEmail?.isVerified ?? false,
    selected_team_id: user.row.selectedTeamId,
    signed_up_at: Math.floor(user.row.signedUpAt.getTime() / 1000),
    is_anonymous: user.row.isAnonymous,
    is_restricted: restrictedReason !== null,
    restricted_reason: restrictedReason,
    requires_totp_mfa: user.row.totpSecret !== null,
  });
}

export type SignInResponse = { access_token: string; refresh_token: string; user_id: string };

/** The sign-in response for a session that was just stored. */
export async function signInResponseFor(
  accessTokens: AccessTokenService,
  tenancy: Tenancy,
  user: UserRecord,
  session: { id: string; refreshToken: string },
): Promise<SignInResponse> {
  return {
    access_token: await signAccessTokenFor(accessTokens, tenancy, user, session.id),
    refresh_token: session.refreshToken,
    user_id: user.row.id,
  };
}

/**
 * Signs a user in whose first factor just passed: a session and its tokens, or, for a user with TOTP, the
 * MULTI_FACTOR_AUTHENTICATION_REQUIRED hand-off with an attempt code for /auth/mfa/sign-in. Call it after the first
 * factor's own writes are committed: the refusal would roll back a transaction it runs in, attempt code included.
 */
export async function signInUser(db: Tx, tenancy: Tenancy, user: UserRecord, accessTokens: AccessTokenService): Promise<SignInResponse> {
  if (user.row.totpSecret !== null) throw new KnownErrors.MultiFactorAuthenticationRequired(await startMfaAttempt(db, tenancy, user.row.id));
  return await openSessionFor(db, tenancy, user, accessTokens);
}

/** Opens a session for a user and returns the sign-in response tokens; every factor the user has must have passed. */
export async function openSessionFor(db: Tx, tenancy: Tenancy, user: UserRecord, accessTokens: AccessTokenService): Promise<SignInResponse> {
  const input = { userId: user.row.id };
  if (isRecentlyActive(user)) {
    return signInResponseFor(accessTokens, tenancy, user, await insertSignInSession(db, tenancy, input));
  }
  const opened = await openSignInSession(db, tenancy, input);
  if (!opened) throw new Error(`User ${user.row.id} vanished between sign-in and session creation.`);
  return signInResponseFor(accessTokens, tenancy, user, { id: opened.sessionId, refreshToken: opened.refreshToken });
}
