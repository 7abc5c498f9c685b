import { runEmailQueueStep } from "../domain/emails/queue-step";
import { constantTimeEqual } from "../lib/crypto";
import { StatusError } from "../lib/status-error";
import { z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { schemaError } from "./validation";
import { emailQueueStepResponse } from "./schemas/emails";
import { emailQueueDepsOf } from "../services";

/**
 * Cron endpoints take `Authorization: Bearer <CRON_SECRET>` and nothing else. Stack Auth's API declares the header as
 * part of the request, so a request without it is a SCHEMA_ERROR; a wrong one is a plain 401.
 */
function requireCronSecret(secret: string | undefined, authorization: string | undefined, request: { method: string; url: string }): void {
  if (authorization === undefined) throw schemaError(request.method, new URL(request.url).pathname, ["headers.authorization must be defined"]);
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
  if (!secret || !given || !constantTimeEqual(given, secret)) throw new StatusError(401, "Invalid or missing cron secret.");
}

export const cronRoutes = [
  defineRoute({
    method: "get",
    path: "/internal/email-queue-step",
    summary: "Send the due emails of the outbox (what every instance also does on a timer)",
    tags: ["Cron"],
    access: "none",
    query: z.object({ only_one_step: z.enum(["true", "false"]).optional() }).strict(),
    response: { status: 200, description: "Done", schema: emailQueueStepResponse },
    otherResponses: [{ status: 401, description: "The cron secret is missing or wrong", schema: z.string(), mediaType: "text/plain" }],
    headers: z.object({ authorization: z.string().openapi({ description: "`Bearer <CRON_SECRET>`" }) }),
    handler: async ({ c, services, query }) => {
      requireCronSecret(services.config.cronSecret, c.req.header("authorization"), c.req);
      await runEmailQueueStep(emailQueueDepsOf(services), { timeBudgetMs: query.only_one_step === "true" ? 1 : 60_000 });
      return c.json({ ok: true as const });
    },
  }),
];
