import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { noteUntrustedForwardedHeaders } from "../lib/forwarded-headers";

type NodeIncoming = { socket?: { remoteAddress?: string } };

/**
 * The caller's IP: the socket's peer, or the first X-Forwarded-For hop when the deployment trusts its proxy. Forwarded
 * headers from an untrusted peer are ignored (anyone can send them) but noted, so an operator behind a proxy learns why
 * all clients share one address.
 */
export function clientIpOf(c: Context<AppEnv>, trustProxy: boolean): string | null {
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  if (trustProxy && forwarded) return forwarded;
  if (!trustProxy && (forwarded || c.req.header("forwarded"))) noteUntrustedForwardedHeaders(c.get("services").forwarding);
  return (c.env as { incoming?: NodeIncoming } | undefined)?.incoming?.socket?.remoteAddress ?? null;
}
