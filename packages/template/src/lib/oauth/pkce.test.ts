import { describe, expect, it } from "vitest";
import { pkceChallengeOf, randomBase64Url } from "./pkce.js";

describe("PKCE", () => {
  it("computes the S256 challenge of RFC 7636's appendix B example", async () => {
    expect(await pkceChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("makes 43-character verifiers of the unreserved characters from 32 random bytes, different each time", () => {
    const verifiers = new Set(Array.from({ length: 20 }, () => randomBase64Url(32)));
    expect(verifiers.size).toBe(20);
    for (const verifier of verifiers) expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
