import { isIP } from "node:net";
import { KnownErrors } from "@stackframe/stack-shared";
import ipaddr from "ipaddr.js";

/** Where deliveries may go: public addresses only, unless the operator allows private networks (or, in development, loopback). */
export type AddressPolicy = { allowPrivateNetworks: boolean; isDevelopment: boolean };

const MAX_URL_LENGTH = 2048;
const LOCAL_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

const RANGE_NAMES: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  linkLocal: "a link-local address (cloud metadata services live there)",
  uniqueLocal: "a private (unique local) address",
  carrierGradeNat: "a carrier-grade NAT address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  reserved: "a reserved address",
};

/** The IPv4 address an IPv6 one carries: mapped (::ffff:a.b.c.d) or the deprecated compatible form (::a.b.c.d). */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  const [high, low] = address.parts.slice(6) as [number, number];
  // :: and ::1 keep their own IPv6 meaning.
  const compatible = address.parts.slice(0, 6).every((part) => part === 0) && (high !== 0 || low > 1);
  return compatible ? ipaddr.fromByteArray([high >> 8, high & 0xff, low >> 8, low & 0xff]) as ipaddr.IPv4 : null;
}

/**
 * Why a delivery may not connect to this address, or null when it may. Only public unicast addresses pass; IPv4
 * addresses wrapped in IPv6 are judged as the IPv4 address they carry.
 */
export function addressRefusal(address: string, policy: AddressPolicy): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6") parsed = embeddedIPv4(parsed as ipaddr.IPv6) ?? parsed;
  const range = parsed.range();
  if (range === "unicast") return null;
  if (policy.allowPrivateNetworks) return null;
  if (policy.isDevelopment && range === "loopback") return null;
  return `${address} is ${RANGE_NAMES[range] ?? `not a public address (${range})`}`;
}

/** Why a name may not be connected to, from every address it resolved to; null when all of them pass. */
export function resolvedRefusal(hostname: string, addresses: { address: string }[], policy: AddressPolicy): string | null {
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, policy);
    if (refusal) return `${hostname} resolves to ${refusal}`;
  }
  return null;
}

/**
 * Checks an endpoint URL when it is saved: https only (http too for localhost in development, or anywhere when
 * private networks are allowed), no credentials, no fragment. Where it resolves to is checked at every delivery,
 * since DNS can change after this.
 */
export function checkEndpointUrl(raw: string, policy: AddressPolicy): string {
  const refuse = (reason: string) => new KnownErrors.WebhookEndpointUrlNotAllowed(reason);
  if (raw.length > MAX_URL_LENGTH) throw refuse(`it is longer than ${MAX_URL_LENGTH} characters.`);
  if (!URL.canParse(raw)) throw refuse("it is not an absolute URL.");
  const url = new URL(raw);
  const httpAllowed = policy.allowPrivateNetworks || (policy.isDevelopment && LOCAL_NAMES.has(url.hostname));
  if (url.protocol !== "https:" && !(url.protocol === "http:" && httpAllowed)) throw refuse("webhooks are sent over https only.");
  if (url.username || url.password) throw refuse("it holds credentials; put them in the receiver's checks instead.");
  if (url.hash) throw refuse("it has a fragment.");
  return url.toString();
}

/** The host of a URL as an IP address, when it is one (`[::1]` → `::1`). */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}
