import type { WebhookEventType } from "@stackframe/stack-shared";
import { type SQL, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { TenancyRef } from "../../db/tenant-scope";
import { randomBase32 } from "../../lib/crypto";

// The catalog lives in the shared package, where the SDK and the dashboard's event picker read it too.
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@stackframe/stack-shared";

/** The event a person sends from the dashboard to check an endpoint; it goes to that endpoint only. */
export const TEST_EVENT_TYPE = "stack.test";

/** What emitting needs of a tenancy: its id, and its project's, which is the Svix application's uid. */
export type WebhookTenancy = TenancyRef & { readonly project: { readonly id: string } };

/** Every attempt of an event carries this id as `webhook-id`, so receivers can drop a repeat; Svix's own ids look alike. */
export function newWebhookEventId(): string {
  return `msg_${randomBase32(27)}`;
}

/** The CTE steps that write the events `rows` selects, in its order, and one delivery per enabled endpoint whose filter takes them. */
function eventSteps(rows: SQL, name: string): SQL[] {
  const inserted = sql.raw(`${name}_events`);
  return [
    sql`${inserted} as (
      insert into webhook_events (id, tenancy_id, project_id, type, data) ${rows}
      returning id, tenancy_id, type, seq)`,
    sql`${sql.raw(`${name}_deliveries`)} as (
      insert into webhook_deliveries (tenancy_id, event_id, endpoint_id, event_seq)
      select ev.tenancy_id, ev.id, ep.id, ev.seq from ${inserted} ev
      join webhook_endpoints ep on ep.tenancy_id = ev.tenancy_id and ep.enabled
        and (cardinality(ep.event_types) = 0 or ev.type = any(ep.event_types)))`,
  ];
}

/**
 * The CTE steps that write events and their deliveries, for a statement that also makes the change (user creation is
 * one statement), with data the statement may compute. Events of one call get increasing `seq` in list order.
 * `name` keeps the steps' names apart when a statement holds several calls.
 */
export function webhookEventSteps(tenancy: WebhookTenancy, events: { type: WebhookEventType; data: SQL }[], name = "webhook"): SQL[] {
  const rows = events.map((event) => sql`(${newWebhookEventId()}, ${tenancy.id}::uuid, ${tenancy.project.id}, ${event.type}, ${event.data})`);
  return eventSteps(sql`values ${sql.join(rows, sql`, `)}`, name);
}

/**
 * Writes events in the caller's transaction, with their deliveries: they exist exactly when the change that caused
 * them commits, and a change that rolls back sends nothing. One statement with three array parameters, whatever the
 * number of events (a team's deletion sends one per member) and of endpoints.
 */
export async function emitWebhookEvents(tx: Tx, tenancy: WebhookTenancy, events: { type: WebhookEventType; data: unknown }[]): Promise<void> {
  if (events.length === 0) return;
  const ids = events.map(() => newWebhookEventId());
  const types = events.map((event) => event.type);
  const data = events.map((event) => JSON.stringify(event.data));
  const rows = sql`select e.id, ${tenancy.id}::uuid, ${tenancy.project.id}, e.type, e.data::jsonb
    from unnest(${sql.param(ids)}::text[], ${sql.param(types)}::text[], ${sql.param(data)}::text[]) with ordinality as e(id, type, data, n)
    order by e.n`;
  await tx.execute(sql`with ${sql.join(eventSteps(rows, "webhook"), sql`, `)} select 1`);
}

export function emitWebhookEvent(tx: Tx, tenancy: WebhookTenancy, type: WebhookEventType, data: unknown): Promise<void> {
  return emitWebhookEvents(tx, tenancy, [{ type, data }]);
}
