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

const WHOLE_PATTERN = /^https?:\/\/([^/:?#\s]+)(?::(\d{1,5}|\*))?(\/[^\s?#]*)?$/;

/**
 * Why a trusted-domain pattern cannot be used, or null when it can. The last two labels of the host must be spelled
 * out (`https://*.example.com`, not `https://*.com` or `https://**`): redirects go to whatever a pattern matches, so
 * one that matches whole top-level domains would trust sites nobody vetted.
 */
export function trustedDomainPatternProblem(baseUrl: string): string | null {
  const match = WHOLE_PATTERN.exec(baseUrl);
  if (!match) return `"${baseUrl}" is not a trusted domain: write it as http(s)://host, with an optional :port and path, like https://app.example.com.`;
  const labels = match[1]!.split(".");
  if (labels.some((label) => label === "")) return `"${baseUrl}" has an empty label in its host.`;
  if (!labels.some((label) => label.includes("*"))) return null;
  const fixed = labels.slice(-2);
  if (labels.length < 3 || fixed.some((label) => label.includes("*"))) {
    return `"${baseUrl}" is too wide: a wildcard may stand only for subdomains of a named domain, like https://*.example.com.`;
  }
  return null;
}
