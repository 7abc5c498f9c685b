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
    // Without a connect timeout a request waits forever for a database that stopped answering.
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20, connectionTimeoutMillis: 5000 });
    // An idle connection that the server drops (restart, failover) reports here; unheard, it would end the process.
    // The pool replaces it, and requests meanwhile get a 503.
    pool.on("error", (error) => {
      process.stderr.write(`${JSON.stringify({ log: "error", time: new Date().toISOString(), message: "An idle database connection failed", cause: error.message })}\n`);
    });
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

// Class 08 (connection exception), 53300 too_many_connections, 57P01..57P03 shutdown and start-up: the server is not
// there to answer, as opposed to refusing a statement.
const UNAVAILABLE_SQLSTATE = /^(08...|53300|57P0[123])$/;
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// node-postgres reports a dropped or timed-out connection only in its message.
const UNAVAILABLE_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** Whether an error means the database cannot be reached (rather than that a query failed), looking through wrapping. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let i = 0; i < 4 && current && typeof current === "object"; i++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
