import { type CookieMap, cookieWritesFor, readTokensFromCookies } from "../lib/cookies.js";
import { createBrowserCookieTokenStore, isBrowser } from "../lib/token-stores/browser-cookie-store.js";
import { type TokenStore, registerTokenStore } from "../lib/token-stores/token-store.js";

type CookieJar = {
  getAll(): { name: string; value: string }[];
  set(name: string, value: string, options: { path: string; maxAge: number; sameSite: "lax"; secure: boolean; httpOnly: boolean }): unknown;
};

// Imported when used, so that client bundles which only mention "nextjs-cookie" never pull in next/headers.
async function requestCookies(): Promise<{ jar: CookieJar; secure: boolean }> {
  const { cookies, headers } = await import("next/headers");
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  return { jar: jar as unknown as CookieJar, secure: requestHeaders.get("x-forwarded-proto") === "https" };
}

const cookieMap = (jar: CookieJar): CookieMap => Object.fromEntries(jar.getAll().map(({ name, value }) => [name, value]));

/** Session cookies through Next's `cookies()` on the server, `document.cookie` in the browser; same names both ways. */
export function createNextCookieTokenStore(projectId: string): TokenStore {
  if (isBrowser()) return createBrowserCookieTokenStore(projectId);
  return {
    async read() {
      const { jar } = await requestCookies();
      const { fromLegacyCookie: _, ...tokens } = readTokensFromCookies(cookieMap(jar), projectId);
      return tokens;
    },
    async write(tokens) {
      const { jar, secure } = await requestCookies();
      for (const cookie of cookieWritesFor(tokens, projectId, secure, cookieMap(jar))) {
        try {
          // Not httpOnly: the browser side of the same app reads and refreshes these cookies too.
          jar.set(cookie.name, cookie.value ?? "", { path: "/", maxAge: cookie.value === null ? 0 : cookie.maxAgeSeconds, sameSite: "lax", secure, httpOnly: false });
        } catch {
          // Server Components may not set cookies; the refreshed token then lives for this render only.
          return;
        }
      }
    },
  };
}

export function registerNextjsCookieStore(): void {
  registerTokenStore("nextjs-cookie", ({ projectId }) => createNextCookieTokenStore(projectId));
}
