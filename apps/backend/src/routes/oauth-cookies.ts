import { FLOW_LIFETIME_MILLIS } from "../domain/oauth/flows";

// Stack Auth's cookie and its Hexclave twin: whichever the callback finds proves the browser that started the flow.
const PREFIXES = ["stack-oauth-inner-", "hexclave-oauth-inner-"];

/**
 * The cookies that tie an OAuth flow to the browser that started it, in the attribute order Stack Auth writes them.
 * No SameSite attribute: browsers then treat them as Lax, which still sends them on the provider's redirect back.
 */
export function innerCookieHeaders(innerState: string, apiUrl: string): string[] {
  const maxAge = FLOW_LIFETIME_MILLIS / 1000;
  const expires = new Date(Date.now() + FLOW_LIFETIME_MILLIS).toUTCString();
  const secure = apiUrl.startsWith("https:") ? " Secure;" : "";
  return PREFIXES.map((prefix) => `${prefix}${innerState}=true; Path=/; Expires=${expires}; Max-Age=${maxAge};${secure} HttpOnly`);
}

export function clearedInnerCookieHeaders(innerState: string): string[] {
  return PREFIXES.map((prefix) => `${prefix}${innerState}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly`);
}

/** Whether the request carries either inner cookie of this flow. */
export function hasInnerCookie(cookieHeader: string | undefined, innerState: string): boolean {
  if (!cookieHeader) return false;
  const names = new Set(PREFIXES.map((prefix) => `${prefix}${innerState}`));
  return cookieHeader.split(";").some((pair) => {
    const [name, value] = pair.trim().split("=");
    return name !== undefined && names.has(name) && value === "true";
  });
}
