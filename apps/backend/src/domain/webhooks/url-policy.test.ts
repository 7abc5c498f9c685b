import { describe, expect, it } from "vitest";
import { addressRefusal, checkEndpointUrl } from "./url-policy";

const strict = { allowPrivateNetworks: false, isDevelopment: false };

describe("addressRefusal", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fc00::1", "unique local"],
    ["fd00:ec2::254", "unique local"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    // The deprecated IPv4-compatible form, and NAT64 / 6to4 prefixes that reach IPv4 through a gateway.
    ["::7f00:1", "loopback"],
    ["::a9fe:a9fe", "link-local"],
    ["64:ff9b::7f00:1", "not a public address"],
    ["2002:7f00:1::", "not a public address"],
  ])("refuses %s (%s)", (address, kind) => {
    expect(addressRefusal(address, strict)).toContain(kind);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::808:808"])("lets %s through", (address) => {
    expect(addressRefusal(address, strict)).toBeNull();
  });

  it("lets private addresses through when the operator allows them, and only loopback in development", () => {
    expect(addressRefusal("10.0.0.1", { allowPrivateNetworks: true, isDevelopment: false })).toBeNull();
    expect(addressRefusal("127.0.0.1", { allowPrivateNetworks: false, isDevelopment: true })).toBeNull();
    expect(addressRefusal("169.254.169.254", { allowPrivateNetworks: false, isDevelopment: true })).not.toBeNull();
  });
});

describe("checkEndpointUrl", () => {
  it("takes https URLs and refuses other schemes, credentials and fragments", () => {
    expect(checkEndpointUrl("https://hooks.example.com/in?x=1", strict)).toBe("https://hooks.example.com/in?x=1");
    for (const url of ["http://hooks.example.com/", "ftp://hooks.example.com/", "https://user:pw@hooks.example.com/", "https://hooks.example.com/#x", "not a url"]) {
      expect(() => checkEndpointUrl(url, strict), url).toThrow(/not allowed/);
    }
  });

  it("takes http only for localhost in development, or anywhere when private networks are allowed", () => {
    expect(checkEndpointUrl("http://localhost:3000/hook", { allowPrivateNetworks: false, isDevelopment: true })).toBe("http://localhost:3000/hook");
    expect(() => checkEndpointUrl("http://example.com/hook", { allowPrivateNetworks: false, isDevelopment: true })).toThrow();
    expect(checkEndpointUrl("http://example.com/hook", { allowPrivateNetworks: true, isDevelopment: false })).toBe("http://example.com/hook");
  });
});
