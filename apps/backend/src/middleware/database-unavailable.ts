import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { writeLogRecord } from "../lib/json-log";
import { CORS_HEADERS } from "./cors";

const RETRY_AFTER_SECONDS = 5;

/**
 * The answer while the database cannot be reached. Rate limits and credentials live in it, so every route fails
 * closed (OWASP ASVS 16.5.3): a 503 that tells clients when to come back (RFC 9110 §10.2.3), never a guess.
 */
export function answerDatabaseUnavailable(c: Context<AppEnv>, error: Error): Response {
  writeLogRecord({
    log: "error",
    time: new Date().toISOString(),
    request_id: c.get("requestId"),
    message: "The database is unavailable",
    route: `${c.req.method} ${c.req.routePath}`,
    cause: error.message,
  });
  return c.text("The service is temporarily unavailable. Try again shortly.", 503, { ...CORS_HEADERS, "retry-after": String(RETRY_AFTER_SECONDS) });
}
