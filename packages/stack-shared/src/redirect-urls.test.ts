import { describe, expect, it } from "vitest";
import { resolveRedirectUrl } from "./redirect-urls";

const base = "https://app.example/handler/sign-in?after_auth_return_to=x";
const trusted = (url: URL) => url.origin === "https://trusted.example";

describe("resolveRedirectUrl", () => {
  it("resolves same-origin paths to absolute URLs on that origin", () => {
    expect(resolveRedirectUrl("/dashboard?tab=1#top", { base })).toBe("https://app.example/dashboard?tab=1#top");
    expect(resolveRedirectUrl("settings", { base })).toBe("https://app.example/handler/settings");
  });

  it("accepts other origins only when trusted", () => {
    expect(resolveRedirectUrl("https://trusted.example/x", { base, isTrusted: trusted })).toBe("https://trusted.example/x");
    expect(resolveRedirectUrl("https://other.example/x", { base, isTrusted: trusted })).toBeNull();
    expect(resolveRedirectUrl("https://trusted.example/x")).toBeNull();
  });

  // Regression: `/.//evil.example/x` passed an origin check, then its path `//evil.example/x` was followed off-site.
  const bypasses = [
    "//evil.example/x",
    "/\\evil.example/x",
    "\\/evil.example/x",
    "/.//evil.example/x",
    "/./\\evil.example",
    "https:evil.example",
    "https://app.example.evil.example/",
    "https://app.example@evil.example/",
    "https://user:pass@app.example/",
    "https://evil.example#@app.example",
    "https://evil.example?.app.example",
    "https://app.example\t.evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "java\tscript:alert(1)",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "HTTPS://EVIL.EXAMPLE/",
    "https://app.example./",
    " https://evil.example",
    "",
  ];
  for (const value of bypasses) {
    it(`never leaves for another site: ${JSON.stringify(value)}`, () => {
      const result = resolveRedirectUrl(value, { base, isTrusted: trusted });
      if (result !== null) expect(new URL(result).origin).toBe("https://app.example");
    });
  }

  it("refuses paths that resolve to an empty first segment", () => {
    for (const value of ["/.//evil.example/x", "/x/..//evil.example", "https://app.example//evil.example"]) {
      expect(resolveRedirectUrl(value, { base })).toBeNull();
    }
  });

  it("keeps encoded slashes and dots inside the path of the same origin", () => {
    for (const value of ["/%2F%2Fevil.example", "/%2e%2e/%2fevil.example", "/.%2F.%2Fevil.example", "%2F%2Fevil.example"]) {
      const result = resolveRedirectUrl(value, { base });
      expect(result === null || new URL(result).origin === "https://app.example").toBe(true);
    }
  });

  it("refuses schemes other than http(s), in any case", () => {
    expect(resolveRedirectUrl("JAVASCRIPT:alert(1)", { base, isTrusted: () => true })).toBeNull();
    expect(resolveRedirectUrl("ftp://trusted.example/", { base, isTrusted: () => true })).toBeNull();
  });
});
