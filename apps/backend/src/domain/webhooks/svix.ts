import { and, eq, sql } from "drizzle-orm";
import { Svix } from "svix";
import type { Database } from "../../db/client";
import { webhookEvents } from "../../db/schema";
import type { WebhookSettings } from "../../lib/config";
import { type EventRow, retryDelaySeconds } from "./deliveries";

type SvixSettings = NonNullable<WebhookSettings["svix"]>;

export function createSvixClient(settings: SvixSettings): Svix {
  return new Svix(settings.apiKey, settings.serverUrl ? { serverUrl: settings.serverUrl } : undefined);
}

/** A token of Svix's app portal for the project's application, made on first use; its uid is the project id, as upstream has it. */
export async function svixAppPortalToken(svix: Svix, project: { id: string; displayName: string }): Promise<{ token: string; url: string }> {
  const app = await svix.application.getOrCreate({ uid: project.id, name: project.displayName });
  const access = await svix.authentication.appPortalAccess(app.id, {});
  return { token: access.token, url: access.url };
}

/**
 * Claims events not yet handed to Svix, oldest first, under a lease, as the delivery worker claims deliveries. Only
 * events of the last day are sent: turning Svix on does not replay a server's whole history.
 */
export async function claimDueSvixEvents(db: Database, limit: number, leaseSeconds: number): Promise<EventRow[]> {
  // across tenancies: the relay hands every project's events to Svix.
  const result = await db.execute<{ id: string }>(sql`
    update ${webhookEvents}
    set svix_attempts = svix_attempts + 1, svix_claimed_until = now() + make_interval(secs => ${leaseSeconds}), svix_claim_token = gen_random_uuid()
    where id in (
      select id from webhook_events
      where svix_relayed_at is null and svix_next_attempt_at <= now() and (svix_claimed_until is null or svix_claimed_until < now())
        and created_at > now() - interval '1 day'
      order by seq
      limit ${limit}
      for update skip locked)
    returning id`);
  const ids = (result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
  if (ids.length === 0) return [];
  // across tenancies: the rows just claimed, by id.
  return db.select().from(webhookEvents).where(sql`${webhookEvents.id} = any(${sql.param(ids)}::text[])`).orderBy(webhookEvents.seq);
}

/**
 * Hands one event to Svix. The event id is Svix's idempotency key (`eventId`), so a hand-off repeated after a crash
 * is one message there; the application is created with the first message of a project.
 */
export async function relayToSvix(db: Database, svix: Svix, event: EventRow, schedule: number[]): Promise<boolean> {
  const fence = and(eq(webhookEvents.id, event.id), eq(webhookEvents.svixClaimToken, event.svixClaimToken!));
  try {
    await svix.message.create(event.projectId, {
      eventId: event.id,
      eventType: event.type,
      payload: { type: event.type, data: event.data },
      application: { uid: event.projectId, name: event.projectId },
    });
  } catch (error) {
    const status = (error as { code?: number }).code;
    if (status !== 409) {
      const delay = retryDelaySeconds(schedule, event.svixAttempts);
      // across tenancies: the relay's own claim, by id and claim token.
      await db
        .update(webhookEvents)
        .set({
          svixClaimedUntil: null,
          svixLastError: `Svix answered ${status ?? (error instanceof Error ? error.message : "an error")}`.slice(0, 500),
          svixNextAttemptAt: delay === null ? sql`'infinity'::timestamptz` : new Date(Date.now() + delay * 1000),
        })
        .where(fence);
      return false;
    }
  }
  // across tenancies: the relay's own claim, by id and claim token.
  await db.update(webhookEvents).set({ svixRelayedAt: sql`now()`, svixClaimedUntil: null, svixLastError: null }).where(fence);
  return true;
}
