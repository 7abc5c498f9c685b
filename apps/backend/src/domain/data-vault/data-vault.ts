import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { dataVaultEntries } from "../../db/schema";
import { inTenancy, insertInTenancy } from "../../db/tenant-scope";
import { keyedDigestHex, openSealedString, sealString } from "../../lib/crypto";
import type { Tenancy } from "../projects/tenancy";

// What reaches the server is already the SDK's work: a hash of the key and a value encrypted with a secret that only
// the project's server holds. Both are wrapped once more, each under a key of its own purpose derived from the server
// secret and bound to the tenancy and store, so a database copy without that secret gives nothing to match or open,
// and a row moved to another store or project does not open there.

const scopeOf = (tenancy: Tenancy, storeId: string) => `data-vault:${tenancy.id}:${storeId}`;

function requireStore(tenancy: Tenancy, storeId: string): void {
  if (!Object.hasOwn(tenancy.config.dataVault.stores, storeId) || !tenancy.config.dataVault.stores[storeId]) {
    throw new KnownErrors.DataVaultStoreDoesNotExist(storeId);
  }
}

export type DataVaultDeps = { serverSecret: string };

export async function setDataVaultValue(
  db: Database,
  tenancy: Tenancy,
  input: { storeId: string; hashedKey: string; encryptedValue: string },
  deps: DataVaultDeps,
): Promise<void> {
  requireStore(tenancy, input.storeId);
  const scope = scopeOf(tenancy, input.storeId);
  const keyDigest = keyedDigestHex(deps.serverSecret, scope, input.hashedKey);
  const sealedValue = sealString(deps.serverSecret, scope, input.encryptedValue);
  await insertInTenancy(db, tenancy, dataVaultEntries, { storeId: input.storeId, keyDigest, sealedValue }).onConflictDoUpdate({
    target: [dataVaultEntries.tenancyId, dataVaultEntries.storeId, dataVaultEntries.keyDigest],
    set: { sealedValue, updatedAt: sql`now()` },
  });
}

export async function getDataVaultValue(db: Database, tenancy: Tenancy, input: { storeId: string; hashedKey: string }, deps: DataVaultDeps): Promise<string> {
  requireStore(tenancy, input.storeId);
  const scope = scopeOf(tenancy, input.storeId);
  const keyDigest = keyedDigestHex(deps.serverSecret, scope, input.hashedKey);
  const [row] = await db
    .select({ sealedValue: dataVaultEntries.sealedValue })
    .from(dataVaultEntries)
    .where(inTenancy(tenancy, dataVaultEntries, and(eq(dataVaultEntries.storeId, input.storeId), eq(dataVaultEntries.keyDigest, keyDigest))));
  const value = row ? openSealedString(deps.serverSecret, scope, row.sealedValue) : null;
  if (value === null) throw new KnownErrors.DataVaultStoreHashedKeyDoesNotExist(input.storeId, input.hashedKey);
  return value;
}
