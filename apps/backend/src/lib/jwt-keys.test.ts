import { describe, expect, it } from "vitest";
import { JwtKeyring } from "./jwt-keys";

const SECRET = "unit-test-secret-0123456789";
const kidsOf = (keyring: JwtKeyring, audience = "internal") => keyring.keysFor(audience).map((key) => key.kid);
const at = (generation: number, revokedBefore = 0) => new JwtKeyring(SECRET, { generation, revokedBefore });

describe("JwtKeyring", () => {
  // Regression: the kids of generations 0 and 1 are those derived before rotation existed, so an upgrade strands no token.
  it("keeps the kids it derived before key rotation existed", () => {
    expect(kidsOf(new JwtKeyring(SECRET))).toEqual(["tUfMxqg9N1cR", "RkHdxQx6NxZG"]);
  });

  it("publishes the current and the next key when nothing was rotated yet, the current one signing", () => {
    const keyring = at(0);
    expect(keyring.keysFor("internal")).toHaveLength(2);
    expect(keyring.signingKeyFor("internal").kid).toBe(kidsOf(keyring)[0]);
  });

  it("after a rotation signs with what was the next key and keeps the previous one", () => {
    const [current, next] = kidsOf(at(0));
    const rotated = kidsOf(at(1));
    expect(rotated[0]).toBe(next);
    expect(rotated).toHaveLength(3);
    expect(rotated[2]).toBe(current);
    expect(at(1).findKey("internal", current!)).toBeDefined();
  });

  it("drops the previous key once it is revoked, and finds no key for its kid", () => {
    const [previous] = kidsOf(at(0));
    const revoked = at(1, 1);
    expect(kidsOf(revoked)).toEqual(kidsOf(at(1)).slice(0, 2));
    expect(revoked.findKey("internal", previous!)).toBeUndefined();
  });

  it("trusts the keys of an instance one generation ahead, so a rolling rotation needs no downtime", () => {
    const ahead = at(2).signingKeyFor("internal");
    expect(at(1).findKey("internal", ahead.kid)?.jwk).toEqual(ahead.jwk);
  });

  it("derives different keys per audience", () => {
    expect(kidsOf(at(0), "internal:anon")).not.toContain(kidsOf(at(0))[0]);
  });

  it("refuses a short secret and a revocation of the current key", () => {
    expect(() => new JwtKeyring("too-short")).toThrow();
    expect(() => at(1, 2)).toThrow();
    expect(() => at(-1)).toThrow();
    expect(() => at(1.5)).toThrow();
  });
});
