import type { Services } from "../../app-env";
import type { Tx } from "../../db/client";
import type { ResolvedProject } from "../projects/project-cache";
import { insertSignInSession, openSignInSession } from "../sessions/sessions";
import { type UserRecord, isRecentlyActive, restrictedReasonOf } from "../users/user-record";

export function signAccessTokenFor(services: Services, project: ResolvedProject, user: UserRecord, sessionId: string) {
  const restrictedReason = restrictedReasonOf(user, project.config);
  return services.accessTokens.sign({
    sub: user.row.id,
    project_id: project.row.id,
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
  services: Services,
  project: ResolvedProject,
  user: UserRecord,
  session: { id: string; refreshToken: string },
): Promise<SignInResponse> {
  return {
    access_token: await signAccessTokenFor(services, project, user, session.id),
    refresh_token: session.refreshToken,
    user_id: user.row.id,
  };
}

/** Opens a session for a user and returns the sign-in response tokens. */
export async function signInUser(
  services: Services,
  db: Tx,
  project: ResolvedProject,
  user: UserRecord,
): Promise<SignInResponse> {
  const input = { tenancyId: project.tenancyId!, userId: user.row.id };
  if (isRecentlyActive(user)) {
    return signInResponseFor(services, project, user, await insertSignInSession(db, input));
  }
  const opened = await openSignInSession(db, input);
  if (!opened) throw new Error(`User ${user.row.id} vanished between sign-in and session creation.`);
  return signInResponseFor(services, project, user, { id: opened.sessionId, refreshToken: opened.refreshToken });
}
