// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { TokenPair } from "@stackframe/stack-shared";
import { parseAuthorizationHeader, parseStackAuthHeader } from "../auth-header.js";
import { parseCookieHeader, readTokensFromCookies } from "../cookies.js";
import { EMPTY_TOKENS, type RequestLike, type TokenStore } from "./token-store.js";

function headerOf(request: RequestLike, name: string): string | null {
  const { headers } = request;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * The tokens a request carries, in order: `Authorization: Bearer hexclave_…` (or `stackauth_…`),
 * the legacy `x-stack-auth` JSON header, then the session cookies.
 */
export function readTokensFromRequest(request: RequestLike, projectId: string): TokenPair {
  const fromHeader = parseAuthorizationHeader(headerOf(request, "authorization")) ?? parseStackAuthHeader(headerOf(request, "x-stack-auth"));
  if (fromHeader) return fromHeader;
  const { fromLegacyCookie: _, ...fromCookies } = readTokensFromCookies(parseCookieHeader(headerOf(request, "cookie")), projectId);
  return fromCookies.refreshToken || fromCookies.accessToken ? fromCookies : EMPTY_TOKENS;
}

/** A request's credentials, read-only: a refreshed token lives as long as this store does. */
export function createRequestTokenStore(request: RequestLike, projectId: string): TokenStore {
  let tokens = readTokensFromRequest(request, projectId);
  return {
    read: () => tokens,
    write: (next) => {
      tokens = next;
    },
  };
}
