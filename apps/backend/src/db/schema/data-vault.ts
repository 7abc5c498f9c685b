import { sql } from "drizzle-orm";
import { pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenancyIdColumn } from "./tenancy-column";

/**
 * Values of a project's data vault stores. The SDK hashes the key and encrypts the value with a secret only the
 * project's server holds; the value is sealed once more here with a key derived from the server secret, and the
 * key's hash is kept only as a keyed digest.
 */
export const dataVaultEntries = pgTable(
  "data_vault_entries",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    storeId: text("store_id").notNull(),
    keyDigest: text("key_digest").notNull(),
    sealedValue: text("sealed_value").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("data_vault_entries_key_unique").on(t.tenancyId, t.storeId, t.keyDigest)],
);
