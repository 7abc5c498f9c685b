import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";

// A dot segment (plain or percent-encoded), an empty segment, or an encoded slash or backslash. URL parsers resolve
// `%2e%2e` and `\` before routing, so such a path would reach a different route than the one it spells.
const NON_CANONICAL_SEGMENT = /\/\/|\\|%2f|%5c|(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/** The request target exactly as the client sent it, before any URL parser resolved it. */
function rawPathOf(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const target = c.env?.incoming?.url ?? new URL(c.req.url).pathname;
  // RFC 9112 §3.2.2: a request target may be in absolute form; only its path is the route.
  const raw = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** Answers 404 for paths that are not in canonical form, so each route has one spelling. */
export const refuseNonCanonicalPaths: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (NON_CANONICAL_SEGMENT.test(rawPathOf(c))) return c.text("No API endpoint at this path: it is not in canonical form.", 404);
  await next();
};
