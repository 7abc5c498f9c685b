import { describe, expect, it } from "vitest";
import { checkEndpointDestination } from "./destination-check";
import type { Resolver } from "./http-delivery";

const strict = { allowPrivateNetworks: false, isDevelopment: false };
const zone: Record<string, string[]> = {
  "hooks.example.com": ["93.184.216.34", "2606:2800:220:1::1"],
  "internal.example.com": ["93.184.216.34", "10.1.2.3"],
  "metadata.example.com": ["169.254.169.254"],
};
const lookups: string[] = [];
const resolver: Resolver = async (hostname) => {
  lookups.push(hostname);
  const addresses = zone[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

const refusalOf = (url: string, policy = strict) =>
  checkEndpointDestination(url, policy, resolver).then(
    () => null,
    (error: { code: string; details: { reason: string } }) => (error.code === "WEBHOOK_ENDPOINT_URL_NOT_ALLOWED" ? error.details.reason : error),
  );

describe("checkEndpointDestination", () => {
  it("refuses IP addresses deliveries could never reach, without a lookup", async () => {
    lookups.length = 0;
    expect(await refusalOf("https://127.0.0.1:8443/hook")).toBe("127.0.0.1 is a loopback address.");
    expect(await refusalOf("https://[::1]/hook")).toBe("::1 is a loopback address.");
    expect(await refusalOf("https://169.254.169.254/latest/meta-data/")).toContain("link-local");
    expect(await refusalOf("https://10.0.0.1/hook")).toBe("10.0.0.1 is a private address.");
    expect(await refusalOf("https://[::ffff:10.0.0.1]/hook")).toContain("private");
    expect(lookups).toEqual([]);
  });

  it("refuses a name when any of its addresses is refused", async () => {
    expect(await refusalOf("https://internal.example.com/hook")).toBe("internal.example.com resolves to 10.1.2.3 is a private address.");
    expect(await refusalOf("https://metadata.example.com/")).toContain("metadata.example.com resolves to 169.254.169.254");
  });

  it("takes a public name, and a name that does not resolve yet, normalised", async () => {
    expect(await checkEndpointDestination("https://HOOKS.example.com/in?x=1", strict, resolver)).toBe("https://hooks.example.com/in?x=1");
    expect(await refusalOf("https://not-yet.example.com/hook")).toBeNull();
  });

  it("takes what the operator allows: private networks, or loopback in development", async () => {
    expect(await refusalOf("https://10.0.0.1/hook", { allowPrivateNetworks: true, isDevelopment: false })).toBeNull();
    expect(await refusalOf("https://internal.example.com/hook", { allowPrivateNetworks: true, isDevelopment: false })).toBeNull();
    expect(await refusalOf("http://127.0.0.1:3000/hook", { allowPrivateNetworks: false, isDevelopment: true })).toBeNull();
    expect(await refusalOf("https://10.0.0.1/hook", { allowPrivateNetworks: false, isDevelopment: true })).toBe("10.0.0.1 is a private address.");
  });

  it("applies the URL policy first", async () => {
    expect(await refusalOf("http://hooks.example.com/")).toBe("webhooks are sent over https only.");
  });
});
