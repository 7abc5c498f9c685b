import { WEBHOOK_EVENT_TYPES } from "../../domain/webhooks/events";
import { uuid, z } from "../../lib/zod";
import { millis } from "./common";

const eventTypes = () => z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length);

export const webhookEndpointParams = z.object({ endpoint_id: uuid() }).strict();
export const webhookDeliveryParams = z.object({ endpoint_id: uuid(), delivery_id: uuid() }).strict();

export const createWebhookEndpointBody = z
  .object({
    url: z.string().min(1).max(2048),
    description: z.string().max(1000).optional(),
    event_types: eventTypes().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const updateWebhookEndpointBody = createWebhookEndpointBody.partial().strict();

export const webhookEndpointResponse = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    description: z.string(),
    event_types: z.array(z.string()),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable(),
    previous_secret_expires_at_millis: millis().nullable(),
    last_delivered_at_millis: millis().nullable().openapi({ description: "When a delivery (a test event included) last got a 2xx; null before the first" }),
    created_at_millis: millis(),
    updated_at_millis: millis(),
  })
  .strict()
  .openapi("WebhookEndpoint");

export const webhookEndpointWithSecretResponse = webhookEndpointResponse
  .extend({ secret: z.string().openapi({ description: "The signing secret (`whsec_…`), answered only when it is made" }) })
  .strict()
  .openapi("WebhookEndpointWithSecret");

export const webhookEndpointListResponse = z.object({ items: z.array(webhookEndpointResponse), is_paginated: z.literal(false) }).strict().openapi("WebhookEndpointList");

export const webhookDeliveryResponse = z
  .object({
    id: z.string().uuid(),
    event_id: z.string(),
    event_type: z.string(),
    request_body: z.string().openapi({ description: "The JSON body sent to the endpoint, exactly as signed." }),
    status: z.enum(["pending", "delivering", "delivered", "failed"]),
    attempts: z.number().int().min(0),
    next_attempt_at_millis: millis().nullable(),
    last_attempt_at_millis: millis().nullable(),
    last_response_status: z.number().int().nullable(),
    last_response_body: z.string().nullable(),
    last_error: z.string().nullable(),
    delivered_at_millis: millis().nullable(),
    created_at_millis: millis(),
  })
  .strict()
  .openapi("WebhookDelivery");

export const webhookDeliveryPageQuery = z
  .object({ limit: z.string().regex(/^\d{1,3}$/).optional(), before_millis: z.string().regex(/^\d{1,15}$/).optional() })
  .strict();

export const webhookDeliveryPageResponse = z
  .object({ items: z.array(webhookDeliveryResponse), next_before_millis: millis().nullable() })
  .strict()
  .openapi("WebhookDeliveryPage");

export const sendTestWebhookBody = z.object({ endpoint_id: uuid() }).strict();
export const sendTestWebhookResponse = z.object({ success: z.boolean(), error_message: z.string().optional() }).strict().openapi("SendTestWebhook");

export const svixTokenBody = z.object({}).strict();
export const svixTokenResponse = z.object({ token: z.string(), url: z.string().optional() }).strict().openapi("SvixToken");
