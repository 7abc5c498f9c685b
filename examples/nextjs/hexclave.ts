import "server-only";
import { HexclaveServerApp } from "@stackframe/stack";

/**
 * The app for server components, route handlers and server actions. Its settings come from the environment
 * at run time (HEXCLAVE_PROJECT_ID, HEXCLAVE_PUBLISHABLE_CLIENT_KEY, HEXCLAVE_SECRET_SERVER_KEY, HEXCLAVE_API_URL);
 * the browser receives only the public ones, through <HexclaveProvider>.
 */
export const hexclaveServerApp = new HexclaveServerApp({ tokenStore: "nextjs-cookie" });
