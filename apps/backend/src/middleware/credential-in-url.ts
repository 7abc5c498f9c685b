import { KnownErrors } from "@stackframe/stack-shared";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { revokeLeakedKey } from "../domain/api-keys/api-keys";
import { type ParsedApiKey, findApiKeys } from "../domain/api-keys/key-format";

/** Valid user/team API keys anywhere in a query string, percent-encoded or not. */
export function findApiKeysInQuery(query: string): ParsedApiKey[] {
  // Key characters never need encoding, so only an encoded query is decoded, to find a key hidden behind %xx.
  const text = query.includes("%") ? `${query}&${[...new URLSearchParams(query)].flat().join("&")}` : query;
  return findApiKeys(text);
}

/**
 * SECURITY-TESTS AK-05: a key in a URL ends up in access logs, proxies and browser history, so it counts as leaked.
 * It is revoked like a credential-scanning report and the request refused before any route runs. Public keys are
 * meant to be seen and stay valid, but the request is refused all the same. Only URLs with a query string are scanned.
 */
export const rejectCredentialsInUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = c.req.url;
  const start = url.indexOf("?");
  if (start === -1 || start === url.length - 1) return next();
  const keys = findApiKeysInQuery(url.slice(start + 1));
  if (keys.length === 0) return next();
  const services = c.get("services");
  for (const key of keys) {
    try {
      await revokeLeakedKey(services, key.value);
    } catch (error) {
      // Unknown, public or expired keys: nothing to revoke, and the answer must not tell which.
      if (!(error instanceof KnownErrors.ApiKeyNotValid)) throw error;
    }
  }
  throw new KnownErrors.CredentialInUrl();
};
