import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { type Tx, preparedPerDatabase } from "../../db/client";
import { projectUsers, sessions } from "../../db/schema";
import { PREPARED_TENANCY, type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { randomBase32, sha256Hex } from "../../lib/crypto";

export type SessionRow = typeof sessions.$inferSelect;

const DEFAULT_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

export type NewSession = { id: string; refreshToken: string; refreshTokenHash: string; expiresAt: Date };

/** A session's identifiers before it is stored: the refresh token is only ever returned, never kept. */
export function newSession(): NewSession {
  const refreshToken = randomBase32(45);
  return { id: randomUUID(), refreshToken, refreshTokenHash: sha256Hex(refreshToken), expiresAt: new Date(Date.now() + DEFAULT_LIFETIME_MS) };
}

const insertSessionStatement = preparedPerDatabase((db) =>
  insertInTenancy(db, PREPARED_TENANCY, sessions, {
    id: sql.placeholder("id"),
    userId: sql.placeholder("userId"),
    refreshTokenHash: sql.placeholder("refreshTokenHash"),
    expiresAt: sql.placeholder("expiresAt"),
  }).prepare("insert_session"),
);

/** Stores a new sign-in session with a statement prepared once per database handle. */
export async function insertSignInSession(db: Tx, tenancy: TenancyRef, input: { userId: string }): Promise<NewSession> {
  const session = newSession();
  await insertSessionStatement(db).execute({ tenancyId: tenancy.id, userId: input.userId, id: session.id, refreshTokenHash: session.refreshTokenHash, expiresAt: session.expiresAt });
  return session;
}

/** Stores a session of a known user, e.g. one a server opens for impersonation. */
export async function insertSession(
  db: Tx,
  tenancy: TenancyRef,
  input: { userId: string; expiresInMillis?: number; isImpersonation?: boolean },
): Promise<NewSession> {
  const session = newSession();
  const expiresAt = new Date(Date.now() + (input.expiresInMillis ?? DEFAULT_LIFETIME_MS));
  await insertInTenancy(db, tenancy, sessions, {
    id: session.id,
    userId: input.userId,
    refreshTokenHash: session.refreshTokenHash,
    isImpersonation: input.isImpersonation ?? false,
    expiresAt,
  });
  return { ...session, expiresAt };
}

/**
 * Sessions that still work: before their absolute expiry and, when the deployment sets an idle timeout, used within
 * it. Using a session slides only the idle window; nothing ever moves `expires_at`.
 */
function isLiveSession(idleTimeoutSeconds: number | null) {
  const now = Date.now();
  return and(
    or(isNull(sessions.expiresAt), gt(sessions.expiresAt, new Date(now))),
    idleTimeoutSeconds === null ? undefined : gt(sessions.lastUsedAt, new Date(now - idleTimeoutSeconds * 1000)),
  );
}

/** A user's live sessions, newest first; impersonation sessions only when asked for. */
export function listUserSessions(
  db: Tx,
  tenancy: TenancyRef,
  input: { userId: string; includeImpersonation: boolean; idleTimeoutSeconds?: number | null },
) {
  return db
    .select()
    .from(sessions)
    .where(
      inTenancy(
        tenancy,
        sessions,
        eq(sessions.userId, input.userId),
        isLiveSession(input.idleTimeoutSeconds ?? null),
        input.includeImpersonation ? undefined : eq(sessions.isImpersonation, false),
      ),
    )
    .orderBy(desc(sessions.createdAt));
}

/** Opens a sign-in session and marks the user active, in one statement; null if the user does not exist. */
export async function openSignInSession(
  db: Tx,
  tenancy: TenancyRef,
  input: { userId: string },
): Promise<{ sessionId: string; refreshToken: string } | null> {
  const refreshToken = randomBase32(45);
  const expiresAt = new Date(Date.now() + DEFAULT_LIFETIME_MS).toISOString();
  const result = await db.execute<{ id: string }>(sql`
    with touched as (
      update ${projectUsers} set last_active_at = now()
      where ${projectUsers.id} = ${input.userId} and ${projectUsers.tenancyId} = ${tenancy.id}
      returning id
    )
    insert into ${sessions} (tenancy_id, user_id, refresh_token_hash, expires_at)
    select ${tenancy.id}, id, ${sha256Hex(refreshToken)}, ${expiresAt}::timestamptz from touched
    returning id`);
  const row = (result as unknown as { rows: { id: string }[] }).rows[0];
  return row ? { sessionId: row.id, refreshToken } : null;
}

/** The live session a refresh token names in this tenancy, or null (unknown, expired, idle too long, or another project's). */
export async function getSessionByRefreshToken(
  db: Tx,
  tenancy: TenancyRef,
  refreshToken: string,
  idleTimeoutSeconds: number | null = null,
): Promise<SessionRow | null> {
  if (!/^[a-z2-7]{45}$/.test(refreshToken)) return null;
  const [session] = await db
    .select()
    .from(sessions)
    .where(inTenancy(tenancy, sessions, eq(sessions.refreshTokenHash, sha256Hex(refreshToken)), isLiveSession(idleTimeoutSeconds)));
  return session ?? null;
}

export async function touchSession(db: Tx, tenancy: TenancyRef, sessionId: string): Promise<void> {
  await updateInTenancy(db, tenancy, sessions, { lastUsedAt: new Date() }, eq(sessions.id, sessionId));
}

/** Deletes a session of the tenancy, and only of that user when one is given. */
export async function deleteSession(db: Tx, tenancy: TenancyRef, sessionId: string, userId?: string): Promise<boolean> {
  const deleted = await deleteInTenancy(db, tenancy, sessions, eq(sessions.id, sessionId), ...(userId === undefined ? [] : [eq(sessions.userId, userId)])).returning({
    id: sessions.id,
  });
  return deleted.length > 0;
}

export async function revokeAllUserSessions(db: Tx, tenancy: TenancyRef, userId: string): Promise<void> {
  await deleteInTenancy(db, tenancy, sessions, eq(sessions.userId, userId));
}

// The shape of a refresh token (see newSession): 45 characters of lower-case base32.
const REFRESH_TOKEN_SHAPE = /(?<![a-z2-7])[a-z2-7]{45}(?![a-z2-7])/g;

/**
 * Ends the sessions whose refresh tokens appear in `text` (e.g. a URL, which logs and proxies keep), in whatever
 * project they belong to: a leaked token is leaked everywhere. Returns how many sessions ended.
 */
export async function revokeLeakedRefreshTokens(db: Tx, text: string): Promise<number> {
  const hashes = [...new Set(text.match(REFRESH_TOKEN_SHAPE) ?? [])].slice(0, 20).map(sha256Hex);
  if (hashes.length === 0) return 0;
  // across tenancies: the token's owner is whoever it belongs to, whichever project's URL it appeared in.
  const deleted = await db.delete(sessions).where(inArray(sessions.refreshTokenHash, hashes)).returning({ id: sessions.id });
  return deleted.length;
}
