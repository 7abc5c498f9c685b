// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { cookieWritesFor, parseCookieHeader, readTokensFromCookies, serializeCookie } from "../cookies.js";
import type { TokenStore } from "./token-store.js";

export const isBrowser = () => typeof document !== "undefined" && typeof window !== "undefined";

/** Tokens in `document.cookie`, written under both brands so an app running the older SDK shares the session. */
export function createBrowserCookieTokenStore(projectId: string): TokenStore {
  const secure = () => window.location.protocol === "https:";
  const write = (tokens: Parameters<TokenStore["write"]>[0]) => {
    const existing = parseCookieHeader(document.cookie);
    for (const cookie of cookieWritesFor(tokens, projectId, secure(), existing)) {
      document.cookie = serializeCookie(cookie, secure());
    }
  };
  return {
    read: () => {
      if (!isBrowser()) return { accessToken: null, refreshToken: null };
      const { fromLegacyCookie, ...tokens } = readTokensFromCookies(parseCookieHeader(document.cookie), projectId);
      if (fromLegacyCookie) write(tokens);
      return tokens;
    },
    write: (tokens) => {
      if (isBrowser()) write(tokens);
    },
  };
}
