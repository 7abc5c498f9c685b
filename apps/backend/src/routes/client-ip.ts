import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import type { RequestDevice } from "../domain/emails/security-notices";
import { COUNTRY_HEADERS, claimsToBeBrowser, parseCountryCode } from "../lib/country-codes";
import { noteUntrustedForwardedHeaders } from "../lib/forwarded-headers";

/**
 * The caller's IP. Behind N trusted proxies it is the N-th X-Forwarded-For entry from the right: each proxy appends
 * the address it saw, while everything to the left of those came from the client and may be forged. Otherwise it is
 * the socket's peer; forwarded headers from an untrusted peer are ignored but noted, so an operator behind a proxy
 * learns why all clients share one address.
 */
export function clientIpOf(c: Context<AppEnv>): string | null {
  const services = c.get("services");
  const hops = services.config.trustedProxyHops;
  const forwarded = c.req.header("x-forwarded-for");
  if (hops > 0 && forwarded) {
    const entries = forwarded.split(",").map((entry) => entry.trim());
    const client = entries[Math.max(0, entries.length - hops)];
    if (client) return client;
  }
  if (hops === 0 && (forwarded || c.req.header("forwarded"))) noteUntrustedForwardedHeaders(services.forwarding);
  return c.env?.incoming?.socket.remoteAddress ?? null;
}

/** The device a request comes from, as security notices name it: the client IP above and the User-Agent as sent. */
export function deviceOf(c: Context<AppEnv>): RequestDevice {
  return { ip: clientIpOf(c), userAgent: c.req.header("user-agent") ?? null };
}

/**
 * The country a CDN in front of the server says a browser's request comes from, for the country_code of a user who
 * signs up with it; null otherwise. Trusted as forwarded headers are (STACK_TRUST_PROXY): without a proxy of ours in
 * front, the headers come from the client itself.
 */
export function signUpCountryOf(c: Context<AppEnv>): string | null {
  if (c.get("services").config.trustedProxyHops === 0) return null;
  if (!claimsToBeBrowser(c.req.header("user-agent"))) return null;
  for (const name of COUNTRY_HEADERS) {
    const code = parseCountryCode(c.req.header(name));
    if (code) return code;
  }
  return null;
}
