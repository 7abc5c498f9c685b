import { COOKIE_BRANDS, type CookieMap, type CookieWrite } from "../cookies.js";

// The round trip through the provider rarely takes minutes; the published SDK keeps the verifier an hour, and so do we.
const OAUTH_OUTER_MAX_AGE = 3600;

/** The cookies that keep an OAuth sign-in's PKCE verifier until its callback, keyed by the flow's `state`; Hexclave's first. */
export const oauthOuterCookieNames = (state: string) => COOKIE_BRANDS.map((brand) => `${brand}-oauth-outer-${state}`);

/** Stores the verifier under both brands, so the callback page finds it whichever SDK (this one or Stack Auth's) runs there. */
export const oauthOuterCookieWrites = (state: string, verifier: string): CookieWrite[] =>
  oauthOuterCookieNames(state).map((name) => ({ name, value: verifier, maxAgeSeconds: OAUTH_OUTER_MAX_AGE }));

/** The verifier of the flow with this `state`, the Hexclave cookie preferred, and the writes that delete both after use. */
export function takeOAuthVerifier(cookies: CookieMap, state: string): { verifier: string | null; writes: CookieWrite[] } {
  const names = oauthOuterCookieNames(state);
  const verifier = names.map((name) => cookies[name]).find((value) => value) ?? null;
  return { verifier, writes: names.map((name) => ({ name, value: null, maxAgeSeconds: 0 })) };
}
