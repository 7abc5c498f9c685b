import { type PeriodicStep, startPeriodicStep } from "../../lib/periodic-step";
import type { Svix } from "svix";
import type { Database } from "../../db/client";
import type { WebhookSettings } from "../../lib/config";
import type { ProjectCache } from "../projects/project-cache";
import {
  type AttemptRecord,
  type ClaimedDelivery,
  claimDueDeliveries,
  disableEndpoint,
  pruneOldEvents,
  recordDelivered,
  recordFailedAttempt,
  releaseClaims,
  retryDelaySeconds,
} from "./deliveries";
import { prepareEndpointDisabledNotice, queueEndpointDisabledNotice } from "./disabled-notice";
import { signingSecretsOf } from "./endpoints";
import { type HttpOutcome, type Resolver, postWebhook } from "./http-delivery";
import { signedHeaders, webhookBody } from "./signing";
import { claimDueSvixEvents, relayToSvix } from "./svix";
import type { AddressPolicy } from "./url-policy";

/** What delivering needs: the database, projects (for the admins to tell), the server secret that seals endpoint secrets, the settings. */
export type WebhookDeps = {
  db: Database;
  projects: ProjectCache;
  serverSecret: string;
  settings: WebhookSettings;
  policy: AddressPolicy;
  /** Set when events go to Svix instead. */
  svix: Svix | null;
  resolver?: Resolver;
};

const BATCH_SIZE = 20;
// An endpoint's claimed rows are sent one after another: up to this many per claim, while the lease leaves time for a
// whole attempt (the 15 s timeout and a margin) before it runs out.
const PER_ENDPOINT = 10;
const ATTEMPT_MARGIN_MS = 20_000;
// Most a receiver gets to keep a delivery waiting; a Retry-After beyond it is cut to it.
const MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

function attemptOf(outcome: HttpOutcome): AttemptRecord {
  if (outcome.kind === "error") return { responseStatus: null, responseBody: null, error: outcome.error };
  const error = outcome.status >= 300 && outcome.status < 400 ? `Answered ${outcome.status}: redirects are not followed.` : outcome.status >= 300 ? `Answered ${outcome.status}.` : null;
  return { responseStatus: outcome.status, responseBody: outcome.body, error };
}

/** Sends one attempt of a delivery, signed with the endpoint's secrets, fresh timestamp, same id as every other attempt. */
export function attemptDelivery(deps: Pick<WebhookDeps, "serverSecret" | "policy" | "resolver">, claimed: ClaimedDelivery): Promise<HttpOutcome> {
  const body = webhookBody(claimed.event);
  const headers = signedHeaders(claimed.event.id, Math.floor(Date.now() / 1000), body, signingSecretsOf(claimed.endpoint, deps.serverSecret));
  return postWebhook(claimed.endpoint.url, headers, body, { policy: deps.policy, resolver: deps.resolver });
}

async function turnOff(deps: WebhookDeps, claimed: ClaimedDelivery, reason: string): Promise<void> {
  const notice = await prepareEndpointDisabledNotice(deps.projects, claimed.event.projectId, { endpointUrl: claimed.endpoint.url, reason });
  await deps.db.transaction(async (tx) => {
    if ((await disableEndpoint(tx, claimed.endpoint.id, reason)) && notice) await queueEndpointDisabledNotice(tx, notice);
  });
}

/**
 * A delivery's success is written while the next one of its endpoint is sent, so an endpoint's rate is not bounded by
 * a send and a write in turn. A crash before the write lands only sends it again, with the same webhook-id, as a crash
 * mid-send does; the writes are awaited (and their errors thrown) before the claim's rows are done with.
 */
class PendingWrites {
  private readonly writes: Promise<unknown>[] = [];
  private failure: unknown = null;
  add(write: Promise<unknown>): void {
    this.writes.push(
      write.catch((error: unknown) => {
        this.failure ??= error;
      }),
    );
  }
  async settle(): Promise<void> {
    await Promise.all(this.writes);
    if (this.failure !== null) throw this.failure;
  }
}

async function deliverOne(deps: WebhookDeps, claimed: ClaimedDelivery, writes: PendingWrites): Promise<boolean> {
  const outcome = await attemptDelivery(deps, claimed);
  const attempt = attemptOf(outcome);
  if (attempt.error === null) {
    writes.add(recordDelivered(deps.db, claimed.delivery, attempt));
    return true;
  }
  const { delivery } = claimed;
  const status = outcome.kind === "response" ? outcome.status : null;
  let retryAt: Date | null = null;
  if (status !== 410) {
    const backoff = retryDelaySeconds(deps.settings.retryScheduleSeconds, delivery.attempts);
    const asked = status === 429 && outcome.kind === "response" && outcome.retryAfterSeconds !== null ? Math.min(outcome.retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) : null;
    const delay = backoff === null ? null : Math.max(backoff, asked ?? 0);
    retryAt = delay === null ? null : new Date(Date.now() + delay * 1000);
  }
  if (!(await recordFailedAttempt(deps.db, delivery, attempt, retryAt))) return false;
  if (status === 410) {
    await turnOff(deps, claimed, "the receiver answered 410 Gone.");
  } else if (retryAt === null) {
    // Every attempt failed, and since it held back everything behind it, nothing got through meanwhile either.
    await turnOff(deps, claimed, `every delivery attempt failed for ${delivery.attempts} attempts (last: ${attempt.error})`);
  }
  return false;
}

/** One step of the worker: deliver (or hand to Svix) batch after batch until nothing is due or the time is up. */
export async function runWebhookStep(deps: WebhookDeps, { timeBudgetMs = 5_000 } = {}): Promise<{ delivered: number; failed: number }> {
  const deadline = Date.now() + timeBudgetMs;
  const leaseSeconds = deps.settings.claimLeaseSeconds;
  let delivered = 0;
  let failed = 0;
  do {
    if (deps.svix) {
      const svix = deps.svix;
      const events = await claimDueSvixEvents(deps.db, BATCH_SIZE, leaseSeconds);
      if (events.length === 0) break;
      for (const event of events) (await relayToSvix(deps.db, svix, event, deps.settings.retryScheduleSeconds)) ? delivered++ : failed++;
      continue;
    }
    const leaseMs = leaseSeconds * 1000;
    const perEndpoint = leaseMs > ATTEMPT_MARGIN_MS * 2 ? PER_ENDPOINT : 1;
    const claimedAt = Date.now();
    const claimed = await claimDueDeliveries(deps.db, BATCH_SIZE, leaseSeconds, perEndpoint);
    if (claimed.length === 0) break;
    const results = await Promise.all(
      claimed.map(async (rows) => {
        const outcomes: boolean[] = [];
        const writes = new PendingWrites();
        try {
          for (const [index, one] of rows.entries()) {
            // Order holds: after a failure (or a lost claim) the rows behind it wait for its retry, and near the end
            // of the lease they go back rather than risk an attempt the lease would not cover.
            const stop = index > 0 && (!outcomes[index - 1] || Date.now() - claimedAt > leaseMs - ATTEMPT_MARGIN_MS);
            if (stop) {
              await releaseClaims(deps.db, rows.slice(index).map((row) => row.delivery));
              break;
            }
            outcomes.push(await deliverOne(deps, one, writes));
          }
        } finally {
          await writes.settle();
        }
        return outcomes;
      }),
    );
    delivered += results.flat().filter(Boolean).length;
    failed += results.flat().filter((ok) => !ok).length;
  } while (Date.now() < deadline);
  // Housekeeping that every instance may do now and then: the delivery log keeps a month.
  if (Math.random() < 0.01) await pruneOldEvents(deps.db);
  return { delivered, failed };
}

/** Runs the step on a timer in this instance, at once again while there is work; see startPeriodicStep. */
export function startWebhookWorker(deps: WebhookDeps): PeriodicStep {
  return startPeriodicStep("webhook step", deps.settings.workerIntervalMs, async () => {
    const result = await runWebhookStep(deps);
    return { busy: result.delivered + result.failed > 0 };
  });
}
