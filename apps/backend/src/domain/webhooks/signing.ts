import { createHmac, randomBytes } from "node:crypto";

const SECRET_PREFIX = "whsec_";

/** A signing secret in the Standard Webhooks format: `whsec_` and the base64 of 32 random bytes. */
export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** `v1,<base64 HMAC-SHA256>` of `${id}.${timestamp}.${body}`, keyed by the bytes after `whsec_`, as Standard Webhooks signs. */
export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64")}`;
}

/**
 * The headers of one attempt: Standard Webhooks' and their `svix-` twins, which receivers written for Stack Auth check.
 * With more than one secret (a rotation's grace period) the signature header lists one signature per secret.
 */
export function signedHeaders(id: string, timestampSeconds: number, body: string, secrets: string[]): Record<string, string> {
  const signature = secrets.map((secret) => signatureOf(secret, id, timestampSeconds, body)).join(" ");
  const timestamp = String(timestampSeconds);
  return {
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": signature,
    "svix-id": id,
    "svix-timestamp": timestamp,
    "svix-signature": signature,
  };
}

/** The body of an event: the exact bytes signed and sent. */
export function webhookBody(event: { type: string; data: unknown }): string {
  return JSON.stringify({ type: event.type, data: event.data });
}
