import { z } from "../../lib/zod";
import { millis, pageOf } from "./common";

export const outboxEmailResponse = z
  .object({
    id: z.string().uuid(),
    created_at_millis: millis(),
    kind: z.string(),
    to: z.object({ type: z.literal("custom-emails"), emails: z.array(z.string()) }).strict(),
    subject: z.string(),
    status: z.enum(["queued", "sending", "sent", "failed"]),
    simple_status: z.enum(["in-progress", "ok", "error"]),
    has_delivered: z.boolean(),
    sent_at_millis: millis().nullable(),
    send_retries: z.number().int().min(0),
    next_attempt_at_millis: millis().nullable(),
    send_attempt_errors: z.array(z.string()),
  })
  .strict()
  .openapi("OutboxEmail");

export const outboxPageResponse = pageOf(outboxEmailResponse, "OutboxEmailPage");

export const emailQueueStepResponse = z.object({ ok: z.literal(true) }).strict().openapi("EmailQueueStep");
