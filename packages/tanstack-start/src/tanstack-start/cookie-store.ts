// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { type CookieMap, cookieWritesFor, readTokensFromCookies } from "../lib/cookies.js";
import { createBrowserCookieTokenStore, isBrowser } from "../lib/token-stores/browser-cookie-store.js";
import { type TokenStore, registerTokenStore } from "../lib/token-stores/token-store.js";

// Loaded on the server only: the module needs the request context of a server function, loader or route.
const serverHelpers = () => import("@tanstack/react-start/server");

/**
 * Session cookies through TanStack Start's request helpers on the server (inside server functions and loaders),
 * and `document.cookie` in the browser; same names both ways.
 */
export function createTanstackStartCookieTokenStore(projectId: string): TokenStore {
  if (isBrowser()) return createBrowserCookieTokenStore(projectId);
  return {
    async read() {
      const { getCookies } = await serverHelpers();
      const { fromLegacyCookie: _, ...tokens } = readTokensFromCookies(getCookies() as CookieMap, projectId);
      return tokens;
    },
    async write(tokens) {
      const { getCookies, setCookie, getRequestProtocol } = await serverHelpers();
      const secure = getRequestProtocol() === "https";
      for (const cookie of cookieWritesFor(tokens, projectId, secure, getCookies() as CookieMap)) {
        setCookie(cookie.name, cookie.value ?? "", { path: "/", maxAge: cookie.value === null ? 0 : cookie.maxAgeSeconds, sameSite: "lax", secure });
      }
    },
  };
}

export function registerTanstackStartCookieStore(): void {
  registerTokenStore("tanstack-start-cookie", ({ projectId }) => createTanstackStartCookieTokenStore(projectId));
}
