import { KnownErrors } from "@stackframe/stack-shared";
import { asc, eq } from "drizzle-orm";
import { type Tx, pgConstraint, pgErrorCode } from "../../db/client";
import { oauthAccounts } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { StatusError } from "../../lib/status-error";
import type { Tenancy } from "../projects/tenancy";
import { emitUserUpdated, withUserUpdatedEvent } from "../webhooks/payloads";

export type OAuthAccountRow = typeof oauthAccounts.$inferSelect;

/** The sign-in link of a provider account, whoever it belongs to. */
export async function findSignInAccount(db: Tx, tenancy: TenancyRef, providerConfigId: string, providerAccountId: string): Promise<OAuthAccountRow | null> {
  const [row] = await db
    .select()
    .from(oauthAccounts)
    .where(
      inTenancy(
        tenancy,
        oauthAccounts,
        eq(oauthAccounts.providerConfigId, providerConfigId),
        eq(oauthAccounts.providerAccountId, providerAccountId),
        eq(oauthAccounts.allowSignIn, true),
      ),
    );
  return row ?? null;
}

/** Every link of the tenancy, for servers listing the whole project. */
export function listTenancyAccounts(db: Tx, tenancy: TenancyRef) {
  return db.select().from(oauthAccounts).where(inTenancy(tenancy, oauthAccounts)).orderBy(asc(oauthAccounts.createdAt), asc(oauthAccounts.id));
}

export function listUserAccounts(db: Tx, tenancy: TenancyRef, userId: string) {
  return db
    .select()
    .from(oauthAccounts)
    .where(inTenancy(tenancy, oauthAccounts, eq(oauthAccounts.userId, userId)))
    .orderBy(asc(oauthAccounts.createdAt), asc(oauthAccounts.id));
}

export async function getUserAccount(db: Tx, tenancy: TenancyRef, userId: string, id: string): Promise<OAuthAccountRow | null> {
  const [row] = await db
    .select()
    .from(oauthAccounts)
    .where(inTenancy(tenancy, oauthAccounts, eq(oauthAccounts.userId, userId), eq(oauthAccounts.id, id)));
  return row ?? null;
}

export type LinkFields = { providerConfigId: string; providerAccountId: string; email: string | null; allowSignIn: boolean; allowConnectedAccounts: boolean };

/**
 * Refuses a link that would break the rules of a user's links: one sign-in link per provider per user, one link per
 * provider account per user, and one user signing in with each provider account.
 */
async function checkLink(db: Tx, tenancy: TenancyRef, userId: string, link: LinkFields, exceptId?: string) {
  const others = (await listUserAccounts(db, tenancy, userId)).filter((row) => row.id !== exceptId && row.providerConfigId === link.providerConfigId);
  if (others.some((row) => row.providerAccountId === link.providerAccountId)) {
    throw new StatusError(400, "The same provider account is already linked to this user.");
  }
  if (link.allowSignIn && others.some((row) => row.allowSignIn)) {
    throw new StatusError(400, "This user already signs in with another account of the same provider.");
  }
  if (link.allowSignIn) {
    const taken = await findSignInAccount(db, tenancy, link.providerConfigId, link.providerAccountId);
    if (taken && taken.id !== exceptId) throw new KnownErrors.OAuthProviderAccountIdAlreadyUsedForSignIn();
  }
}

function mapUniqueViolation(error: unknown): never {
  if (pgErrorCode(error) === "23505" && pgConstraint(error) === "oauth_accounts_sign_in_unique") throw new KnownErrors.OAuthProviderAccountIdAlreadyUsedForSignIn();
  if (pgErrorCode(error) === "23505") throw new StatusError(400, "The same provider account is already linked to this user.");
  throw error;
}

/**
 * Checks and writes a link, and sends no event: for a change whose own user.updated covers it (an anonymous user's
 * upgrade). Everything else links through `linkAccount`.
 */
export async function insertLinkedAccount(db: Tx, tenancy: TenancyRef, userId: string, link: LinkFields): Promise<OAuthAccountRow> {
  await checkLink(db, tenancy, userId, link);
  try {
    const [row] = await insertInTenancy(db, tenancy, oauthAccounts, { userId, ...link }).returning();
    return row!;
  } catch (error) {
    mapUniqueViolation(error);
  }
}

// A link always shows in the user's `oauth_providers`: linking, unlinking and a new email change the server view for
// sure, so each sends user.updated reading the user once, after the change, in its transaction.

/** Links a provider account to a user and sends user.updated. */
export async function linkAccount(db: Tx, tenancy: Tenancy, userId: string, link: LinkFields): Promise<OAuthAccountRow> {
  return await db.transaction(async (tx) => {
    const row = await insertLinkedAccount(tx, tenancy, userId, link);
    await emitUserUpdated(tx, tenancy, userId);
    return row;
  });
}

/** Changes a link; user.updated only when the server view shows the change (its email or account id, not its flags). */
export async function updateLinkedAccount(db: Tx, tenancy: Tenancy, row: OAuthAccountRow, changes: Partial<Omit<LinkFields, "providerConfigId">>): Promise<OAuthAccountRow> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as typeof changes;
  if (Object.keys(set).length === 0) return row;
  const next = { ...row, ...set };
  try {
    return await db.transaction((tx) =>
      withUserUpdatedEvent(tx, tenancy, row.userId, async () => {
        await checkLink(tx, tenancy, row.userId, next, row.id);
        const [updated] = await updateInTenancy(tx, tenancy, oauthAccounts, set, eq(oauthAccounts.id, row.id)).returning();
        return updated!;
      }),
    );
  } catch (error) {
    mapUniqueViolation(error);
  }
}

export async function deleteLinkedAccount(db: Tx, tenancy: Tenancy, row: OAuthAccountRow): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await deleteInTenancy(tx, tenancy, oauthAccounts, eq(oauthAccounts.id, row.id)).returning({ id: oauthAccounts.id });
    if (deleted.length > 0) await emitUserUpdated(tx, tenancy, row.userId);
  });
}

/**
 * Keeps the email a provider last reported for an account, on every OAuth sign-in: one that did not change costs
 * nothing, one that did sends user.updated. `tx` is the sign-in's transaction.
 */
export async function refreshLinkedEmail(tx: Tx, tenancy: Tenancy, row: OAuthAccountRow, email: string | null): Promise<void> {
  if (email === null || email === row.email) return;
  await updateInTenancy(tx, tenancy, oauthAccounts, { email }, eq(oauthAccounts.id, row.id));
  await emitUserUpdated(tx, tenancy, row.userId);
}
