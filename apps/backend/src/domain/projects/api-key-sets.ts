import { and, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { type Tx, preparedPerDatabase } from "../../db/client";
import { apiKeySets } from "../../db/schema";
import { randomBase32, sha256Hex } from "../../lib/crypto";

export type KeyKind = "publishable_client_key" | "secret_server_key" | "super_secret_admin_key";
export type ApiKeySetRow = typeof apiKeySets.$inferSelect;

const PREFIX: Record<KeyKind, string> = {
  publishable_client_key: "pck_",
  secret_server_key: "ssk_",
  super_secret_admin_key: "sak_",
};
const HASH_COLUMN = {
  publishable_client_key: apiKeySets.publishableClientKeyHash,
  secret_server_key: apiKeySets.secretServerKeyHash,
  super_secret_admin_key: apiKeySets.superSecretAdminKeyHash,
} as const;

const KEY_SHAPE = /^[a-zA-Z0-9_-]{1,256}$/;

export function generateProjectKey(kind: KeyKind): string {
  return PREFIX[kind] + randomBase32(45);
}

// Every server and admin request checks its key: one prepared statement per kind of key.
const validKeyStatement = (kind: KeyKind) =>
    preparedPerDatabase((db) =>
      db
        .select({ id: apiKeySets.id })
        .from(apiKeySets)
        .where(
          and(
            eq(HASH_COLUMN[kind], sql.placeholder("hash")),
            eq(apiKeySets.projectId, sql.placeholder("projectId")),
            isNull(apiKeySets.manuallyRevokedAt),
            gt(apiKeySets.expiresAt, sql.placeholder("now")),
          ),
        )
        .limit(1)
        .prepare(`valid_${kind}`),
    );
const validKeyStatements = {
  publishable_client_key: validKeyStatement("publishable_client_key"),
  secret_server_key: validKeyStatement("secret_server_key"),
  super_secret_admin_key: validKeyStatement("super_secret_admin_key"),
};

/** True iff the key belongs to a live (unrevoked, unexpired) key set of the project. */
export async function isValidProjectKey(db: Tx, projectId: string, kind: KeyKind, key: string): Promise<boolean> {
  if (!KEY_SHAPE.test(key)) return false;
  const rows = await validKeyStatements[kind](db).execute({ hash: sha256Hex(key), projectId, now: new Date() });
  return rows.length > 0;
}

/** Whether any key set of the project, live or not, holds this key (seeding must not store the same key twice). */
export async function isStoredProjectKey(db: Tx, projectId: string, kind: KeyKind, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeySets.id })
    .from(apiKeySets)
    .where(and(eq(apiKeySets.projectId, projectId), eq(HASH_COLUMN[kind], sha256Hex(key))))
    .limit(1);
  return row !== undefined;
}

/** Whether the project holds a live admin key, with which it can still be administered. */
export async function hasLiveAdminKey(db: Tx, projectId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeySets.id })
    .from(apiKeySets)
    .where(
      and(
        eq(apiKeySets.projectId, projectId),
        isNotNull(apiKeySets.superSecretAdminKeyHash),
        isNull(apiKeySets.manuallyRevokedAt),
        gt(apiKeySets.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export type NewKeySet = {
  description: string;
  expiresAt: Date;
  keys: Partial<Record<KeyKind, string>>;
};

export async function createApiKeySet(db: Tx, projectId: string, input: NewKeySet): Promise<ApiKeySetRow> {
  const { keys } = input;
  const [row] = await db
    .insert(apiKeySets)
    .values({
      projectId,
      description: input.description,
      expiresAt: input.expiresAt,
      publishableClientKeyHash: keys.publishable_client_key && sha256Hex(keys.publishable_client_key),
      publishableClientKeyLastFour: keys.publishable_client_key?.slice(-4),
      secretServerKeyHash: keys.secret_server_key && sha256Hex(keys.secret_server_key),
      secretServerKeyLastFour: keys.secret_server_key?.slice(-4),
      superSecretAdminKeyHash: keys.super_secret_admin_key && sha256Hex(keys.super_secret_admin_key),
      superSecretAdminKeyLastFour: keys.super_secret_admin_key?.slice(-4),
    })
    .returning();
  return row!;
}

export function listApiKeySets(db: Tx, projectId: string): Promise<ApiKeySetRow[]> {
  return db.select().from(apiKeySets).where(eq(apiKeySets.projectId, projectId)).orderBy(desc(apiKeySets.createdAt));
}

export async function getApiKeySet(db: Tx, projectId: string, id: string): Promise<ApiKeySetRow | null> {
  const [row] = await db.select().from(apiKeySets).where(and(eq(apiKeySets.projectId, projectId), eq(apiKeySets.id, id)));
  return row ?? null;
}

export async function updateApiKeySet(
  db: Tx,
  projectId: string,
  id: string,
  changes: { description?: string; revoked?: boolean },
): Promise<ApiKeySetRow | null> {
  const existing = await getApiKeySet(db, projectId, id);
  if (!existing) return null;
  const [row] = await db
    .update(apiKeySets)
    .set({
      description: changes.description ?? existing.description,
      // Revocation is permanent: the first revocation time is kept.
      manuallyRevokedAt: changes.revoked ? (existing.manuallyRevokedAt ?? new Date()) : existing.manuallyRevokedAt,
    })
    .where(and(eq(apiKeySets.projectId, projectId), eq(apiKeySets.id, id)))
    .returning();
  return row!;
}

/** The masked view: only the last four characters of each key. */
export function toApiKeySetJson(row: ApiKeySetRow) {
  const lastFour = (value: string | null) => (value === null ? {} : { last_four: value });
  return {
    id: row.id,
    description: row.description,
    expires_at_millis: row.expiresAt.getTime(),
    created_at_millis: row.createdAt.getTime(),
    ...(row.manuallyRevokedAt ? { manually_revoked_at_millis: row.manuallyRevokedAt.getTime() } : {}),
    ...(row.publishableClientKeyLastFour === null ? {} : { publishable_client_key: lastFour(row.publishableClientKeyLastFour) }),
    ...(row.secretServerKeyLastFour === null ? {} : { secret_server_key: lastFour(row.secretServerKeyLastFour) }),
    ...(row.superSecretAdminKeyLastFour === null ? {} : { super_secret_admin_key: lastFour(row.superSecretAdminKeyLastFour) }),
  };
}
