import { hexclaveCspNonce } from "@stackframe/tanstack-start";
import { createRouter } from "@tanstack/react-router";
import { routeTree } from "./routeTree.gen";

export function getRouter() {
  return createRouter({
    routeTree,
    scrollRestoration: true,
    defaultNotFoundComponent: () => <p>Not found.</p>,
    // The nonce of this request's Content-Security-Policy (on /handler pages), stamped on the router's own scripts.
    ssr: { nonce: hexclaveCspNonce() },
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof getRouter>;
  }
}
