import { KnownErrors } from "@stackframe/stack-shared";
import { asc, eq } from "drizzle-orm";
import { type Tx, pgConstraint, pgErrorCode } from "../../db/client";
import { oauthAccounts } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { StatusError } from "../../lib/status-error";

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

export async function insertLinkedAccount(db: Tx, tenancy: TenancyRef, userId: string, link: LinkFields): Promise<OAuthAccountRow> {
  await checkLink(db, tenancy, userId, link);
  try {
    const [row] = await insertInTenancy(db, tenancy, oauthAccounts, { userId, ...link }).returning();
    return row!;
  } catch (error) {
    mapUniqueViolation(error);
  }
}

export async function updateLinkedAccount(db: Tx, tenancy: TenancyRef, row: OAuthAccountRow, changes: Partial<Omit<LinkFields, "providerConfigId">>): Promise<OAuthAccountRow> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as typeof changes;
  if (Object.keys(set).length === 0) return row;
  const next = { ...row, ...set };
  await checkLink(db, tenancy, row.userId, next, row.id);
  try {
    const [updated] = await updateInTenancy(db, tenancy, oauthAccounts, set, eq(oauthAccounts.id, row.id)).returning();
    return updated!;
  } catch (error) {
    mapUniqueViolation(error);
  }
}

export async function deleteLinkedAccount(db: Tx, tenancy: TenancyRef, row: OAuthAccountRow): Promise<void> {
  await deleteInTenancy(db, tenancy, oauthAccounts, eq(oauthAccounts.id, row.id));
}

/** Keeps the email a provider last reported for an account. */
export async function refreshLinkedEmail(db: Tx, tenancy: TenancyRef, row: OAuthAccountRow, email: string | null): Promise<void> {
  if (email === null || email === row.email) return;
  await updateInTenancy(db, tenancy, oauthAccounts, { email }, eq(oauthAccounts.id, row.id));
}
