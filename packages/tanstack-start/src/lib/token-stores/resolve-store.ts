// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { createBrowserCookieTokenStore, isBrowser } from "./browser-cookie-store.js";
import { createMemoryTokenStore } from "./memory-store.js";
import { createRequestTokenStore } from "./request-store.js";
import { type TokenStore, type TokenStoreContext, type TokenStoreInit, tokenStoreFactory } from "./token-store.js";

/** Turns a `tokenStore` option into a store; framework names fall back to browser cookies in a browser. */
export function resolveTokenStore(init: Exclude<TokenStoreInit, null>, context: TokenStoreContext): TokenStore {
  if (typeof init === "object") {
    if ("headers" in init) return createRequestTokenStore(init, context.projectId);
    return createMemoryTokenStore(init);
  }
  if (init === "memory") return createMemoryTokenStore();
  if (init === "cookie") return createBrowserCookieTokenStore(context.projectId);
  const factory = tokenStoreFactory(init);
  if (factory) return factory(context);
  if (isBrowser()) return createBrowserCookieTokenStore(context.projectId);
  throw new Error(`The "${init}" token store needs its framework package (e.g. @stackframe/stack for "nextjs-cookie").`);
}
