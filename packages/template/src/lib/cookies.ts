import type { TokenPair } from "@stackframe/stack-shared";

export type CookieMap = Record<string, string | undefined>;
/** A cookie to set, or to delete when `value` is null. */
export type CookieWrite = { name: string; value: string | null; maxAgeSeconds: number };

/** The brands of every cookie name, Hexclave's first: each cookie is written under both, so either SDK finds it. */
export const COOKIE_BRANDS = ["hexclave", "stack"] as const;
const REFRESH_MAX_AGE = 365 * 24 * 3600;
const ACCESS_MAX_AGE = 24 * 3600;

export const accessCookieNames = () => COOKIE_BRANDS.map((brand) => `${brand}-access`);

/** The refresh cookie this SDK writes, per brand; `__Host-` on https, where the browser enforces it. */
export function refreshCookieNames(projectId: string, secure: boolean): string[] {
  return COOKIE_BRANDS.map((brand) => `${secure ? "__Host-" : ""}${brand}-refresh-${projectId}--default`);
}

/** Names older SDKs wrote: one value, no structure; `stack-refresh` predates per-project names. */
export const legacyRefreshCookieNames = (projectId: string) => [`stack-refresh-${projectId}`, "stack-refresh"];

function parseRefreshCookie(value: string | undefined): { refreshToken: string; updatedAt: number } | null {
  if (!value) return null;
  try {
    const json = JSON.parse(value);
    if (typeof json?.refresh_token !== "string" || json.refresh_token === "") return null;
    return { refreshToken: json.refresh_token, updatedAt: typeof json.updated_at_millis === "number" ? json.updated_at_millis : 0 };
  } catch {
    return null;
  }
}

/** The newest structured refresh cookie of one brand (any suffix, with or without `__Host-`). */
function newestRefreshOfBrand(cookies: CookieMap, brand: string, projectId: string) {
  const prefix = `${brand}-refresh-${projectId}--`;
  let newest: { refreshToken: string; updatedAt: number } | null = null;
  for (const [name, value] of Object.entries(cookies)) {
    if (!name.startsWith(prefix) && !name.startsWith(`__Host-${prefix}`)) continue;
    const parsed = parseRefreshCookie(value);
    if (parsed && (newest === null || parsed.updatedAt > newest.updatedAt)) newest = parsed;
  }
  return newest;
}

export type CookieTokens = TokenPair & {
  /** True when the tokens came from a cookie format this SDK no longer writes, so they should be rewritten. */
  fromLegacyCookie: boolean;
};

/** Reads the session from cookies: Hexclave names first, then their Stack twins, then the legacy names. */
export function readTokensFromCookies(cookies: CookieMap, projectId: string): CookieTokens {
  let refreshToken: string | null = null;
  let fromLegacyCookie = false;
  for (const brand of COOKIE_BRANDS) {
    refreshToken = newestRefreshOfBrand(cookies, brand, projectId)?.refreshToken ?? null;
    if (refreshToken) break;
  }
  if (!refreshToken) {
    const legacy = legacyRefreshCookieNames(projectId).find((name) => cookies[name]);
    if (legacy) {
      refreshToken = cookies[legacy] ?? null;
      fromLegacyCookie = true;
    }
  }
  let accessToken: string | null = null;
  for (const name of accessCookieNames()) {
    const pair = parseAccessCookie(cookies[name]);
    // An access cookie belongs to one refresh token; a leftover from another session is ignored.
    if (pair && pair[0] === refreshToken) {
      accessToken = pair[1];
      break;
    }
  }
  return { refreshToken, accessToken, fromLegacyCookie };
}

function parseAccessCookie(value: string | undefined): [string, string] | null {
  if (!value?.startsWith('["')) return null;
  try {
    const json = JSON.parse(value);
    const [refresh, access] = Array.isArray(json) && json.length === 2 ? json : [];
    return typeof refresh === "string" && typeof access === "string" ? [refresh, access] : null;
  } catch {
    return null;
  }
}

/**
 * The cookie writes that store `tokens`: both brands written, every other refresh cookie of the project
 * (the other security prefix, legacy names) deleted. Signed out (`null` refresh token) deletes them all.
 */
export function cookieWritesFor(tokens: TokenPair, projectId: string, secure: boolean, existing: CookieMap, now = Date.now()): CookieWrite[] {
  const keep = tokens.refreshToken === null ? [] : refreshCookieNames(projectId, secure);
  const writes: CookieWrite[] = keep.map((name) => ({
    name,
    value: JSON.stringify({ refresh_token: tokens.refreshToken, updated_at_millis: now }),
    maxAgeSeconds: REFRESH_MAX_AGE,
  }));
  const stale = new Set([...refreshCookieNames(projectId, !secure), ...refreshCookieNames(projectId, secure), ...legacyRefreshCookieNames(projectId)]);
  for (const name of Object.keys(existing)) {
    if (COOKIE_BRANDS.some((brand) => name.startsWith(`${brand}-refresh-${projectId}--`) || name.startsWith(`__Host-${brand}-refresh-${projectId}--`))) stale.add(name);
  }
  for (const name of stale) {
    if (!keep.includes(name) && (existing[name] !== undefined || tokens.refreshToken === null)) writes.push({ name, value: null, maxAgeSeconds: 0 });
  }
  const access = tokens.refreshToken && tokens.accessToken ? JSON.stringify([tokens.refreshToken, tokens.accessToken]) : null;
  for (const name of accessCookieNames()) writes.push({ name, value: access, maxAgeSeconds: access === null ? 0 : ACCESS_MAX_AGE });
  return writes;
}

/** `document.cookie`-style parsing; values are URI-decoded. */
export function parseCookieHeader(header: string | null | undefined): CookieMap {
  // No prototype: a cookie named "constructor" or "__proto__" is a cookie like any other.
  const cookies: CookieMap = Object.create(null);
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!name || Object.hasOwn(cookies, name)) continue;
    const raw = part.slice(index + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

/** One `Set-Cookie` / `document.cookie` assignment. */
export function serializeCookie(write: CookieWrite, secure: boolean): string {
  const value = write.value === null ? "" : encodeURIComponent(write.value);
  const maxAge = write.value === null ? 0 : write.maxAgeSeconds;
  return `${write.name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secure ? "; Secure" : ""}`;
}
