import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { type TenancyRef, inTenancy } from "../../db/tenant-scope";
import type { OutboxRow } from "./outbox";

// What admins may see of an email: its envelope and delivery state, never its body (it may hold a code).
const summaryColumns = {
  id: emailOutbox.id,
  kind: emailOutbox.kind,
  recipient: emailOutbox.recipient,
  subject: emailOutbox.subject,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  lastError: emailOutbox.lastError,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
};

export type OutboxSummary = Pick<OutboxRow, keyof typeof summaryColumns>;

export type OutboxStatus = "queued" | "sending" | "sent" | "failed";
export type OutboxSimpleStatus = "in-progress" | "ok" | "error";

const SIMPLE_STATUS: Record<OutboxStatus, OutboxSimpleStatus> = { queued: "in-progress", sending: "in-progress", sent: "ok", failed: "error" };

/** The statuses an email with this simple status can be in. */
export function statusesWithSimpleStatus(simpleStatus: OutboxSimpleStatus): OutboxStatus[] {
  return (Object.keys(SIMPLE_STATUS) as OutboxStatus[]).filter((status) => SIMPLE_STATUS[status] === simpleStatus);
}

/** The wire shape of an outbox email. */
export function toOutboxJson(row: OutboxSummary) {
  return {
    id: row.id,
    created_at_millis: row.createdAt.getTime(),
    kind: row.kind,
    to: { type: "custom-emails", emails: [row.recipient] },
    subject: row.subject,
    status: row.status,
    simple_status: SIMPLE_STATUS[row.status as OutboxStatus] ?? "in-progress",
    has_delivered: row.status === "sent",
    sent_at_millis: row.sentAt?.getTime() ?? null,
    send_retries: Math.max(0, row.attempts - 1),
    next_attempt_at_millis: row.status === "queued" ? row.nextAttemptAt.getTime() : null,
    send_attempt_errors: row.lastError ? [row.lastError] : [],
  };
}

/**
 * A page of the tenancy's emails, newest first; the cursor is the id of the last email of the previous page. `statuses`
 * keeps only emails in one of them (an empty list matches none).
 */
export async function listOutboxEmails(db: Tx, tenancy: TenancyRef, filter: { statuses?: OutboxStatus[]; cursor?: string; limit: number }) {
  const [after] = filter.cursor
    ? await db
        .select({ createdAt: emailOutbox.createdAt, id: emailOutbox.id })
        .from(emailOutbox)
        .where(inTenancy(tenancy, emailOutbox, eq(emailOutbox.id, filter.cursor)))
    : [];
  const rows = await db
    .select(summaryColumns)
    .from(emailOutbox)
    .where(
      inTenancy(
        tenancy,
        emailOutbox,
        filter.statuses ? (filter.statuses.length > 0 ? inArray(emailOutbox.status, filter.statuses) : sql`false`) : undefined,
        after ? or(lt(emailOutbox.createdAt, after.createdAt), and(eq(emailOutbox.createdAt, after.createdAt), lt(emailOutbox.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  return { page, nextCursor: rows.length > filter.limit ? page[page.length - 1]!.id : null };
}

export async function getOutboxEmail(db: Tx, tenancy: TenancyRef, id: string): Promise<OutboxSummary | null> {
  const [row] = await db.select(summaryColumns).from(emailOutbox).where(inTenancy(tenancy, emailOutbox, eq(emailOutbox.id, id)));
  return row ?? null;
}
