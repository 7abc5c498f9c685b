import { type OutboxStatus, getOutboxEmail, listOutboxEmails, statusesWithSimpleStatus, toOutboxJson } from "../domain/emails/outbox-listing";
import { StatusError } from "../lib/status-error";
import { uuid, z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { outboxEmailResponse, outboxPageResponse } from "./schemas/emails";
import { SERVER_ACCESS } from "./route-policy";

// Stack Auth's API takes these in either spelling (`sent`, `SENT`, `in-progress`, `IN_PROGRESS`).
const statusSpelling = (value: string) => value.trim().toLowerCase().replaceAll("_", "-");
const OWN_STATUSES = ["queued", "sending", "sent", "failed"] as const;
// States of Stack Auth's outbox that this one never has (it renders as it queues, and keeps no delivery events):
// filtering on them is valid and finds nothing.
const FOREIGN_STATUSES = ["paused", "preparing", "rendering", "render-error", "scheduled", "server-error", "skipped", "bounced", "delivery-delayed", "opened", "clicked", "marked-as-spam"] as const;
const statusFilter = () => z.string().transform(statusSpelling).pipe(z.enum([...OWN_STATUSES, ...FOREIGN_STATUSES]));
const simpleStatusFilter = () => z.string().transform(statusSpelling).pipe(z.enum(["in-progress", "ok", "error"]));

/** A page holds at most this many emails; the default is a full page. */
const MAX_OUTBOX_PAGE = 100;

/** `limit` as Stack Auth's API reads it: a leading integer, refused with a plain 400 when under 1 or over the maximum. */
function outboxPageSize(limit: string | undefined): number {
  if (limit === undefined) return MAX_OUTBOX_PAGE;
  const size = Number.parseInt(limit, 10);
  if (Number.isNaN(size) || size < 1) throw new StatusError(400, "limit must be a positive integer.");
  if (size > MAX_OUTBOX_PAGE) throw new StatusError(400, `limit cannot be more than ${MAX_OUTBOX_PAGE}.`);
  return size;
}

function statusesOf(query: { status?: string; simple_status?: "in-progress" | "ok" | "error" }): OutboxStatus[] | undefined {
  const own = (status: string): OutboxStatus[] => ((OWN_STATUSES as readonly string[]).includes(status) ? [status as OutboxStatus] : []);
  const byStatus = query.status === undefined ? undefined : own(query.status);
  const bySimple = query.simple_status === undefined ? undefined : statusesWithSimpleStatus(query.simple_status);
  if (byStatus && bySimple) return byStatus.filter((status) => bySimple.includes(status));
  return byStatus ?? bySimple;
}

export const emailOutboxRoutes = [
  defineRoute({
    method: "get",
    path: "/emails/outbox",
    summary: "The project's emails, newest first, with their delivery status",
    tags: ["Emails"],
    access: SERVER_ACCESS,
    query: z
      .object({
        status: statusFilter().optional(),
        simple_status: simpleStatusFilter().optional(),
        limit: z.string().max(32).optional(),
        cursor: uuid().optional(),
      })
      .strict(),
    response: { status: 200, description: "A page of emails", schema: outboxPageResponse },
    handler: async ({ c, services, auth, query }) => {
      const { page, nextCursor } = await listOutboxEmails(services.db, auth.tenancy, {
        statuses: statusesOf(query),
        cursor: query.cursor?.toLowerCase(),
        limit: outboxPageSize(query.limit),
      });
      return c.json({ items: page.map(toOutboxJson), is_paginated: true, pagination: { next_cursor: nextCursor } });
    },
  }),
  defineRoute({
    method: "get",
    path: "/emails/outbox/:id",
    summary: "One email of the outbox",
    tags: ["Emails"],
    access: SERVER_ACCESS,
    params: z.object({ id: uuid() }).strict(),
    response: { status: 200, description: "The email", schema: outboxEmailResponse },
    otherResponses: [{ status: 404, description: "No such email in this project", schema: z.string(), mediaType: "text/plain" }],
    handler: async ({ c, services, auth, params }) => {
      const row = await getOutboxEmail(services.db, auth.tenancy, params.id.toLowerCase());
      if (!row) throw new StatusError(404, "Email not found.");
      return c.json(toOutboxJson(row));
    },
  }),
];
