import { KnownErrors } from "@stackframe/stack-shared";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "../../db/schema";
import { type TenancyRef, inTenancy, updateInTenancy } from "../../db/tenant-scope";
import { webhookBody } from "./signing";

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type EventRow = typeof webhookEvents.$inferSelect;
export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type ClaimedDelivery = { delivery: DeliveryRow; event: EventRow; endpoint: EndpointRow };

/** The wait before retry number `attempt` (1 for the first retry): drawn at random up to the schedule's step (full jitter). */
export function retryDelaySeconds(schedule: number[], attempt: number, random: () => number = Math.random): number | null {
  const step = schedule[attempt - 1];
  if (step === undefined) return null;
  // Never zero: a receiver that just failed gets at least a moment.
  return Math.max(step * random(), Math.min(step, 0.1));
}

const DUE = sql`((d.status = 'pending' and d.next_attempt_at <= now()) or (d.status = 'delivering' and d.claimed_until < now()))`;
const OPEN = sql`d.status in ('pending', 'delivering')`;

/**
 * Claims the next deliveries of up to `limit` endpoints, strictly in event order: an endpoint's deliveries go out
 * only from its earliest open one (pending, or in flight), so one waiting for a retry holds back those behind it.
 * Each claim first locks the endpoints whose earliest open delivery is due and none is in flight under a live lease
 * (SKIP LOCKED, so instances pass each other by); under that lock it takes up to `perEndpoint` rows from the head,
 * stopping at the first that is not due. The worker sends an endpoint's claimed rows one after another, so each
 * endpoint has one delivery in flight at a time. A lease that runs out (its worker died) makes the row due again.
 */
export async function claimDueDeliveries(db: Database, limit: number, leaseSeconds: number, perEndpoint = 1): Promise<ClaimedDelivery[][]> {
  const ids = await db.transaction(async (tx) => {
    // across tenancies: the worker delivers every project's webhooks. NO KEY UPDATE leaves new deliveries' foreign-key checks unblocked.
    const locked = await tx.execute<{ id: string }>(sql`
      select e.id from webhook_endpoints e
      where e.enabled
        and exists (select 1 from webhook_deliveries d where d.endpoint_id = e.id and ${DUE})
        and (select ${DUE} from webhook_deliveries d where d.endpoint_id = e.id and ${OPEN} order by d.event_seq limit 1)
        and not exists (select 1 from webhook_deliveries d where d.endpoint_id = e.id and d.status = 'delivering' and d.claimed_until >= now())
      limit ${limit}
      for no key update skip locked`);
    const endpointIds = (locked as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
    if (endpointIds.length === 0) return [];
    // across tenancies: the heads of the endpoints locked above, up to the first row that is not due.
    const claimed = await tx.execute<{ id: string }>(sql`
      update webhook_deliveries
      set status = 'delivering', attempts = attempts + 1, claimed_until = now() + make_interval(secs => ${leaseSeconds}),
          claim_token = gen_random_uuid(), last_attempt_at = now()
      where id in (
        select id from (
          select head.id, bool_and(head.due) over (partition by head.endpoint_id order by head.event_seq) as run_due
          from unnest(${sql.param(endpointIds)}::uuid[]) as endpoint(id)
          cross join lateral (
            select d.id, d.endpoint_id, d.event_seq, ${DUE} as due from webhook_deliveries d
            where d.endpoint_id = endpoint.id and ${OPEN}
            order by d.event_seq limit ${perEndpoint}) head) heads
        where run_due)
      returning id`);
    return (claimed as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
  });
  if (ids.length === 0) return [];
  // across tenancies: the rows just claimed, by id, with their events and endpoints.
  const rows = await db
    .select({ delivery: webhookDeliveries, event: webhookEvents, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(inArray(webhookDeliveries.id, ids))
    .orderBy(webhookDeliveries.endpointId, webhookDeliveries.eventSeq);
  const byEndpoint = new Map<string, ClaimedDelivery[]>();
  for (const row of rows) byEndpoint.set(row.endpoint.id, [...(byEndpoint.get(row.endpoint.id) ?? []), row]);
  return [...byEndpoint.values()];
}

/** Gives back claimed rows this worker will not send after all (its lease would not cover them), due at once again. */
export async function releaseClaims(db: Database, rows: DeliveryRow[]): Promise<void> {
  for (const row of rows) {
    // across tenancies: the worker's own claim, named by its id and claim token.
    await db
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: sql`${webhookDeliveries.attempts} - 1`, claimedUntil: null })
      .where(and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.claimToken, row.claimToken!)));
  }
}

export type AttemptRecord = { responseStatus: number | null; responseBody: string | null; error: string | null };

const fenced = (row: DeliveryRow) => and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.claimToken, row.claimToken!));

/** Records a delivery; a worker whose claim was taken over records nothing. False when it no longer held the claim. */
export async function recordDelivered(db: Database, row: DeliveryRow, attempt: AttemptRecord): Promise<boolean> {
  // across tenancies: the worker's own claim, named by its id and claim token, and its endpoint; one statement.
  const result = await db.execute<{ id: string }>(sql`
    with delivered as (
      update ${webhookDeliveries}
      set status = 'delivered', delivered_at = now(), claimed_until = null, last_response_status = ${attempt.responseStatus},
          last_response_body = ${attempt.responseBody}, last_error = null
      where id = ${row.id} and claim_token = ${row.claimToken}
      returning endpoint_id)
    update webhook_endpoints set last_success_at = now() where id in (select endpoint_id from delivered)
    returning id`);
  return (result as unknown as { rows: unknown[] }).rows.length > 0;
}

/**
 * Records a failed attempt: another one later (at `retryAt`), or, with none, the delivery fails. Answers whether this
 * worker still held the claim.
 */
export async function recordFailedAttempt(db: Database, row: DeliveryRow, attempt: AttemptRecord, retryAt: Date | null): Promise<boolean> {
  // across tenancies: the worker's own claim, named by its id and claim token.
  const updated = await db
    .update(webhookDeliveries)
    .set({
      status: retryAt ? "pending" : "failed",
      nextAttemptAt: retryAt ?? row.nextAttemptAt,
      claimedUntil: null,
      lastResponseStatus: attempt.responseStatus,
      lastResponseBody: attempt.responseBody,
      lastError: attempt.error?.slice(0, 1000) ?? null,
    })
    .where(fenced(row))
    .returning({ id: webhookDeliveries.id });
  return updated.length > 0;
}

/** Turns an endpoint off for a reason; true only for the call that turned it off, so its admins are told once. */
export async function disableEndpoint(tx: Tx, endpointId: string, reason: string): Promise<boolean> {
  // across tenancies: the worker turns off the endpoint of a delivery it holds, by its id.
  const updated = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  return updated.length > 0;
}

/** A delivery for the admin API's log, with the request body it sends (the project's own data, shown to its admins). */
export function toDeliveryJson(row: DeliveryRow & { eventType: string; eventData: unknown }) {
  return {
    id: row.id,
    event_id: row.eventId,
    event_type: row.eventType,
    request_body: webhookBody({ type: row.eventType, data: row.eventData }),
    status: row.status,
    attempts: row.attempts,
    next_attempt_at_millis: row.status === "pending" ? row.nextAttemptAt.getTime() : null,
    last_attempt_at_millis: row.lastAttemptAt?.getTime() ?? null,
    last_response_status: row.lastResponseStatus,
    last_response_body: row.lastResponseBody,
    last_error: row.lastError,
    delivered_at_millis: row.deliveredAt?.getTime() ?? null,
    created_at_millis: row.createdAt.getTime(),
  };
}

/** An endpoint's delivery log, newest first, a page at a time (`before`: the created time of the last row seen). */
export async function listDeliveries(db: Tx, tenancy: TenancyRef, endpointId: string, page: { limit: number; before?: Date }) {
  return db
    .select({ delivery: webhookDeliveries, eventType: webhookEvents.type, eventData: webhookEvents.data })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, and(eq(webhookEvents.tenancyId, webhookDeliveries.tenancyId), eq(webhookEvents.id, webhookDeliveries.eventId)))
    .where(inTenancy(tenancy, webhookDeliveries, eq(webhookDeliveries.endpointId, endpointId), page.before ? lt(webhookDeliveries.createdAt, page.before) : undefined))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(page.limit);
}

/** Queues a delivery again, at once and from its first attempt, with the same event id, so a receiver can tell it is a repeat. */
export async function replayDelivery(db: Tx, tenancy: TenancyRef, endpointId: string, deliveryId: string) {
  const [row] = await updateInTenancy(
    db,
    tenancy,
    webhookDeliveries,
    { status: "pending", attempts: 0, nextAttemptAt: sql`now()`, claimedUntil: null, claimToken: null, lastError: null },
    eq(webhookDeliveries.id, deliveryId),
    eq(webhookDeliveries.endpointId, endpointId),
    // One in flight is left to finish.
    sql`${webhookDeliveries.status} <> 'delivering'`,
  ).returning();
  if (!row) throw new KnownErrors.WebhookDeliveryNotFound(deliveryId);
  const [event] = await db
    .select({ type: webhookEvents.type, data: webhookEvents.data })
    .from(webhookEvents)
    .where(inTenancy(tenancy, webhookEvents, eq(webhookEvents.id, row.eventId)));
  return { ...row, eventType: event!.type, eventData: event!.data };
}

/** Deletes events older than 30 days with nothing left to send, and their deliveries with them. */
export async function pruneOldEvents(db: Database): Promise<void> {
  // across tenancies: housekeeping of every project's old events.
  await db.execute(sql`
    delete from webhook_events e
    where e.created_at < now() - interval '30 days'
      and not exists (select 1 from webhook_deliveries d where d.event_id = e.id and d.status in ('pending', 'delivering'))`);
}
