import { eq } from "drizzle-orm";
import type { Services } from "../../app-env";
import type { Tx } from "../../db/client";
import { projectUsers } from "../../db/schema";
import type { ResolvedProject } from "../projects/project-cache";
import { createSession } from "../sessions/sessions";
import { type UserRecord, getUserRecord, restrictedReasonOf } from "../users/user-record";

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

/** Opens a session for a user and returns the sign-in response tokens. */
export async function signInUser(
  services: Services,
  db: Tx,
  project: ResolvedProject,
  userId: string,
): Promise<{ access_token: string; refresh_token: string; user_id: string }> {
  const tenancyId = project.tenancyId!;
  const user = await getUserRecord(db, tenancyId, userId);
  if (!user) throw new Error(`User ${userId} vanished between sign-in and session creation.`);
  const { session, refreshToken } = await createSession(db, { tenancyId, userId });
  await db.update(projectUsers).set({ lastActiveAt: new Date() }).where(eq(projectUsers.id, userId));
  return {
    access_token: await signAccessTokenFor(services, project, user, session.id),
    refresh_token: refreshToken,
    user_id: userId,
  };
}
