import { BASE_URL, PROJECT_ID, type Reply, fakeFetch, knownError, list, ok, requestOf } from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { HexclaveAdminApp, WEBHOOK_EVENT_TYPES } from "../public-api.js";

function adminApp(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const app = new HexclaveAdminApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, superSecretAdminKey: "sak", tokenStore: null, fetch });
  return { app, requests: () => calls.map(requestOf) };
}

const ENDPOINT_ID = "6b1e7c2a-0000-4000-8000-0000000000e1";
const DELIVERY_ID = "6b1e7c2a-0000-4000-8000-0000000000d1";
const ENDPOINT_PATH = `/internal/webhooks/endpoints/${ENDPOINT_ID}`;

const endpointJson = {
  id: ENDPOINT_ID,
  url: "https://api.example.com/hooks",
  description: "Billing sync",
  event_types: ["user.created", "user.deleted"],
  enabled: false,
  disabled_reason: "The endpoint answered 410 Gone.",
  previous_secret_expires_at_millis: null,
  last_delivered_at_millis: 1_700_000_030_000,
  created_at_millis: 1_700_000_000_000,
  updated_at_millis: 1_700_000_060_000,
};

const endpoint = {
  id: ENDPOINT_ID,
  url: "https://api.example.com/hooks",
  description: "Billing sync",
  eventTypes: ["user.created", "user.deleted"],
  enabled: false,
  disabledReason: "The endpoint answered 410 Gone.",
  previousSecretExpiresAt: null,
  lastDeliveredAt: new Date(1_700_000_030_000),
  createdAt: new Date(1_700_000_000_000),
  updatedAt: new Date(1_700_000_060_000),
};

const deliveryJson = {
  id: DELIVERY_ID,
  event_id: "msg_2b7kq4x9w3m5n8p1r6t0v2y4z7a",
  event_type: "user.created",
  request_body: '{"type":"user.created","data":{"id":"u1"}}',
  status: "failed",
  attempts: 9,
  next_attempt_at_millis: null,
  last_attempt_at_millis: 1_700_000_100_000,
  last_response_status: 500,
  last_response_body: "try again",
  last_error: "Answered 500.",
  delivered_at_millis: null,
  created_at_millis: 1_700_000_000_000,
};

const delivery = {
  id: DELIVERY_ID,
  eventId: "msg_2b7kq4x9w3m5n8p1r6t0v2y4z7a",
  eventType: "user.created",
  requestBody: '{"type":"user.created","data":{"id":"u1"}}',
  status: "failed",
  attempts: 9,
  nextAttemptAt: null,
  lastAttemptAt: new Date(1_700_000_100_000),
  lastResponseStatus: 500,
  lastResponseBody: "try again",
  lastError: "Answered 500.",
  deliveredAt: null,
  createdAt: new Date(1_700_000_000_000),
};

describe("webhook endpoints", () => {
  it("lists endpoints in camel case, without secrets", async () => {
    const { app, requests } = adminApp(ok(list([endpointJson])));
    expect(await app.listWebhookEndpoints()).toEqual([endpoint]);
    expect(requests()[0]).toEqual({ method: "GET", path: "/internal/webhooks/endpoints", body: undefined, accessType: "admin" });
  });

  it("creates an endpoint in the wire spelling and answers its secret this once", async () => {
    const { app, requests } = adminApp(ok({ ...endpointJson, enabled: true, disabled_reason: null, secret: "whsec_c2VjcmV0" }));
    const created = await app.createWebhookEndpoint({ url: endpointJson.url, description: "Billing sync", eventTypes: ["user.created", "user.deleted"] });
    expect(created).toMatchObject({ id: ENDPOINT_ID, enabled: true, disabledReason: null, secret: "whsec_c2VjcmV0" });
    expect(requests()[0]).toEqual({
      method: "POST",
      path: "/internal/webhooks/endpoints",
      body: { url: endpointJson.url, description: "Billing sync", event_types: ["user.created", "user.deleted"] },
      accessType: "admin",
    });
  });

  it("reads one endpoint, and null for one that does not exist", async () => {
    const { app, requests } = adminApp(ok(endpointJson), knownError("WEBHOOK_ENDPOINT_NOT_FOUND", 404, { endpoint_id: ENDPOINT_ID }));
    expect(await app.getWebhookEndpoint(ENDPOINT_ID)).toEqual(endpoint);
    expect(await app.getWebhookEndpoint(ENDPOINT_ID)).toBeNull();
    expect(requests().map(({ method, path }) => `${method} ${path}`)).toEqual([`GET ${ENDPOINT_PATH}`, `GET ${ENDPOINT_PATH}`]);
  });

  it("sends only the fields an update names", async () => {
    const { app, requests } = adminApp(ok({ ...endpointJson, enabled: true, disabled_reason: null }), ok(endpointJson));
    expect(await app.updateWebhookEndpoint(ENDPOINT_ID, { enabled: true })).toMatchObject({ enabled: true, disabledReason: null });
    await app.updateWebhookEndpoint(ENDPOINT_ID, { eventTypes: [], description: "" });
    expect(requests().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: "PATCH", path: ENDPOINT_PATH, body: { enabled: true } },
      { method: "PATCH", path: ENDPOINT_PATH, body: { description: "", event_types: [] } },
    ]);
  });

  it("deletes an endpoint and rotates a secret, answering the new one with the old one's expiry", async () => {
    const { app, requests } = adminApp(ok({ success: true }), ok({ ...endpointJson, previous_secret_expires_at_millis: 1_700_086_400_000, secret: "whsec_bmV3" }));
    await app.deleteWebhookEndpoint(ENDPOINT_ID);
    const rotated = await app.rotateWebhookEndpointSecret(ENDPOINT_ID);
    expect(rotated).toMatchObject({ secret: "whsec_bmV3", previousSecretExpiresAt: new Date(1_700_086_400_000) });
    expect(requests().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: "DELETE", path: ENDPOINT_PATH, body: undefined },
      { method: "POST", path: `${ENDPOINT_PATH}/rotate-secret`, body: undefined },
    ]);
  });

  it("surfaces a URL the server refuses as its known error", async () => {
    const { app } = adminApp(knownError("WEBHOOK_ENDPOINT_URL_NOT_ALLOWED", 400, { reason: "not https" }));
    await expect(app.createWebhookEndpoint({ url: "http://api.example.com/hooks" })).rejects.toMatchObject({ code: "WEBHOOK_ENDPOINT_URL_NOT_ALLOWED" });
  });

  it("names the twelve events of the catalog", () => {
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(12);
    expect(WEBHOOK_EVENT_TYPES).toContain("team_membership.created");
  });
});

describe("webhook deliveries", () => {
  it("reads a page of the log in camel case, with the cursor of the next", async () => {
    const { app, requests } = adminApp(ok({ items: [deliveryJson], next_before_millis: 1_700_000_000_000 }), ok({ items: [], next_before_millis: null }));
    const first = await app.listWebhookDeliveries(ENDPOINT_ID, { limit: 1 });
    expect(first).toEqual({ items: [delivery], nextCursor: "1700000000000" });
    expect(await app.listWebhookDeliveries(ENDPOINT_ID, { cursor: first.nextCursor ?? undefined })).toEqual({ items: [], nextCursor: null });
    expect(requests().map(({ path }) => path)).toEqual([`${ENDPOINT_PATH}/deliveries?limit=1`, `${ENDPOINT_PATH}/deliveries?before_millis=1700000000000`]);
  });

  it("refuses a cursor it did not hand out, before any request", async () => {
    const { app, requests } = adminApp();
    await expect(app.listWebhookDeliveries(ENDPOINT_ID, { cursor: "yesterday" })).rejects.toBeInstanceOf(TypeError);
    expect(requests()).toEqual([]);
  });

  it("replays a delivery and answers it queued again", async () => {
    const queued = { ...deliveryJson, status: "pending", attempts: 0, next_attempt_at_millis: 1_700_000_200_000 };
    const { app, requests } = adminApp(ok(queued));
    expect(await app.replayWebhookDelivery(ENDPOINT_ID, DELIVERY_ID)).toMatchObject({ status: "pending", attempts: 0, nextAttemptAt: new Date(1_700_000_200_000) });
    expect(requests()[0]).toEqual({ method: "POST", path: `${ENDPOINT_PATH}/deliveries/${DELIVERY_ID}/replay`, body: undefined, accessType: "admin" });
  });

  it("sends a test event and answers a refusal as a result with the reason", async () => {
    const { app, requests } = adminApp(ok({ success: true }), ok({ success: false, error_message: "Answered 500." }));
    expect(await app.sendTestWebhook(ENDPOINT_ID)).toEqual({ success: true });
    expect(await app.sendTestWebhook(ENDPOINT_ID)).toEqual({ success: false, errorMessage: "Answered 500." });
    expect(requests()[0]).toEqual({ method: "POST", path: "/internal/send-test-webhook", body: { endpoint_id: ENDPOINT_ID }, accessType: "admin" });
  });
});
