import { REQUEST_HEADER_NAMES, RESPONSE_HEADER_NAMES } from "@stackframe/stack-shared";
import type { MiddlewareHandler } from "hono";

// Stack Auth's allow-list, with the Hexclave twin of every project header.
const CORS_REQUEST_HEADERS = REQUEST_HEADER_NAMES.filter(
  (name) => name !== "allow-restricted-user" && name !== "development-override-key",
);
const ALLOW_HEADERS = [
  "content-type",
  "authorization",
  ...CORS_REQUEST_HEADERS.flatMap((name) => [`x-stack-${name}`, `x-hexclave-${name}`]),
  "baggage",
  "sentry-trace",
  "x-vercel-protection-bypass",
  "ngrok-skip-browser-warning",
].join(", ");
const EXPOSE_HEADERS = [
  "content-type",
  ...RESPONSE_HEADER_NAMES.flatMap((name) => [`x-stack-${name}`, `x-hexclave-${name}`]),
].join(", ");

/** What a browser reads on an actual (non-preflight) response. */
export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": EXPOSE_HEADERS,
};

const PREFLIGHT_HEADERS: Record<string, string> = {
  ...CORS_HEADERS,
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-max-age": "86400",
  "access-control-allow-headers": ALLOW_HEADERS,
  vary: ALLOW_HEADERS,
};

/**
 * Preflights are answered here, before routing, so they never reach a route or its auth checks. The long
 * allow-list goes only on preflights, where browsers read it; every response is no-store, so Vary adds nothing.
 */
export const cors: MiddlewareHandler = async (c, next) => {
  if (c.req.method === "OPTIONS") return c.body(null, 200, PREFLIGHT_HEADERS);
  for (const [name, value] of Object.entries(CORS_HEADERS)) c.header(name, value);
  await next();
};
