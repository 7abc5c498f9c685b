import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenancyIdColumn } from "./tenancy-column";

/**
 * The email outbox: a row per email, written in the transaction of the change that causes it, so an email exists
 * exactly when its change committed. Workers claim due rows with FOR UPDATE SKIP LOCKED under a lease.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    projectId: text("project_id").notNull(),
    kind: text("kind").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    // queued → sending → sent, or back to queued with a later next_attempt_at, or failed after the last attempt.
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    // The lease of the worker sending it; past it, the row is due again (its worker is presumed dead).
    claimedUntil: timestamp("claimed_until", { withTimezone: true, mode: "date" }),
    // Fencing: only the worker holding the current claim may record the outcome.
    claimToken: uuid("claim_token"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("email_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('queued', 'sending')`),
    index("email_outbox_tenancy_created_idx").on(t.tenancyId, t.createdAt),
  ],
);

/** One-time codes behind links and OTPs; only hashes are stored. */
export const verificationCodes = pgTable(
  "verification_codes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    type: text("type").notNull(),
    codeHash: text("code_hash").notNull().unique(),
    // The last 39 characters: an OTP's nonce. Attempts are counted across every code that shares it.
    nonceHash: text("nonce_hash").notNull(),
    data: jsonb("data").notNull().$type<Record<string, unknown>>(),
    attempts: integer("attempts").notNull().default(0),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("verification_codes_nonce_idx").on(t.tenancyId, t.type, t.nonceHash)],
);

/**
 * Fixed-window counters for abuse limits, in Postgres so every instance counts together: one row per bucket and
 * window, incremented atomically by an upsert.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/** A CLI waiting for its user to approve the login in a browser; codes stored hashed. */
export const cliAuthAttempts = pgTable("cli_auth_attempts", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  tenancyId: tenancyIdColumn(),
  pollingCodeHash: text("polling_code_hash").notNull().unique(),
  loginCodeHash: text("login_code_hash").notNull().unique(),
  // The approving browser's refresh token, sealed with the server secret, held only until the CLI polls it once.
  refreshToken: text("refresh_token"),
  // An anonymous session the CLI had, which the browser may claim instead of signing in anew.
  anonSessionId: uuid("anon_session_id"),
  // That session's refresh token, sealed like `refreshToken`: claiming hands the browser this very session.
  anonRefreshToken: text("anon_refresh_token"),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
