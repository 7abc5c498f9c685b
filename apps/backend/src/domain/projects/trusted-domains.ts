import { resolveRedirectUrl } from "@stackframe/stack-shared";
import type { ProjectConfig } from "./config";

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

function portOf(url: URL): string {
  return url.port || DEFAULT_PORTS[url.protocol] || "";
}

function isLocalhost(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost") || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** `*` stands for one label, `**` for anything; a pattern without a port matches default ports only. */
function matchesPattern(url: URL, pattern: string): boolean {
  const match = /^(https?):\/\/([^/:]+)(?::(\d+|\*))?/.exec(pattern);
  if (!match) return false;
  const [, protocol, host, port] = match;
  if (url.protocol !== `${protocol}:`) return false;
  const hostRegex = new RegExp(
    `^${host!.split("**").map((part) => part.split("*").map(escapeRegExp).join("[^.]*")).join(".*")}$`,
    "i",
  );
  if (!hostRegex.test(url.hostname)) return false;
  if (port === "*") return true;
  return portOf(url) === (port ?? DEFAULT_PORTS[url.protocol]);
}

/**
 * Whether a redirect or callback URL points at one of the project's trusted domains, after the one parse
 * every redirect target gets: ambiguous characters, credentials and non-http(s) schemes are refused there.
 */
export function isTrustedRedirectUrl(config: ProjectConfig, value: string): boolean {
  const isTrusted = (url: URL) =>
    (config.domains.allowLocalhost && isLocalhost(url.hostname)) ||
    Object.values(config.domains.trustedDomains).some((domain) => matchesPattern(url, domain.baseUrl));
  return resolveRedirectUrl(value, { isTrusted }) !== null;
}
