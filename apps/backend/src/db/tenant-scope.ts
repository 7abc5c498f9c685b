import { type Placeholder, type SQL, and, eq, getTableName, is, sql } from "drizzle-orm";
import { type PgColumn, type PgInsertValue, PgTable, type PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Tx } from "./client";
import * as schema from "./schema";

/** What the scope needs of a tenancy: its id, which is never null. Domain code passes its `Tenancy`. */
export type TenancyRef = { readonly id: string };

/**
 * The tenancy of a statement prepared once and run for many tenancies: its id is the `tenancyId` placeholder, which
 * every execution must pass. Accepted wherever a tenancy is, so prepared statements are scoped the same way.
 */
export const PREPARED_TENANCY = { id: sql.placeholder("tenancyId") };
export type TenancyScope = TenancyRef | { readonly id: Placeholder<"tenancyId"> };

export type TenantTable = PgTable & { tenancyId: PgColumn };

/**
 * Every tenant-owned table. One project must never read or change another's rows, so these tables are read and
 * written only through the functions below, which add the tenancy to every condition and every new row; a source
 * check (tenant-scope-source.test.ts) refuses any other way of writing them, and reads that name no tenancy.
 */
export const TENANT_TABLES: TenantTable[] = (Object.values(schema) as unknown[]).filter(
  (value): value is TenantTable => is(value, PgTable) && "tenancyId" in value && getTableName(value) !== "tenancies",
);

/** The tenancy condition and the given ones, for selects and joins: `.where(inTenancy(tenancy, users, eq(users.id, id)))`. */
export function inTenancy(tenancy: TenancyScope, table: TenantTable, ...conditions: (SQL | undefined)[]): SQL {
  return and(eq(table.tenancyId, tenancy.id), ...conditions) as SQL;
}

type OwnColumns<T extends TenantTable> = Omit<T["$inferInsert"], "tenancyId">;
// Values may be placeholders, for a prepared insert.
type InsertValues<T extends TenantTable> = { [K in keyof OwnColumns<T>]: OwnColumns<T>[K] | SQL | Placeholder };

/** Inserts rows owned by the tenancy; the caller cannot name another tenancy. */
export function insertInTenancy<T extends TenantTable>(db: Tx, tenancy: TenancyScope, table: T, values: InsertValues<T> | InsertValues<T>[]) {
  const rows = (Array.isArray(values) ? values : [values]).map((row) => ({ ...row, tenancyId: tenancy.id }) as PgInsertValue<T>);
  return db.insert(table).values(rows);
}

/** Updates the tenancy's rows that match every condition; at least one condition besides the tenancy is required. */
export function updateInTenancy<T extends TenantTable>(db: Tx, tenancy: TenancyRef, table: T, set: PgUpdateSetSource<T>, condition: SQL | undefined, ...more: SQL[]) {
  return db
    .update(table)
    .set(set)
    .where(inTenancy(tenancy, table, condition, ...more));
}

/** Deletes the tenancy's rows that match every condition. */
export function deleteInTenancy<T extends TenantTable>(db: Tx, tenancy: TenancyRef, table: T, condition: SQL | undefined, ...more: SQL[]) {
  return db.delete(table).where(inTenancy(tenancy, table, condition, ...more));
}
