import type {
  WebhookDeliveryJson,
  WebhookDeliveryStatus,
  WebhookEndpointCreateJson,
  WebhookEndpointJson,
  WebhookEndpointUpdateJson,
  WebhookEventType,
} from "@stackframe/stack-shared";

/** A URL the project's events are sent to, signed with the endpoint's secret (which is never read back). */
export type WebhookEndpoint = {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  /** The events it receives; empty for all of them. */
  readonly eventTypes: readonly WebhookEventType[];
  readonly enabled: boolean;
  /** Why the server turned it off (every attempt failed, or the receiver answered 410); null otherwise. */
  readonly disabledReason: string | null;
  /** Until when the secret it had before the last rotation still signs every delivery too; null when none does. */
  readonly previousSecretExpiresAt: Date | null;
  /** When a delivery to it (a test event included) last got a 2xx answer; null before the first. */
  readonly lastDeliveredAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

/** Answered once, when an endpoint is made or its secret rotated: the only time the secret can be read. */
export type WebhookEndpointFirstView = WebhookEndpoint & {
  /** `whsec_…`, for the receiver's `new Webhook(secret).verify(…)`. */
  readonly secret: string;
};

export type WebhookEndpointCreateOptions = {
  /** `https`; plain `http` only where the server allows private networks or runs in development mode. */
  url: string;
  description?: string;
  /** Empty or left out: every event. */
  eventTypes?: WebhookEventType[];
  /** On by default. */
  enabled?: boolean;
};

/** Only the fields given change; `enabled: true` also turns on an endpoint the server turned off. */
export type WebhookEndpointUpdateOptions = Partial<WebhookEndpointCreateOptions>;

/** One event's delivery to one endpoint: how it went so far, and what the receiver last answered. */
export type WebhookDelivery = {
  readonly id: string;
  /** The `webhook-id` header of every attempt and replay of it. */
  readonly eventId: string;
  /** One of the catalog's events, or `stack.test` for a test event. */
  readonly eventType: string;
  /** The JSON body sent to the endpoint (`{"type", "data"}`), exactly as signed. */
  readonly requestBody: string;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  /** When the next attempt is due, while one is. */
  readonly nextAttemptAt: Date | null;
  readonly lastAttemptAt: Date | null;
  readonly lastResponseStatus: number | null;
  /** The first 4 KiB of the receiver's last answer. */
  readonly lastResponseBody: string | null;
  readonly lastError: string | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
};

export type ListWebhookDeliveriesOptions = {
  /** At most 100, the default. */
  limit?: number;
  /** The `nextCursor` of the page before. */
  cursor?: string;
};

/** Newest first; `nextCursor` is null on the last page. */
export type WebhookDeliveryPage = { readonly items: readonly WebhookDelivery[]; readonly nextCursor: string | null };

/** Whether the receiver answered the test event with a 2xx; when not, what it answered or why it could not be reached. */
export type SendTestWebhookResult = { success: true } | { success: false; errorMessage: string };

const dateOrNull = (millis: number | null) => (millis === null ? null : new Date(millis));

export function webhookEndpointFromJson(json: WebhookEndpointJson): WebhookEndpoint {
  return {
    id: json.id,
    url: json.url,
    description: json.description,
    eventTypes: json.event_types as WebhookEventType[],
    enabled: json.enabled,
    disabledReason: json.disabled_reason,
    previousSecretExpiresAt: dateOrNull(json.previous_secret_expires_at_millis),
    lastDeliveredAt: dateOrNull(json.last_delivered_at_millis),
    createdAt: new Date(json.created_at_millis),
    updatedAt: new Date(json.updated_at_millis),
  };
}

export function webhookEndpointCreateToJson(options: WebhookEndpointCreateOptions): WebhookEndpointCreateJson {
  return { ...webhookEndpointUpdateToJson(options), url: options.url };
}

export function webhookEndpointUpdateToJson(options: WebhookEndpointUpdateOptions): WebhookEndpointUpdateJson {
  return {
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.eventTypes !== undefined ? { event_types: [...options.eventTypes] } : {}),
    ...(options.enabled !== undefined ? { enabled: options.enabled } : {}),
  };
}

export function webhookDeliveryFromJson(json: WebhookDeliveryJson): WebhookDelivery {
  return {
    id: json.id,
    eventId: json.event_id,
    eventType: json.event_type,
    requestBody: json.request_body,
    status: json.status,
    attempts: json.attempts,
    nextAttemptAt: dateOrNull(json.next_attempt_at_millis),
    lastAttemptAt: dateOrNull(json.last_attempt_at_millis),
    lastResponseStatus: json.last_response_status,
    lastResponseBody: json.last_response_body,
    lastError: json.last_error,
    deliveredAt: dateOrNull(json.delivered_at_millis),
    createdAt: new Date(json.created_at_millis),
  };
}

/** The cursor is the creation time of the last delivery seen, which is how the API pages (`before_millis`). */
export function webhookDeliveryCursorToMillis(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d{1,15}$/.test(cursor)) throw new TypeError(`"${cursor}" is not a cursor of a webhook delivery log; pass a nextCursor back as it came.`);
  return Number(cursor);
}
