import { KnownErrors } from "@stackframe/stack-shared";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { revokeLeakedKey } from "../domain/api-keys/api-keys";
import { findApiKeys } from "../domain/api-keys/key-format";
import { revokeLeakedRefreshTokens } from "../domain/sessions/sessions";

// Key and token characters never need encoding, so only an encoded query is decoded, to find one hidden behind %xx.
function decodedQueryText(query: string): string {
  return query.includes("%") ? `${query}&${[...new URLSearchParams(query)].flat().join("&")}` : query;
}

/**
 * A key or refresh token in a URL ends up in access logs, proxies and browser
 * history, so it counts as leaked. A key is revoked like a credential-scanning report, a refresh token's session is
 * ended, and the request refused before any route runs, so nothing is refreshed with it. Public keys are meant to be
 * seen and stay valid, but the request is refused all the same. Only URLs with a query string are scanned.
 */
export const rejectCredentialsInUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = c.req.url;
  const start = url.indexOf("?");
  if (start === -1 || start === url.length - 1) return next();
  const query = decodedQueryText(url.slice(start + 1));
  const keys = findApiKeys(query);
  const services = c.get("services");
  const endedSessions = await revokeLeakedRefreshTokens(services.db, query);
  if (keys.length === 0 && endedSessions === 0) return next();
  for (const key of keys) {
    try {
      await revokeLeakedKey(services.db, services.projects, key.value);
    } catch (error) {
      // Unknown, public or expired keys: nothing to revoke, and the answer must not tell which.
      if (!(error instanceof KnownErrors.ApiKeyNotValid)) throw error;
    }
  }
  throw new KnownErrors.CredentialInUrl();
};
