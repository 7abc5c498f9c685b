import { writeLogRecord } from "./json-log";

/**
 * What this process has seen of proxies in front of it. Behind a reverse proxy that is not trusted
 * (STACK_TRUST_PROXY unset), every client shares the proxy's address, which per-IP limits must not punish, and the
 * operator should be told: the first such request logs a warning and `/health` lists it.
 */
export type ForwardingDiagnostics = { untrustedForwardedHeaders: boolean };

export function createForwardingDiagnostics(): ForwardingDiagnostics {
  return { untrustedForwardedHeaders: false };
}

export function noteUntrustedForwardedHeaders(diagnostics: ForwardingDiagnostics): void {
  if (diagnostics.untrustedForwardedHeaders) return;
  diagnostics.untrustedForwardedHeaders = true;
  writeLogRecord({
    log: "warning",
    time: new Date().toISOString(),
    warning: "forwarded_headers_not_trusted",
    message:
      "Requests arrive with X-Forwarded-For or Forwarded headers, but STACK_TRUST_PROXY is not set: client IPs are taken " +
      "from the socket, so every client behind the proxy shares one address. Set STACK_TRUST_PROXY=true when a proxy you " +
      "control sets these headers (see docs/configuration.md).",
  });
}

/**
 * The part of an address that one client controls, as the key of per-IP counters: an IPv4 address, or the /64 of an
 * IPv6 one (a single host is usually handed a whole /64, so rotating inside it must not buy a fresh count).
 */
export function ipBucketOf(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return `v4:${mapped[1]}`;
  if (!ip.includes(":")) return `v4:${ip}`;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === "" ? [] : tail.split(":");
  const missing = ip.includes("::") ? 8 - headGroups.length - tailGroups.length : 0;
  const groups = [...headGroups, ...Array<string>(Math.max(0, missing)).fill("0"), ...tailGroups];
  return `v6:${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
