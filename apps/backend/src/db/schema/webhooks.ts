import { sql } from "drizzle-orm";
import { bigserial, bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenancyIdColumn } from "./tenancy-column";

/** A project's webhook receivers. The signing secret is sealed with the server secret; a rotated-out one stays valid until its expiry. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    // The event types sent to it; empty: every type.
    eventTypes: text("event_types").array().notNull().default(sql`'{}'::text[]`),
    enabled: boolean("enabled").notNull().default(true),
    // Why the server turned it off (every attempt of a delivery failed, or the receiver answered 410); null when a person did.
    disabledReason: text("disabled_reason"),
    sealedSecret: text("sealed_secret").notNull(),
    sealedPreviousSecret: text("sealed_previous_secret"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true, mode: "date" }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_tenancy_idx").on(t.tenancyId, t.createdAt)],
);

/**
 * One row per event, written in the transaction of the change that caused it, so an event exists exactly when its
 * change committed. `seq` orders an endpoint's deliveries; the id is the `webhook-id` of every attempt.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: text("id").primaryKey(),
    tenancyId: tenancyIdColumn(),
    projectId: text("project_id").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull().unique(),
    type: text("type").notNull(),
    data: jsonb("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    // The hand-off to Svix, when one is configured: the same lease and claim-token fencing as deliveries.
    svixRelayedAt: timestamp("svix_relayed_at", { withTimezone: true, mode: "date" }),
    svixAttempts: integer("svix_attempts").notNull().default(0),
    svixNextAttemptAt: timestamp("svix_next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    svixClaimedUntil: timestamp("svix_claimed_until", { withTimezone: true, mode: "date" }),
    svixClaimToken: uuid("svix_claim_token"),
    svixLastError: text("svix_last_error"),
  },
  (t) => [
    index("webhook_events_svix_due_idx")
      .on(t.svixNextAttemptAt)
      .where(sql`${t.svixRelayedAt} is null`),
    index("webhook_events_created_idx").on(t.createdAt),
  ],
);

/** One event for one endpoint: the delivery log, and the queue workers claim from under a lease. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    eventId: text("event_id")
      .notNull()
      .references(() => webhookEvents.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventSeq: bigint("event_seq", { mode: "number" }).notNull(),
    // pending → delivering → delivered, or back to pending with a later next_attempt_at, or failed after the last attempt.
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    claimedUntil: timestamp("claimed_until", { withTimezone: true, mode: "date" }),
    claimToken: uuid("claim_token"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, mode: "date" }),
    lastResponseStatus: integer("last_response_status"),
    // The start of the receiver's answer, capped: enough to debug, never a copy of whatever it sends.
    lastResponseBody: text("last_response_body"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'delivering')`),
    index("webhook_deliveries_endpoint_open_idx")
      .on(t.endpointId, t.eventSeq)
      .where(sql`${t.status} in ('pending', 'delivering')`),
    index("webhook_deliveries_endpoint_log_idx").on(t.tenancyId, t.endpointId, t.createdAt),
    index("webhook_deliveries_event_idx").on(t.eventId),
  ],
);
