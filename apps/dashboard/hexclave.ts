import "server-only";
import { HexclaveServerApp } from "@stackframe/stack";

/**
 * The dashboard signs its operators in to the deployment's `internal` project. Its keys and the API URL come from the
 * environment at run time (HEXCLAVE_PUBLISHABLE_CLIENT_KEY, HEXCLAVE_SECRET_SERVER_KEY, HEXCLAVE_API_URL, or their
 * STACK_ twins), so one build serves any deployment.
 */
export const hexclaveServerApp = new HexclaveServerApp({
  tokenStore: "nextjs-cookie",
  projectId: process.env.HEXCLAVE_DASHBOARD_PROJECT_ID ?? "internal",
  urls: { afterSignIn: "/", afterSignUp: "/", afterSignOut: "/handler/sign-in" },
});
