import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { insertInTenancy } from "../../db/tenant-scope";
import type { Tenancy } from "../projects/tenancy";

export type OutboxRow = typeof emailOutbox.$inferSelect;
export type RenderedEmail = { subject: string; html: string; text: string };

export const MAX_SEND_ATTEMPTS = 8;

/** Queues an email in the caller's transaction: it exists exactly when the change that caused it commits. */
export async function enqueueEmail(tx: Tx, tenancy: Tenancy, input: { kind: string; to: string; email: RenderedEmail }): Promise<string> {
  const [row] = await insertInTenancy(tx, tenancy, emailOutbox, { projectId: tenancy.project.id, kind: input.kind, recipient: input.to, ...input.email }).returning({
    id: emailOutbox.id,
  });
  return row!.id;
}

/**
 * Claims up to `limit` due rows for this worker: queued ones whose time has come, and rows whose sender's lease ran
 * out (a worker that holds a row that long without recording an outcome is presumed dead). SKIP LOCKED lets any number of instances claim at once without taking the same row.
 */
export async function claimDueEmails(db: Database, limit: number, leaseSeconds: number): Promise<OutboxRow[]> {
  // across tenancies: the worker sends every project's mail.
  const result = await db.execute<{ id: string }>(sql`
    update ${emailOutbox}
    set status = 'sending',
        attempts = ${emailOutbox.attempts} + 1,
        claimed_until = now() + make_interval(secs => ${leaseSeconds}),
        claim_token = gen_random_uuid()
    where ${emailOutbox.id} in (
      select ${emailOutbox.id} from ${emailOutbox}
      where (${emailOutbox.status} = 'queued' and ${emailOutbox.nextAttemptAt} <= now())
         or (${emailOutbox.status} = 'sending' and ${emailOutbox.claimedUntil} < now())
      order by ${emailOutbox.nextAttemptAt}
      limit ${limit}
      for update skip locked
    )
    returning id`);
  const ids = (result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
  if (ids.length === 0) return [];
  // across tenancies: the rows just claimed, by id.
  return await db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids));
}

/** Records a delivery; a worker whose claim was taken over (its lease ran out) records nothing. */
export async function recordSent(db: Database, row: OutboxRow): Promise<void> {
  // across tenancies: the worker's own claim, named by its id and claim token.
  await db
    .update(emailOutbox)
    .set({ status: "sent", sentAt: new Date(), claimedUntil: null, lastError: null })
    .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.claimToken, row.claimToken!)));
}

/** Schedules another attempt with exponential backoff, or gives up after the last one. */
export async function recordFailure(db: Database, row: OutboxRow, error: string): Promise<void> {
  const giveUp = row.attempts >= MAX_SEND_ATTEMPTS;
  const backoffSeconds = Math.min(2 ** row.attempts * 5, 3600);
  // across tenancies: the worker's own claim, named by its id and claim token.
  await db
    .update(emailOutbox)
    .set({
      status: giveUp ? "failed" : "queued",
      claimedUntil: null,
      lastError: error.slice(0, 2000),
      nextAttemptAt: giveUp ? row.nextAttemptAt : new Date(Date.now() + backoffSeconds * 1000),
    })
    .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.claimToken, row.claimToken!)));
}
