import { KnownErrors } from "@stackframe/stack-shared";
import { asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { webhookEndpoints } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { openSealedString, sealString } from "../../lib/crypto";
import type { WebhookEventType } from "./events";
import { generateSigningSecret } from "./signing";

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

const SECRET_PURPOSE = "webhook-endpoint-secret";
/** How long a rotated-out secret still signs deliveries, so receivers can switch without missing one. */
export const ROTATION_GRACE_SECONDS = 24 * 60 * 60;

export type EndpointFields = { url?: string; description?: string; eventTypes?: WebhookEventType[]; enabled?: boolean };

export function toEndpointJson(row: WebhookEndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    event_types: row.eventTypes,
    enabled: row.enabled,
    disabled_reason: row.disabledReason,
    previous_secret_expires_at_millis: row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date() ? row.previousSecretExpiresAt.getTime() : null,
    last_delivered_at_millis: row.lastSuccessAt?.getTime() ?? null,
    created_at_millis: row.createdAt.getTime(),
    updated_at_millis: row.updatedAt.getTime(),
  };
}

/** Creates an endpoint with a new secret, which is answered this once. `url` was checked against the URL policy. */
export async function createEndpoint(
  db: Tx,
  tenancy: TenancyRef,
  serverSecret: string,
  fields: Required<Pick<EndpointFields, "url">> & EndpointFields,
): Promise<{ row: WebhookEndpointRow; secret: string }> {
  const secret = generateSigningSecret();
  const [row] = await insertInTenancy(db, tenancy, webhookEndpoints, {
    url: fields.url,
    description: fields.description ?? "",
    eventTypes: fields.eventTypes ?? [],
    enabled: fields.enabled ?? true,
    sealedSecret: sealString(serverSecret, SECRET_PURPOSE, secret),
  }).returning();
  return { row: row!, secret };
}

export async function listEndpoints(db: Tx, tenancy: TenancyRef): Promise<WebhookEndpointRow[]> {
  return db.select().from(webhookEndpoints).where(inTenancy(tenancy, webhookEndpoints)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

export async function requireEndpoint(db: Tx, tenancy: TenancyRef, endpointId: string): Promise<WebhookEndpointRow> {
  const [row] = await db.select().from(webhookEndpoints).where(inTenancy(tenancy, webhookEndpoints, eq(webhookEndpoints.id, endpointId)));
  if (!row) throw new KnownErrors.WebhookEndpointNotFound(endpointId);
  return row;
}

/** Turning an endpoint on again clears why the server had turned it off. */
export async function updateEndpoint(db: Tx, tenancy: TenancyRef, endpointId: string, fields: EndpointFields): Promise<WebhookEndpointRow> {
  const [row] = await updateInTenancy(
    db,
    tenancy,
    webhookEndpoints,
    {
      ...(fields.url === undefined ? {} : { url: fields.url }),
      ...(fields.description === undefined ? {} : { description: fields.description }),
      ...(fields.eventTypes === undefined ? {} : { eventTypes: fields.eventTypes }),
      ...(fields.enabled === undefined ? {} : { enabled: fields.enabled, disabledReason: null }),
      updatedAt: sql`now()`,
    },
    eq(webhookEndpoints.id, endpointId),
  ).returning();
  if (!row) throw new KnownErrors.WebhookEndpointNotFound(endpointId);
  return row;
}

/** Deletes an endpoint with its delivery log; what was queued for it is not sent. */
export async function deleteEndpoint(db: Tx, tenancy: TenancyRef, endpointId: string): Promise<void> {
  const deleted = await deleteInTenancy(db, tenancy, webhookEndpoints, eq(webhookEndpoints.id, endpointId)).returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw new KnownErrors.WebhookEndpointNotFound(endpointId);
}

/**
 * Gives the endpoint a new secret, answered this once. The one it replaces keeps signing for the grace period, so each
 * delivery carries both signatures until the receiver has switched.
 */
export async function rotateEndpointSecret(db: Tx, tenancy: TenancyRef, serverSecret: string, endpointId: string): Promise<{ row: WebhookEndpointRow; secret: string }> {
  const secret = generateSigningSecret();
  const [row] = await updateInTenancy(
    db,
    tenancy,
    webhookEndpoints,
    {
      sealedPreviousSecret: sql`${webhookEndpoints.sealedSecret}`,
      previousSecretExpiresAt: sql`now() + make_interval(secs => ${ROTATION_GRACE_SECONDS})`,
      sealedSecret: sealString(serverSecret, SECRET_PURPOSE, secret),
      updatedAt: sql`now()`,
    },
    eq(webhookEndpoints.id, endpointId),
  ).returning();
  if (!row) throw new KnownErrors.WebhookEndpointNotFound(endpointId);
  return { row, secret };
}

/** The secrets that sign a delivery now: the current one, and the previous one during its grace period. */
export function signingSecretsOf(row: WebhookEndpointRow, serverSecret: string, now = new Date()): string[] {
  const current = openSealedString(serverSecret, SECRET_PURPOSE, row.sealedSecret);
  if (current === null) throw new Error(`The secret of webhook endpoint ${row.id} was not sealed with this server secret.`);
  const secrets = [current];
  if (row.sealedPreviousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    const previous = openSealedString(serverSecret, SECRET_PURPOSE, row.sealedPreviousSecret);
    if (previous !== null) secrets.push(previous);
  }
  return secrets;
}
