import { HexclaveServerApp } from "@stackframe/tanstack-start";

/**
 * The server's app: settings from the environment at run time (HEXCLAVE_PROJECT_ID, HEXCLAVE_PUBLISHABLE_CLIENT_KEY,
 * HEXCLAVE_SECRET_SERVER_KEY, HEXCLAVE_API_URL), the session from the request's cookies.
 */
export const hexclaveServerApp = new HexclaveServerApp({ tokenStore: "tanstack-start-cookie" });
