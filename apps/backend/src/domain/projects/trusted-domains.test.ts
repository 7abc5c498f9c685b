import { describe, expect, it } from "vitest";
import { renderConfig } from "./config";
import { isTrustedHostname, isTrustedRedirectUrl, trustedDomainPatternProblem } from "./trusted-domains";

const config = (override: Record<string, unknown>) => renderConfig(override);

describe("isTrustedRedirectUrl", () => {
  it("accepts localhost only when the project allows it", () => {
    expect(isTrustedRedirectUrl(config({ "domains.allowLocalhost": true }), "http://localhost:3000/cb")).toBe(true);
    expect(isTrustedRedirectUrl(config({}), "http://localhost:3000/cb")).toBe(false);
  });

  it("matches protocol, host and default port of a trusted domain", () => {
    const c = config({ "domains.trustedDomains.a": { baseUrl: "https://app.example.com", handlerPath: "/handler" } });
    expect(isTrustedRedirectUrl(c, "https://app.example.com/any/path")).toBe(true);
    expect(isTrustedRedirectUrl(c, "http://app.example.com/")).toBe(false);
    expect(isTrustedRedirectUrl(c, "https://app.example.com:8443/")).toBe(false);
    expect(isTrustedRedirectUrl(c, "https://app.example.com.evil.com/")).toBe(false);
  });

  it("lets * match one label and ** any run of labels", () => {
    const one = config({ "domains.trustedDomains.a": { baseUrl: "https://*.example.com", handlerPath: "/" } });
    expect(isTrustedRedirectUrl(one, "https://a.example.com/")).toBe(true);
    expect(isTrustedRedirectUrl(one, "https://a.b.example.com/")).toBe(false);
    const any = config({ "domains.trustedDomains.a": { baseUrl: "https://**.example.com", handlerPath: "/" } });
    expect(isTrustedRedirectUrl(any, "https://a.b.example.com/")).toBe(true);
  });
});

describe("isTrustedRedirectUrl against the bypass corpus", () => {
  const c = config({ "domains.trustedDomains.a": { baseUrl: "https://allowed.example", handlerPath: "/handler" } });
  it.each([
    "//evil.example/cb",
    "/\\evil.example/cb",
    "https:evil.example",
    "https://allowed.example.evil.example/",
    "https://allowed.example@evil.example/",
    "https://user@allowed.example/",
    "https://evil.example#@allowed.example",
    "https://evil.example?.allowed.example",
    "https://allowed.example\t.evil.example/",
    "https://allowed.example\n/cb",
    "javascript:alert(1)//https://allowed.example",
    "JAVASCRIPT://allowed.example/%0aalert(1)",
    "data:text/html,https://allowed.example",
    "https://allowed.example./",
    "https://allowed.example:444/",
  ])("refuses %s", (value) => {
    expect(isTrustedRedirectUrl(c, value)).toBe(false);
  });

  it("accepts the trusted origin whatever the case of scheme and host, since both are case-insensitive", () => {
    expect(isTrustedRedirectUrl(c, "HTTPS://ALLOWED.EXAMPLE/cb")).toBe(true);
    expect(isTrustedRedirectUrl(c, "https://allowed.example/%2e%2e/cb")).toBe(true);
  });
});

describe("isTrustedHostname", () => {
  it("accepts the host of a trusted domain whatever its scheme and port, and wildcards as in URLs", () => {
    const c = config({
      "domains.trustedDomains.a": { baseUrl: "http://app.example.com:3000", handlerPath: "/" },
      "domains.trustedDomains.b": { baseUrl: "https://*.example.org", handlerPath: "/" },
    });
    expect(isTrustedHostname(c, "app.example.com")).toBe(true);
    expect(isTrustedHostname(c, "www.example.org")).toBe(true);
    expect(isTrustedHostname(c, "a.b.example.org")).toBe(false);
    expect(isTrustedHostname(c, "app.example.com.evil.com")).toBe(false);
  });

  it("accepts localhost only when the project allows it", () => {
    expect(isTrustedHostname(config({ "domains.allowLocalhost": true }), "localhost")).toBe(true);
    expect(isTrustedHostname(config({}), "localhost")).toBe(false);
  });
});

describe("trustedDomainPatternProblem", () => {
  it.each(["https://app.example.com", "http://localhost:3000", "https://*.example.com", "https://**.example.com", "https://app.example.com:*", "https://example.com/app"])(
    "accepts %s",
    (pattern) => expect(trustedDomainPatternProblem(pattern)).toBeNull(),
  );

  it.each(["example.com", "ftp://example.com", "https://exa mple.com", "https://", "https://**", "https://*.com", "https://example.*", "https://a..b.com", "javascript:alert(1)"])(
    "refuses %s",
    (pattern) => expect(trustedDomainPatternProblem(pattern)).toEqual(expect.any(String)),
  );
});
