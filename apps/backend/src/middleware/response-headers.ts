import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { normalizeRequestHeaders } from "./request-headers";
import { recordSecurityEvent } from "./security-events";

function setBoth(headers: Headers, name: string, value: string): void {
  headers.set(`x-stack-${name}`, value);
  headers.set(`x-hexclave-${name}`, value);
}

/**
 * Runs first: normalises the project headers, tags the request with an id, emits both brands of every
 * response header, records the request's security event, if it is one, from its real status, and applies the status
 * override (4xx sent as 200). Headers are set before
 * the handler runs, so they ride on the response it builds: reading a built response's headers would turn
 * node-server's lightweight response into a full fetch Response on every request.
 */
export const requestPipeline: MiddlewareHandler<AppEnv> = async (c, next) => {
  const requestId = randomUUID();
  const incoming = c.env?.incoming;
  const headers = normalizeRequestHeaders(incoming ? incoming.headers : c.req.raw.headers);
  c.set("requestId", requestId);
  c.set("stackHeaders", headers);
  c.header("x-stack-request-id", requestId);
  c.header("x-hexclave-request-id", requestId);
  c.header("cache-control", "no-store, max-age=0");
  await next();
  await recordSecurityEvent(c);
  const status = c.res.status;
  if (headers["override-error-status"] !== undefined && status >= 400 && status < 500) {
    const res = new Response(c.res.body, { status: 200, headers: c.res.headers });
    setBoth(res.headers, "actual-status", String(status));
    setBoth(res.headers, "request-id", requestId);
    c.res = res;
  }
};

export function knownErrorHeaders(code: string): Record<string, string> {
  return { "x-stack-known-error": code, "x-hexclave-known-error": code };
}
