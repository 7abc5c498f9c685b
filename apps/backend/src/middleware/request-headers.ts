import { REQUEST_HEADER_NAMES, type RequestHeaderName } from "@stackframe/stack-shared";

export type StackHeaders = Partial<Record<RequestHeaderName, string>>;

/**
 * Reads every project header once, from either brand. Each header may come from either prefix on its own;
 * when both are sent, the Hexclave one wins. Empty values count as absent, since SDKs send "" for unset keys.
 */
export function normalizeRequestHeaders(headers: Headers): StackHeaders {
  const normalized: StackHeaders = {};
  for (const name of REQUEST_HEADER_NAMES) {
    const value = headers.get(`x-hexclave-${name}`) || headers.get(`x-stack-${name}`);
    if (value) normalized[name] = value;
  }
  return normalized;
}
