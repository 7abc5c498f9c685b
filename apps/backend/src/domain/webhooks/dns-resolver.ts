import { Resolver as DnsResolver } from "node:dns/promises";
import { type Resolver, systemResolver } from "./http-delivery";

// A name no server could answer within the 15 s delivery limit fails as a DNS error (3 s, then 6 s), saying so.
const QUERY_TIMEOUT_MS = 3000;
const QUERY_TRIES = 2;
const NO_RECORD = new Set(["ENODATA", "ENOTFOUND"]);

/**
 * Resolves through these DNS servers only (A and AAAA, asked at once), never /etc/hosts or the system's resolver, so
 * deliveries see the names as the operator's egress does. Every address returned is still checked at connect time.
 */
export function pinnedResolver(servers: string[]): Resolver {
  const dns = new DnsResolver({ timeout: QUERY_TIMEOUT_MS, tries: QUERY_TRIES });
  dns.setServers(servers);
  return async (hostname) => {
    const [v4, v6] = await Promise.allSettled([dns.resolve4(hostname), dns.resolve6(hostname)]);
    const addresses = [
      ...(v4.status === "fulfilled" ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ...(v6.status === "fulfilled" ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ];
    // One family failing leaves the other's addresses: the connection can only go to addresses that were checked.
    const failures = [v4, v6].flatMap((result) => (result.status === "rejected" ? [result.reason as NodeJS.ErrnoException] : []));
    if (addresses.length > 0 || failures.length === 0) return addresses;
    // "No such record" for both says less than a timeout or a refusal for one.
    throw failures.find((error) => !NO_RECORD.has(error.code ?? "")) ?? failures[0];
  };
}

/** The resolver deliveries use: the operator's DNS servers when set, otherwise the system's (getaddrinfo). */
export function webhookResolverFor(dnsServers: string[] | undefined): Resolver {
  return dnsServers?.length ? pinnedResolver(dnsServers) : systemResolver;
}
