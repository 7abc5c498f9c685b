import { randomUUID } from "node:crypto";
import { KnownErrors } from "@stackframe/stack-shared";
import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { type Database, type Tx, preparedPerDatabase } from "../../db/client";
import { contactChannels, projectApiKeys, projectUsers, teams, tenancies } from "../../db/schema";
import { PREPARED_TENANCY, type TenancyRef, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { constantTimeEqual, sha256Hex } from "../../lib/crypto";
import { enqueueEmail } from "../emails/outbox";
import { renderApiKeyRevokedEmail } from "../emails/render";
import { listTeamPermissions } from "../permissions/team-permissions";
import type { ProjectCache } from "../projects/project-cache";
import type { Tenancy } from "../projects/tenancy";
import { type ApiKeyType, type ParsedApiKey, generateApiKey, lastFourOf, parseApiKey } from "./key-format";

export type ApiKeyRow = typeof projectApiKeys.$inferSelect;
export type ApiKeyOwner = { type: "user"; userId: string } | { type: "team"; teamId: string };
/** Which keys a lookup may find: one kind, optionally of one owner. */
export type ApiKeyScope = { type: "user"; userId?: string } | { type: "team"; teamId?: string };

export const MANAGE_API_KEYS_PERMISSION = "$manage_api_keys";

export function apiKeyTypeOf(row: ApiKeyRow): ApiKeyType {
  return row.userId !== null ? "user" : "team";
}

/** The wire shape of an API key. `fullValue` only in the create response: the one time the key is shown. */
export function toApiKeyJson(row: ApiKeyRow, fullValue?: string) {
  const type = apiKeyTypeOf(row);
  return {
    id: row.id,
    description: row.description,
    ...(row.expiresAt ? { expires_at_millis: row.expiresAt.getTime() } : {}),
    ...(row.manuallyRevokedAt ? { manually_revoked_at_millis: row.manuallyRevokedAt.getTime() } : {}),
    created_at_millis: row.createdAt.getTime(),
    is_public: row.isPublic,
    value: fullValue ?? { last_four: row.lastFour },
    type,
    ...(type === "user" ? { user_id: row.userId! } : { team_id: row.teamId! }),
  };
}

function scopeCondition(scope: ApiKeyScope) {
  if (scope.type === "user") return scope.userId === undefined ? isNotNull(projectApiKeys.userId) : eq(projectApiKeys.userId, scope.userId);
  return scope.teamId === undefined ? isNotNull(projectApiKeys.teamId) : eq(projectApiKeys.teamId, scope.teamId);
}

// The owner's foreign key does not include the tenancy, so it is checked here: a key must never point into another project.
async function requireOwnerInTenancy(db: Tx, tenancy: TenancyRef, owner: ApiKeyOwner): Promise<void> {
  if (owner.type === "user") {
    const [user] = await db.select({ id: projectUsers.id }).from(projectUsers).where(inTenancy(tenancy, projectUsers, eq(projectUsers.id, owner.userId)));
    if (!user) throw new KnownErrors.UserIdDoesNotExist(owner.userId);
  } else {
    const [team] = await db.select({ id: teams.id }).from(teams).where(inTenancy(tenancy, teams, eq(teams.id, owner.teamId)));
    if (!team) throw new KnownErrors.TeamNotFound(owner.teamId);
  }
}

/** Stores only the key's SHA-256 and last four characters; the returned `value` is never readable again. */
export async function createApiKey(
  db: Tx,
  tenancy: TenancyRef,
  input: { owner: ApiKeyOwner; description: string; expiresAt: Date | null; isPublic: boolean },
): Promise<{ row: ApiKeyRow; value: string }> {
  await requireOwnerInTenancy(db, tenancy, input.owner);
  const id = randomUUID();
  const value = generateApiKey({ id, type: input.owner.type, isPublic: input.isPublic });
  const [row] = await insertInTenancy(db, tenancy, projectApiKeys, {
    id,
    userId: input.owner.type === "user" ? input.owner.userId : null,
    teamId: input.owner.type === "team" ? input.owner.teamId : null,
    description: input.description,
    secretHash: sha256Hex(value),
    lastFour: lastFourOf(value),
    isPublic: input.isPublic,
    expiresAt: input.expiresAt,
  }).returning();
  return { row: row!, value };
}

/** Newest first. */
export function listApiKeys(db: Tx, tenancy: TenancyRef, scope: ApiKeyScope): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(projectApiKeys)
    .where(inTenancy(tenancy, projectApiKeys, scopeCondition(scope)))
    .orderBy(desc(projectApiKeys.createdAt), desc(projectApiKeys.id));
}

export async function getApiKey(db: Tx, tenancy: TenancyRef, id: string, scope: ApiKeyScope): Promise<ApiKeyRow | null> {
  const [row] = await db
    .select()
    .from(projectApiKeys)
    .where(inTenancy(tenancy, projectApiKeys, eq(projectApiKeys.id, id), scopeCondition(scope)));
  return row ?? null;
}

export async function requireApiKey(db: Tx, tenancy: TenancyRef, id: string, scope: ApiKeyScope): Promise<ApiKeyRow> {
  const row = await getApiKey(db, tenancy, id, scope);
  if (!row) throw new KnownErrors.ApiKeyNotFound();
  return row;
}

/** Revocation is one-way: a revoked key keeps its first revocation time and cannot be restored. */
export async function updateApiKey(db: Tx, tenancy: TenancyRef, row: ApiKeyRow, changes: { description?: string; revoke?: boolean }): Promise<ApiKeyRow> {
  if (changes.description === undefined && !changes.revoke) return row;
  const set = {
    ...(changes.description === undefined ? {} : { description: changes.description }),
    ...(changes.revoke ? { manuallyRevokedAt: sql`coalesce(${projectApiKeys.manuallyRevokedAt}, now())` } : {}),
  };
  const [updated] = await updateInTenancy(db, tenancy, projectApiKeys, set, eq(projectApiKeys.id, row.id)).returning();
  if (!updated) throw new KnownErrors.ApiKeyNotFound();
  return updated;
}

/** The row of a parsed key whose whole string hashes to the stored hash; with a tenancy, only in that tenancy. */
// The check runs on every request an app authenticates with a key: a prepared statement.
const keyInTenancyStatement = preparedPerDatabase((db) =>
  db
    .select()
    .from(projectApiKeys)
    .where(inTenancy(PREPARED_TENANCY, projectApiKeys, eq(projectApiKeys.id, sql.placeholder("id"))))
    .prepare("api_key_in_tenancy"),
);

async function findKeyRow(db: Tx, key: ParsedApiKey, tenancy: TenancyRef | "any tenancy"): Promise<ApiKeyRow | null> {
  const [row] =
    tenancy === "any tenancy"
      ? // across tenancies: whoever holds a whole key may report it leaked, without naming its project.
        await db.select().from(projectApiKeys).where(eq(projectApiKeys.id, key.id))
      : await keyInTenancyStatement(db).execute({ id: key.id, tenancyId: tenancy.id });
  if (!row || !constantTimeEqual(row.secretHash, sha256Hex(key.value))) return null;
  return row;
}

const isExpired = (row: ApiKeyRow) => row.expiresAt !== null && row.expiresAt.getTime() <= Date.now();

/**
 * The key's row if the key is valid in this tenancy for this type. A malformed key or a wrong checksum fails
 * before any lookup; a key of another project is simply not found (TI-02).
 */
export async function checkApiKey(db: Tx, tenancy: TenancyRef, expectedType: ApiKeyType, value: string): Promise<ApiKeyRow> {
  const parsed = parseApiKey(value);
  const row = parsed && (await findKeyRow(db, parsed, tenancy));
  if (!row) throw new KnownErrors.ApiKeyNotFound();
  const actualType = apiKeyTypeOf(row);
  if (actualType !== expectedType) throw new KnownErrors.WrongApiKeyType(expectedType, actualType);
  if (row.manuallyRevokedAt) throw new KnownErrors.ApiKeyRevoked();
  if (isExpired(row)) throw new KnownErrors.ApiKeyExpired();
  return row;
}

/** Primary email addresses of whoever is told about the key: its user, or the team's members who manage API keys. */
async function ownerEmails(tx: Tx, tenancy: Tenancy, row: ApiKeyRow): Promise<string[]> {
  const userIds = row.userId
    ? [row.userId]
    : (await listTeamPermissions(tx, tenancy, { teamId: row.teamId!, permissionId: MANAGE_API_KEYS_PERMISSION, recursive: true })).map((grant) => grant.user_id);
  if (userIds.length === 0) return [];
  const channels = await tx
    .select({ value: contactChannels.value })
    .from(contactChannels)
    .where(inTenancy(tenancy, contactChannels, inArray(contactChannels.userId, userIds), eq(contactChannels.type, "email"), eq(contactChannels.isPrimary, true)));
  return [...new Set(channels.map((channel) => channel.value))];
}

async function tenancyOfKey(db: Database, projects: ProjectCache, row: ApiKeyRow): Promise<Tenancy> {
  const [names] = await db.select().from(tenancies).where(eq(tenancies.id, row.tenancyId));
  const tenancy = names && (await projects.getTenancy(names.projectId, names.branchId));
  // Deleting a project deletes its tenancies, and with them their keys.
  if (!tenancy) throw new Error(`The tenancy ${row.tenancyId} of an existing API key has no project; tenancies cascade to their keys, so this should never happen.`);
  return tenancy;
}

/**
 * Revokes a key found in public (credential scanning, or a key sent in a URL) and queues a notice to its owner in
 * the same transaction. Holding the whole key is the authority, so no project is given. Idempotent: a second
 * report answers `revoked: false` and mails nobody.
 */
export async function revokeLeakedKey(db: Database, projects: ProjectCache, value: string): Promise<{ row: ApiKeyRow; revoked: boolean }> {
  const parsed = parseApiKey(value);
  const row = parsed && (await findKeyRow(db, parsed, "any tenancy"));
  if (!row) throw new KnownErrors.ApiKeyNotFound();
  if (row.isPublic) throw new KnownErrors.PublicApiKeyCannotBeRevoked();
  if (row.manuallyRevokedAt) return { row, revoked: false };
  if (isExpired(row)) throw new KnownErrors.ApiKeyExpired();

  // Read and rendered before the transaction: an embedded database serves one transaction at a time.
  const tenancy = await tenancyOfKey(db, projects, row);
  const [team] = row.teamId ? await db.select({ displayName: teams.displayName }).from(teams).where(inTenancy(tenancy, teams, eq(teams.id, row.teamId))) : [];
  const email = await renderApiKeyRevokedEmail(tenancy, { description: row.description, lastFour: row.lastFour, teamDisplayName: team?.displayName ?? null });

  return await db.transaction(async (tx) => {
    // Only the report that flips the flag notifies, however many arrive at once.
    const [revoked] = await updateInTenancy(
      tx,
      tenancy,
      projectApiKeys,
      { manuallyRevokedAt: sql`now()` },
      eq(projectApiKeys.id, row.id),
      isNull(projectApiKeys.manuallyRevokedAt),
    ).returning();
    if (!revoked) return { row, revoked: false };
    for (const to of await ownerEmails(tx, tenancy, revoked)) {
      await enqueueEmail(tx, tenancy, { kind: "api_key_revoked", to, email });
    }
    return { row: revoked, revoked: true };
  });
}

/** Revokes every live key a user owns, e.g. when the account turns out to have been held by someone else. */
export async function revokeAllUserApiKeys(db: Tx, tenancy: TenancyRef, userId: string): Promise<void> {
  await updateInTenancy(db, tenancy, projectApiKeys, { manuallyRevokedAt: sql`now()` }, eq(projectApiKeys.userId, userId), isNull(projectApiKeys.manuallyRevokedAt));
}
