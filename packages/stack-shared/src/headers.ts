/** Request header names without their brand prefix; sent as `x-hexclave-<name>` (canonical) or `x-stack-<name>`. */
export const REQUEST_HEADER_NAMES = [
  "project-id",
  "branch-id",
  "access-type",
  "publishable-client-key",
  "secret-server-key",
  "super-secret-admin-key",
  "admin-access-token",
  "access-token",
  "refresh-token",
  "allow-anonymous-user",
  "allow-restricted-user",
  "override-error-status",
  "client-version",
  "random-nonce",
  "development-override-key",
  "disable-artificial-development-delay",
] as const;

export type RequestHeaderName = (typeof REQUEST_HEADER_NAMES)[number];

export const BRAND_PREFIXES = ["x-hexclave-", "x-stack-"] as const;

/** Response headers emitted under both prefixes. */
export const RESPONSE_HEADER_NAMES = ["request-id", "actual-status", "known-error"] as const;

export const ACCESS_TYPES = ["client", "server", "admin"] as const;
export type AccessType = (typeof ACCESS_TYPES)[number];
