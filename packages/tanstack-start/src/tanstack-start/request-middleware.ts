// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { createMiddleware, getGlobalStartContext } from "@tanstack/react-start";
import { type HandlerHeadersOptions, createCspNonce, handlerPageHeaders, isHandlerPath } from "../lib/handler-headers.js";
import { isBrowser } from "../lib/token-stores/browser-cookie-store.js";

type NonceContext = { hexclaveCspNonce?: string };

/**
 * Request middleware that sends the prebuilt pages' security headers: no Referer, and a Content-Security-Policy with a
 * fresh nonce, which `hexclaveCspNonce()` hands to the router so TanStack marks its own scripts. Other requests pass
 * through untouched.
 * @example
 * // src/start.ts
 * export const startInstance = createStart(() => ({ requestMiddleware: [csrfMiddleware, hexclaveRequestMiddleware()] }));
 */
export function hexclaveRequestMiddleware(options: HandlerHeadersOptions = {}) {
  return createMiddleware().server(async ({ pathname, next }) => {
    if (!isHandlerPath(pathname, options.handlerUrl)) return next();
    const nonce = createCspNonce();
    // Loaded on the server only, as the cookie store does: the module needs the request context.
    const { setResponseHeader } = await import("@tanstack/react-start/server");
    const headers = handlerPageHeaders({ ...options, nonce, development: process.env.NODE_ENV === "development" });
    for (const [name, value] of Object.entries(headers)) setResponseHeader(name, value);
    return next({ context: { hexclaveCspNonce: nonce } satisfies NonceContext });
  });
}

/**
 * The nonce `hexclaveRequestMiddleware` chose for this request, for the router's `ssr.nonce`; undefined in the
 * browser and on pages without one.
 * @example createRouter({ routeTree, ssr: { nonce: hexclaveCspNonce() } })
 */
export function hexclaveCspNonce(): string | undefined {
  if (isBrowser()) return undefined;
  return (getGlobalStartContext() as NonceContext | undefined)?.hexclaveCspNonce;
}
