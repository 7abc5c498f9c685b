/**
 * A country code as a CDN in front of the server reports it, or null when it is not one. ISO 3166-1 alpha-2 only:
 * two letters, and none of the user-assigned codes (AA, QM–QZ, XA–XZ, ZZ), which CDNs use for "unknown" (Cloudflare's
 * `XX`) and which name no country. Cloudflare's `T1` (Tor) fails the letters rule.
 */
export function parseCountryCode(raw: string | undefined): string | null {
  const code = raw?.trim().toUpperCase();
  if (!code || !/^[A-Z]{2}$/.test(code)) return null;
  if (code === "AA" || code === "ZZ" || code.startsWith("X") || (code[0] === "Q" && code[1]! >= "M")) return null;
  return code;
}

/** The country headers of the CDNs Stack Auth's API reads, in the order it reads them. */
export const COUNTRY_HEADERS = ["x-vercel-ip-country", "cf-ipcountry"] as const;

/**
 * Whether a request says it comes from a browser. Only then is its location the end user's: a call from an app's own
 * server carries that server's location. (The header can be forged, but forging it only misreports one's own country.)
 */
export function claimsToBeBrowser(userAgent: string | undefined): boolean {
  return userAgent !== undefined && ["Mozilla", "Chrome", "Safari"].some((name) => userAgent.includes(name));
}
