import { describe, expect, it } from "vitest";
import { claimsToBeBrowser, parseCountryCode } from "./country-codes";

describe("parseCountryCode", () => {
  it("takes a two-letter code, trimmed and upper-cased", () => {
    expect(parseCountryCode("DE")).toBe("DE");
    expect(parseCountryCode(" us ")).toBe("US");
  });

  it("refuses the unknown and private-use codes CDNs send, and anything not two letters", () => {
    for (const raw of ["XX", "T1", "ZZ", "AA", "QM", "QZ", "XK", "USA", "U", "", "1A", "D E", undefined]) expect(parseCountryCode(raw), String(raw)).toBeNull();
  });

  it("keeps the Q codes below QM, which are not private-use", () => {
    expect(parseCountryCode("QA")).toBe("QA");
  });
});

describe("claimsToBeBrowser", () => {
  it("is true for browser user agents and false for server clients", () => {
    expect(claimsToBeBrowser("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36")).toBe(true);
    expect(claimsToBeBrowser("node")).toBe(false);
    expect(claimsToBeBrowser("undici")).toBe(false);
    expect(claimsToBeBrowser(undefined)).toBe(false);
  });
});
