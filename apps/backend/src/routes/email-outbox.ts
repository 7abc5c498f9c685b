import { getOutboxEmail, listOutboxEmails, toOutboxJson } from "../domain/emails/outbox-listing";
import { StatusError } from "../lib/status-error";
import { uuid, z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { outboxEmailResponse, outboxPageResponse } from "./schemas/emails";
import { SERVER_ACCESS } from "./route-policy";

export const emailOutboxRoutes = [
  defineRoute({
    method: "get",
    path: "/emails/outbox",
    summary: "The project's emails, newest first, with their delivery status",
    tags: ["Emails"],
    access: SERVER_ACCESS,
    query: z
      .object({
        status: z.enum(["queued", "sending", "sent", "failed"]).optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
        cursor: uuid().optional(),
      })
      .strict(),
    response: { status: 200, description: "A page of emails", schema: outboxPageResponse },
    handler: async ({ c, services, auth, query }) => {
      const { page, nextCursor } = await listOutboxEmails(services.db, auth.tenancy, {
        status: query.status,
        cursor: query.cursor?.toLowerCase(),
        limit: query.limit ?? 100,
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
