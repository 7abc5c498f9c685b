import { and, desc, eq, lt, or } from "drizzle-orm";
import { emailOutbox } from "../db/schema";
import type { OutboxRow } from "../domain/emails/outbox";
import { StatusError } from "../lib/status-error";
import { uuid, z } from "../lib/zod";
import { defineRoute } from "./define-route";

const SIMPLE_STATUS: Record<string, string> = { queued: "in-progress", sending: "in-progress", sent: "ok", failed: "error" };

/** What admins see of an email: where it is in the outbox and why it failed, not its content's secrets (codes). */
function toOutboxJson(row: OutboxRow) {
  return {
    id: row.id,
    created_at_millis: row.createdAt.getTime(),
    kind: row.kind,
    to: { type: "custom-emails", emails: [row.recipient] },
    subject: row.subject,
    status: row.status,
    simple_status: SIMPLE_STATUS[row.status] ?? "in-progress",
    has_delivered: row.status === "sent",
    sent_at_millis: row.sentAt?.getTime() ?? null,
    send_retries: Math.max(0, row.attempts - 1),
    next_attempt_at_millis: row.status === "queued" ? row.nextAttemptAt.getTime() : null,
    send_attempt_errors: row.lastError ? [row.lastError] : [],
  };
}

const columns = {
  id: emailOutbox.id,
  tenancyId: emailOutbox.tenancyId,
  projectId: emailOutbox.projectId,
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

export const emailOutboxRoutes = [
  defineRoute({
    method: "get",
    path: "/emails/outbox",
    summary: "The project's emails, newest first, with their delivery status",
    tags: ["Emails"],
    access: ["server", "admin"],
    query: z
      .object({
        status: z.enum(["queued", "sending", "sent", "failed"]).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
        cursor: uuid().optional(),
      })
      .strict(),
    response: { status: 200, description: "A page of emails" },
    handler: async ({ c, services, auth, query }) => {
      const limit = query.limit ?? 100;
      const cursorRow = query.cursor
        ? (await services.db.select({ createdAt: emailOutbox.createdAt, id: emailOutbox.id }).from(emailOutbox).where(and(eq(emailOutbox.tenancyId, auth.tenancyId), eq(emailOutbox.id, query.cursor.toLowerCase()))))[0]
        : undefined;
      const rows = await services.db
        .select(columns)
        .from(emailOutbox)
        .where(
          and(
            eq(emailOutbox.tenancyId, auth.tenancyId),
            query.status ? eq(emailOutbox.status, query.status) : undefined,
            cursorRow
              ? or(lt(emailOutbox.createdAt, cursorRow.createdAt), and(eq(emailOutbox.createdAt, cursorRow.createdAt), lt(emailOutbox.id, cursorRow.id)))
              : undefined,
          ),
        )
        .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit) as OutboxRow[];
      const next = rows[limit];
      return c.json({ items: page.map(toOutboxJson), is_paginated: true, pagination: { next_cursor: next ? page[page.length - 1]!.id : null } });
    },
  }),
  defineRoute({
    method: "get",
    path: "/emails/outbox/:id",
    summary: "One email of the outbox",
    tags: ["Emails"],
    access: ["server", "admin"],
    params: z.object({ id: uuid() }).strict(),
    response: { status: 200, description: "The email" },
    handler: async ({ c, services, auth, params }) => {
      const [row] = await services.db.select(columns).from(emailOutbox).where(and(eq(emailOutbox.tenancyId, auth.tenancyId), eq(emailOutbox.id, params.id.toLowerCase())));
      if (!row) throw new StatusError(404, "Email not found.");
      return c.json(toOutboxJson(row as OutboxRow));
    },
  }),
];
