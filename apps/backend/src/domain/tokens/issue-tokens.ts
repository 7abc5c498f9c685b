import type { Tx } from "../../db/client";
import type { Tenancy } from "../projects/tenancy";
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

/** Opens a session for a user and returns the sign-in response tokens. */
export async function signInUser(db: Tx, tenancy: Tenancy, user: UserRecord, accessTokens: AccessTokenService): Promise<SignInResponse> {
  const input = { userId: user.row.id };
  if (isRecentlyActive(user)) {
    return signInResponseFor(accessTokens, tenancy, user, await insertSignInSession(db, tenancy, input));
  }
  const opened = await openSignInSession(db, tenancy, input);
  if (!opened) throw new Error(`User ${user.row.id} vanished between sign-in and session creation.`);
  return signInResponseFor(accessTokens, tenancy, user, { id: opened.sessionId, refreshToken: opened.refreshToken });
}
