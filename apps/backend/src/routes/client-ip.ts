import type { Context } from "hono";
import type { AppEnv } from "../app-env";

type NodeIncoming = { socket?: { remoteAddress?: string } };

/** The caller's IP: the socket's peer, or the first X-Forwarded-For hop when the deployment trusts its proxy. */
export function clientIpOf(c: Context<AppEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as { incoming?: NodeIncoming } | undefined)?.incoming?.socket?.remoteAddress ?? null;
}
