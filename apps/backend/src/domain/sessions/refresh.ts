import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import type { Services } from "../../app-env";
import { projectUsers } from "../../db/schema";
import type { ResolvedProject } from "../projects/project-cache";
import { signAccessTokenFor } from "../tokens/issue-tokens";
import { getUserRecord, isRecentlyActive } from "../users/user-record";
import { getSessionByRefreshToken, touchSession } from "./sessions";

/** A fresh access token for a refresh token's session. The refresh token is not rotated: the SDKs ignore new ones. */
export async function refreshAccessToken(services: Services, project: ResolvedProject, refreshToken: string): Promise<string> {
  const tenancyId = project.tenancyId!;
  const session = await getSessionByRefreshToken(services.db, tenancyId, refreshToken, services.config.refreshTokenIdleTimeoutSeconds);
  const user = session && (await getUserRecord(services.db, tenancyId, session.userId));
  if (!session || !user) throw new KnownErrors.RefreshTokenNotFoundOrExpired();
  await Promise.all([
    touchSession(services.db, session.id),
    isRecentlyActive(user)
      ? undefined
      : services.db.update(projectUsers).set({ lastActiveAt: new Date() }).where(eq(projectUsers.id, user.row.id)),
  ]);
  return signAccessTokenFor(services, project, user, session.id);
}
