import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { webhookDeliveries, webhookEvents } from "../../db/schema";
import { insertInTenancy } from "../../db/tenant-scope";
import { recordDelivered, recordFailedAttempt } from "./deliveries";
import { requireEndpoint } from "./endpoints";
import { TEST_EVENT_TYPE, type WebhookTenancy, newWebhookEventId } from "./events";
import { type WebhookDeps, attemptDelivery } from "./worker";

/**
 * Sends a test event to one endpoint now, whether or not it is on, and answers how it went. It is signed and logged
 * like any delivery, and never retried.
 */
export async function sendTestWebhook(
  db: Database,
  tenancy: WebhookTenancy,
  deps: Pick<WebhookDeps, "serverSecret" | "policy" | "resolver">,
  endpointId: string,
): Promise<{ success: boolean; errorMessage?: string }> {
  const endpoint = await requireEndpoint(db, tenancy, endpointId);
  const { event, delivery } = await db.transaction(async (tx) => {
    const [event] = await insertInTenancy(tx, tenancy, webhookEvents, {
      id: newWebhookEventId(),
      projectId: tenancy.project.id,
      type: TEST_EVENT_TYPE,
      data: { message: "A test event, sent from the dashboard to check this endpoint." },
      // Svix has its own test button; the hand-off leaves this one alone.
      svixRelayedAt: sql`now()`,
    }).returning();
    // Claimed by this request from the start, so no worker sends it too.
    const [delivery] = await insertInTenancy(tx, tenancy, webhookDeliveries, {
      eventId: event!.id,
      endpointId: endpoint.id,
      eventSeq: event!.seq,
      status: "delivering",
      attempts: 1,
      claimToken: sql`gen_random_uuid()`,
      claimedUntil: sql`now() + interval '1 minute'`,
      lastAttemptAt: sql`now()`,
    }).returning();
    return { event: event!, delivery: delivery! };
  });
  const outcome = await attemptDelivery(deps, { event, delivery, endpoint });
  if (outcome.kind === "response" && outcome.status >= 200 && outcome.status < 300) {
    await recordDelivered(db, delivery, { responseStatus: outcome.status, responseBody: outcome.body, error: null });
    return { success: true };
  }
  const error = outcome.kind === "error" ? outcome.error : `Answered ${outcome.status}.`;
  await recordFailedAttempt(db, delivery, { responseStatus: outcome.kind === "response" ? outcome.status : null, responseBody: outcome.kind === "response" ? outcome.body : null, error }, null);
  return { success: false, errorMessage: error };
}
