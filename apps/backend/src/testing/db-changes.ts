import { sql } from "drizzle-orm";
import type { Database } from "../db/client";

/**
 * Abuse counters move on refused requests by design: a rate-limit window counts every attempt, a wrong password
 * counts against its sign-in identifier, and a wrong verification code counts against the codes that share its nonce.
 */
const IGNORED_TABLES = new Set(["rate_limit_counters", "sign_in_failures"]);
const IGNORED_COLUMNS: Record<string, string[]> = { verification_codes: ["attempts"] };

/** Row count and an order-independent hash of the rows, per table. */
export type DatabaseDigest = Map<string, string>;

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

function tableDigestSql(table: string): string {
  const ignored = IGNORED_COLUMNS[table];
  const row = ignored ? `(to_jsonb(r) - array[${ignored.map(quoteLiteral).join(", ")}]::text[])::text` : "r::text";
  // A sum of 64-bit row hashes needs no sort.
  return `select ${quoteLiteral(table)} as name, count(*)::text || ':' || coalesce(sum(hashtextextended(${row}, 0)::numeric), 0)::text as digest from ${quoteIdentifier(table)} r`;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * Digests every table of the public schema in one query. The tables are read from Postgres's system catalog, so a
 * table added by a migration is covered without editing this file.
 */
export async function createDatabaseDigester(db: Database): Promise<() => Promise<DatabaseDigest>> {
  const result = await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  const tables = rowsOf<{ table_name: string }>(result).map((row) => row.table_name).filter((table) => !IGNORED_TABLES.has(table)).sort();
  if (tables.length === 0) throw new Error("The database has no tables to digest: were the migrations run?");
  const query = sql.raw(tables.map(tableDigestSql).join("\nunion all\n"));
  return async () => new Map(rowsOf<{ name: string; digest: string }>(await db.execute(query)).map((row) => [row.name, row.digest]));
}

/**
 * Reports the tables whose rows changed since the previous call. Postgres gives a transaction an id only when it
 * writes (rolled back or not), so while the next id stays put nothing was written and the digest, which reads every
 * row, is skipped: most calls cost one tiny query however big the tables grow.
 */
export async function createChangeDetector(db: Database): Promise<() => Promise<string[]>> {
  const digest = await createDatabaseDigester(db);
  const nextTransactionId = async () => rowsOf<{ xmax: string }>(await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`))[0]!.xmax;
  let seenId = await nextTransactionId();
  let seen = await digest();
  return async () => {
    // The id is read before the digest, so a write that lands between the two cannot be missed by both.
    const id = await nextTransactionId();
    if (id === seenId) return [];
    const now = await digest();
    const changed = [...now.keys()].filter((table) => seen.get(table) !== now.get(table));
    seenId = id;
    seen = now;
    return changed;
  };
}
