import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers } from "../../db/schema";
import { updateInTenancy } from "../../db/tenant-scope";
import type { Tenancy } from "../projects/tenancy";
import type { AccessTokenService } from "../tokens/access-tokens";
import { signAccessTokenFor } from "../tokens/issue-tokens";
import { getUserRecord, isRecentlyActive } from "../users/user-record";
import { getSessionByRefreshToken, touchSession } from "./sessions";

/** A fresh access token for a refresh token's session. The refresh token is not rotated: the SDKs ignore new ones. */
export async function refreshAccessToken(
  db: Tx,
  tenancy: Tenancy,
  refreshToken: string,
  deps: { accessTokens: AccessTokenService; idleTimeoutSeconds: number | null },
): Promise<string> {
  const session = await getSessionByRefreshToken(db, tenancy, refreshToken, deps.idleTimeoutSeconds);
  const user = session && (await getUserRecord(db, tenancy, session.userId));
  if (!session || !user) throw new KnownErrors.RefreshTokenNotFoundOrExpired();
  await Promise.all([
    touchSession(db, tenancy, session.id),
    isRecentlyActive(user) ? undefined : updateInTenancy(db, tenancy, projectUsers, { lastActiveAt: new Date() }, eq(projectUsers.id, user.row.id)),
  ]);
  return signAccessTokenFor(deps.accessTokens, tenancy, user, session.id);
}
