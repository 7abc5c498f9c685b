import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A database handle or an open transaction: domain functions accept either. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0] | Database;

export type DatabaseHandle = { db: Database; close: () => Promise<void>; kind: "postgres" | "pglite" };

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export async function openDatabase(options: {
  url: string | undefined;
  dataDir: string;
  runMigrations: boolean;
  poolSize?: number;
}): Promise<DatabaseHandle> {
  if (options.url) {
    const { default: pg } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20 });
    const db = drizzle(pool, { schema }) as unknown as Database;
    if (options.runMigrations) await migrate(db as never, { migrationsFolder });
    return { db, close: () => pool.end(), kind: "postgres" };
  }
  // Embedded default: Postgres compiled to WASM, persisted under the data dir, so a fresh machine needs no server.
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const path = `${options.dataDir}/pglite`;
  if (options.dataDir !== "memory://") mkdirSync(path, { recursive: true });
  const client = new PGlite(options.dataDir === "memory://" ? "memory://" : path);
  const db = drizzle(client, { schema }) as unknown as Database;
  if (options.runMigrations) await migrate(db as never, { migrationsFolder });
  return { db, close: () => client.close(), kind: "pglite" };
}

/** Postgres SQLSTATE of a driver error, looking through Drizzle's wrapping. */
export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current && typeof current === "object"; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The constraint a driver error names (unique violations carry it), looking through Drizzle's wrapping. */
export function pgConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current && typeof current === "object"; i++) {
    const constraint = (current as { constraint?: unknown }).constraint;
    if (typeof constraint === "string") return constraint;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A statement built and prepared once per database handle, for the hot paths: Drizzle then skips building
 * the SQL, and Postgres reuses the plan of the named statement.
 */
export function preparedPerDatabase<T>(build: (db: Tx) => T): (db: Tx) => T {
  const statements = new WeakMap<Tx, T>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = build(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
