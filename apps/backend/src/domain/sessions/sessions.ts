import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { sessions } from "../../db/schema";
import { randomBase32, sha256Hex } from "../../lib/crypto";

export type SessionRow = typeof sessions.$inferSelect;

const DEFAULT_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

export async function createSession(
  db: Tx,
  input: { tenancyId: string; userId: string; expiresInMillis?: number; isImpersonation?: boolean },
): Promise<{ session: SessionRow; refreshToken: string }> {
  const refreshToken = randomBase32(45);
  const [session] = await db
    .insert(sessions)
    .values({
      tenancyId: input.tenancyId,
      userId: input.userId,
      refreshTokenHash: sha256Hex(refreshToken),
      isImpersonation: input.isImpersonation ?? false,
      expiresAt: new Date(Date.now() + (input.expiresInMillis ?? DEFAULT_LIFETIME_MS)),
    })
    .returning();
  return { session: session!, refreshToken };
}

/** The live session a refresh token names in this tenancy, or null (unknown, expired, or another project's). */
export async function getSessionByRefreshToken(db: Tx, tenancyId: string, refreshToken: string): Promise<SessionRow | null> {
  if (!/^[a-z2-7]{45}$/.test(refreshToken)) return null;
  const [session] = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.refreshTokenHash, sha256Hex(refreshToken)),
        eq(sessions.tenancyId, tenancyId),
        or(isNull(sessions.expiresAt), gt(sessions.expiresAt, new Date())),
      ),
    );
  return session ?? null;
}

export async function touchSession(db: Tx, sessionId: string): Promise<void> {
  await db.update(sessions).set({ lastUsedAt: new Date() }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Tx, tenancyId: string, sessionId: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.tenancyId, tenancyId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

export async function revokeAllUserSessions(db: Tx, tenancyId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.tenancyId, tenancyId), eq(sessions.userId, userId)));
}
