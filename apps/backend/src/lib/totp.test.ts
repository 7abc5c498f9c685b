import { describe, expect, it } from "vitest";
import { decodeTotpSecret, matchTotpStep, totpForStep, totpStepAt } from "./totp";

// RFC 6238 Appendix B's SHA-1 secret; its 8-digit values end in these 6 digits.
const RFC_SECRET = Buffer.from("12345678901234567890");

describe("TOTP", () => {
  it.each([
    [59, "287082"],
    [1111111109, "081804"],
    [1234567890, "005924"],
    [2000000000, "279037"],
  ])("matches RFC 6238's test value at %i s", (seconds, code) => {
    expect(totpForStep(RFC_SECRET, totpStepAt(seconds * 1000))).toBe(code);
  });

  it("accepts one step either side for drift, and nothing further", () => {
    const now = 1_700_000_000_000;
    const step = totpStepAt(now);
    expect(matchTotpStep(RFC_SECRET, totpForStep(RFC_SECRET, step - 1), now)).toBe(step - 1);
    expect(matchTotpStep(RFC_SECRET, totpForStep(RFC_SECRET, step + 1), now)).toBe(step + 1);
    expect(matchTotpStep(RFC_SECRET, totpForStep(RFC_SECRET, step - 2), now)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, "12345", now)).toBeNull();
  });

  it("decodes a base64 secret of 16 to 64 bytes, and refuses anything else", () => {
    expect(decodeTotpSecret(Buffer.alloc(20, 7).toString("base64"))?.length).toBe(20);
    expect(decodeTotpSecret(Buffer.alloc(10).toString("base64"))).toBeNull();
    expect(decodeTotpSecret(Buffer.alloc(65).toString("base64"))).toBeNull();
    expect(decodeTotpSecret("not base64!")).toBeNull();
    expect(decodeTotpSecret("abc")).toBeNull();
  });
});
