/** @stackframe/tanstack-start: the Hexclave SDK for TanStack Start. */
import { FRAMEWORK_SDK } from "./framework-version.js";
import { setSdkIdentity } from "./lib/sdk-identity.js";
import { registerTanstackStartCookieStore } from "./tanstack-start/cookie-store.js";

setSdkIdentity(FRAMEWORK_SDK);
registerTanstackStartCookieStore();

export * from "./lib/public-api.js";
export * from "./entry-react-client.js";
export { createTanstackStartCookieTokenStore } from "./tanstack-start/cookie-store.js";
export { loadHexclaveSession, type HexclaveSessionJson } from "./tanstack-start/session.js";
export { hexclaveCspNonce, hexclaveRequestMiddleware } from "./tanstack-start/request-middleware.js";
