import { KnownErrors } from "@stackframe/stack-shared";
import { listDeliveries, replayDelivery, toDeliveryJson } from "../domain/webhooks/deliveries";
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  requireEndpoint,
  rotateEndpointSecret,
  toEndpointJson,
  updateEndpoint,
} from "../domain/webhooks/endpoints";
import { checkEndpointDestination } from "../domain/webhooks/destination-check";
import { createSvixClient, svixAppPortalToken } from "../domain/webhooks/svix";
import { sendTestWebhook } from "../domain/webhooks/test-delivery";
import { serverSecretOf, webhookDepsOf, webhookPolicyOf, webhookResolverOf } from "../services";
import { defineRoute } from "./define-route";
import { ADMIN_ACCESS } from "./route-policy";
import { successResponse } from "./schemas/common";
import {
  createWebhookEndpointBody,
  sendTestWebhookBody,
  sendTestWebhookResponse,
  svixTokenBody,
  svixTokenResponse,
  updateWebhookEndpointBody,
  webhookDeliveryPageQuery,
  webhookDeliveryPageResponse,
  webhookDeliveryParams,
  webhookDeliveryResponse,
  webhookEndpointListResponse,
  webhookEndpointParams,
  webhookEndpointResponse,
  webhookEndpointWithSecretResponse,
} from "./schemas/webhooks";

const tags = ["Webhooks"];
const MAX_DELIVERY_PAGE = 100;

export const webhookRoutes = [
  defineRoute({
    method: "post",
    path: "/webhooks/svix-token",
    summary: "A token of Svix's app portal for the project's webhooks, when this server hands events to Svix",
    tags,
    access: ADMIN_ACCESS,
    body: svixTokenBody,
    errors: [KnownErrors.SvixNotConfigured],
    response: { status: 201, description: "The app portal token and URL", schema: svixTokenResponse },
    handler: async ({ c, services, auth }) => {
      const settings = services.config.webhooks.svix;
      if (!settings) throw new KnownErrors.SvixNotConfigured();
      const project = auth.tenancy.project;
      return c.json(await svixAppPortalToken(createSvixClient(settings), { id: project.id, displayName: project.displayName }), 201);
    },
  }),
  defineRoute({
    method: "post",
    path: "/internal/send-test-webhook",
    summary: "Send a test event to one endpoint now, and say how it went",
    tags,
    access: ADMIN_ACCESS,
    body: sendTestWebhookBody,
    errors: [KnownErrors.WebhookEndpointNotFound],
    response: { status: 200, description: "Whether the receiver took it; a failure says why, as `error_message`", schema: sendTestWebhookResponse },
    handler: async ({ c, services, auth, body }) => {
      const result = await sendTestWebhook(services.db, auth.tenancy, webhookDepsOf(services), body.endpoint_id.toLowerCase());
      return c.json(result.success ? { success: true } : { success: false, error_message: result.errorMessage });
    },
  }),
  defineRoute({
    method: "post",
    path: "/internal/webhooks/endpoints",
    summary: "Add a webhook endpoint; its signing secret is answered this once",
    tags,
    access: ADMIN_ACCESS,
    body: createWebhookEndpointBody,
    errors: [KnownErrors.WebhookEndpointUrlNotAllowed],
    response: { status: 201, description: "The endpoint, with its secret", schema: webhookEndpointWithSecretResponse },
    handler: async ({ c, services, auth, body }) => {
      const url = await checkEndpointDestination(body.url, webhookPolicyOf(services), webhookResolverOf(services));
      const { row, secret } = await createEndpoint(services.db, auth.tenancy, serverSecretOf(services), {
        url,
        description: body.description,
        eventTypes: body.event_types,
        enabled: body.enabled,
      });
      return c.json({ ...toEndpointJson(row), secret }, 201);
    },
  }),
  defineRoute({
    method: "get",
    path: "/internal/webhooks/endpoints",
    summary: "The project's webhook endpoints, oldest first",
    tags,
    access: ADMIN_ACCESS,
    response: { status: 200, description: "The endpoints", schema: webhookEndpointListResponse },
    handler: async ({ c, services, auth }) => {
      const rows = await listEndpoints(services.db, auth.tenancy);
      return c.json({ items: rows.map(toEndpointJson), is_paginated: false as const });
    },
  }),
  defineRoute({
    method: "get",
    path: "/internal/webhooks/endpoints/:endpoint_id",
    summary: "One webhook endpoint",
    tags,
    access: ADMIN_ACCESS,
    params: webhookEndpointParams,
    errors: [KnownErrors.WebhookEndpointNotFound],
    response: { status: 200, description: "The endpoint", schema: webhookEndpointResponse },
    handler: async ({ c, services, auth, params }) => c.json(toEndpointJson(await requireEndpoint(services.db, auth.tenancy, params.endpoint_id.toLowerCase()))),
  }),
  defineRoute({
    method: "patch",
    path: "/internal/webhooks/endpoints/:endpoint_id",
    summary: "Change a webhook endpoint's URL, description, event filter, or turn it on or off",
    tags,
    access: ADMIN_ACCESS,
    params: webhookEndpointParams,
    body: updateWebhookEndpointBody,
    errors: [KnownErrors.WebhookEndpointNotFound, KnownErrors.WebhookEndpointUrlNotAllowed],
    response: { status: 200, description: "The endpoint as changed", schema: webhookEndpointResponse },
    handler: async ({ c, services, auth, params, body }) => {
      const url = body.url === undefined ? undefined : await checkEndpointDestination(body.url, webhookPolicyOf(services), webhookResolverOf(services));
      const row = await updateEndpoint(services.db, auth.tenancy, params.endpoint_id.toLowerCase(), {
        url,
        description: body.description,
        eventTypes: body.event_types,
        enabled: body.enabled,
      });
      return c.json(toEndpointJson(row));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/internal/webhooks/endpoints/:endpoint_id",
    summary: "Delete a webhook endpoint with its delivery log",
    tags,
    access: ADMIN_ACCESS,
    params: webhookEndpointParams,
    errors: [KnownErrors.WebhookEndpointNotFound],
    response: { status: 200, description: "Deleted", schema: successResponse },
    handler: async ({ c, services, auth, params }) => {
      await deleteEndpoint(services.db, auth.tenancy, params.endpoint_id.toLowerCase());
      return c.json({ success: true as const });
    },
  }),
  defineRoute({
    method: "post",
    path: "/internal/webhooks/endpoints/:endpoint_id/rotate-secret",
    summary: "Give a webhook endpoint a new signing secret; the old one keeps signing for 24 hours",
    tags,
    access: ADMIN_ACCESS,
    params: webhookEndpointParams,
    errors: [KnownErrors.WebhookEndpointNotFound],
    response: { status: 200, description: "The endpoint, with its new secret", schema: webhookEndpointWithSecretResponse },
    handler: async ({ c, services, auth, params }) => {
      const { row, secret } = await rotateEndpointSecret(services.db, auth.tenancy, serverSecretOf(services), params.endpoint_id.toLowerCase());
      return c.json({ ...toEndpointJson(row), secret });
    },
  }),
  defineRoute({
    method: "get",
    path: "/internal/webhooks/endpoints/:endpoint_id/deliveries",
    summary: "An endpoint's delivery log, newest first",
    tags,
    access: ADMIN_ACCESS,
    params: webhookEndpointParams,
    query: webhookDeliveryPageQuery,
    errors: [KnownErrors.WebhookEndpointNotFound],
    response: { status: 200, description: "A page of deliveries", schema: webhookDeliveryPageResponse },
    handler: async ({ c, services, auth, params, query }) => {
      const endpoint = await requireEndpoint(services.db, auth.tenancy, params.endpoint_id.toLowerCase());
      const limit = Math.min(Math.max(Number(query.limit ?? MAX_DELIVERY_PAGE), 1), MAX_DELIVERY_PAGE);
      const before = query.before_millis === undefined ? undefined : new Date(Number(query.before_millis));
      const rows = await listDeliveries(services.db, auth.tenancy, endpoint.id, { limit, before });
      const items = rows.map((row) => toDeliveryJson({ ...row.delivery, eventType: row.eventType, eventData: row.eventData }));
      return c.json({ items, next_before_millis: rows.length === limit ? items[items.length - 1]!.created_at_millis : null });
    },
  }),
  defineRoute({
    method: "post",
    path: "/internal/webhooks/endpoints/:endpoint_id/deliveries/:delivery_id/replay",
    summary: "Send a delivery again, with the same webhook-id",
    tags,
    access: ADMIN_ACCESS,
    params: webhookDeliveryParams,
    errors: [KnownErrors.WebhookEndpointNotFound, KnownErrors.WebhookDeliveryNotFound],
    response: { status: 200, description: "The delivery, queued again", schema: webhookDeliveryResponse },
    handler: async ({ c, services, auth, params }) => {
      const endpoint = await requireEndpoint(services.db, auth.tenancy, params.endpoint_id.toLowerCase());
      return c.json(toDeliveryJson(await replayDelivery(services.db, auth.tenancy, endpoint.id, params.delivery_id.toLowerCase())));
    },
  }),
];
