import { REQUEST_HEADER_NAMES, type RequestHeaderName } from "@stackframe/stack-shared";

export type StackHeaders = Partial<Record<RequestHeaderName, string>>;

/**
 * Reads every project header once, from either brand. Each header may come from either prefix on its own;
 * when both are sent, the Hexclave one wins. Empty values count as absent, since SDKs send "" for unset keys.
 */
export function normalizeRequestHeaders(headers: Headers | NodeHeaders): StackHeaders {
  const get = headers instanceof Headers ? (name: string) => headers.get(name) : (name: string) => first(headers[name]);
  const normalized: StackHeaders = {};
  for (const name of REQUEST_HEADER_NAMES) {
    const value = get(`x-hexclave-${name}`) || get(`x-stack-${name}`);
    if (value) normalized[name] = value;
  }
  return normalized;
}

/** Node's own header object (lower-cased names), read directly so a GET never builds a fetch Request. */
export type NodeHeaders = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
