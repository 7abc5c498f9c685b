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

const TRUSTED_DOMAIN_PATTERN = /^(https?):\/\/([^/:]+)(?::(\d+|\*))?/;

/** `*` stands for one label, `**` for anything. */
function hostMatches(hostPattern: string, hostname: string): boolean {
  const hostRegex = new RegExp(
    `^${hostPattern.split("**").map((part) => part.split("*").map(escapeRegExp).join("[^.]*")).join(".*")}$`,
    "i",
  );
  return hostRegex.test(hostname);
}

/** A pattern without a port matches default ports only. */
function matchesPattern(url: URL, pattern: string): boolean {
  const match = TRUSTED_DOMAIN_PATTERN.exec(pattern);
  if (!match) return false;
  const [, protocol, host, port] = match;
  if (url.protocol !== `${protocol}:`) return false;
  if (!hostMatches(host!, url.hostname)) return false;
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

/** Whether a bare hostname (no scheme, no port) is localhost, when allowed, or the host of a trusted domain. */
export function isTrustedHostname(config: ProjectConfig, hostname: string): boolean {
  if (config.domains.allowLocalhost && isLocalhost(hostname.toLowerCase())) return true;
  return Object.values(config.domains.trustedDomains).some((domain) => {
    const host = TRUSTED_DOMAIN_PATTERN.exec(domain.baseUrl)?.[2];
    return host !== undefined && hostMatches(host, hostname);
  });
}
