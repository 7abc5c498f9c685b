// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
/** @stackframe/tanstack-start: the Hexclave SDK for TanStack Start. */
import { registerTanstackStartCookieStore } from "./tanstack-start/cookie-store.js";

registerTanstackStartCookieStore();

export * from "./lib/public-api.js";
export * from "./client.js";
export { createTanstackStartCookieTokenStore } from "./tanstack-start/cookie-store.js";
export { loadHexclaveSession, type HexclaveSessionJson } from "./tanstack-start/session.js";
export { hexclaveCspNonce, hexclaveRequestMiddleware } from "./tanstack-start/request-middleware.js";
