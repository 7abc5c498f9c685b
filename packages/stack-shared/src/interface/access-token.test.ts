import { describe, expect, it } from "vitest";
import { AccessToken } from "./access-token";
import { base64Url, jwt } from "./test-support";

const NOW = Date.UTC(2025, 0, 1);

const claims = {
  sub: "user-1",
  iat: NOW / 1000,
  exp: NOW / 1000 + 600,
  project_id: "proj-1",
  branch_id: "main",
  refresh_token_id: "rt-1",
  name: "Zoë Ünïcode 👋",
  email: "zoe@example.com",
  email_verified: true,
  selected_team_id: null,
  is_anonymous: false,
  is_restricted: false,
};

describe("AccessToken", () => {
  it("decodes the payload of a JWT without verifying it", () => {
    const token = jwt(claims);
    const accessToken = new AccessToken(token);
    expect(accessToken.token).toBe(token);
    expect(accessToken.payload).toEqual(claims);
  });

  it("decodes base64url segments that need padding and use - and _", () => {
    // "?>" encodes to "Pz4" in base64url ("Pz4=" in base64); "~~~" encodes to "fn5-".
    for (const extra of ["", "a", "ab", "?>", "~~~", "ÿÿ"]) {
      const payload = { ...claims, extra };
      expect(new AccessToken(jwt(payload)).payload).toEqual(payload);
    }
  });

  it("expires at exp seconds, in milliseconds", () => {
    expect(new AccessToken(jwt(claims)).expiresAtMillis).toBe(NOW + 600_000);
  });

  it("expires within a margin that reaches its exp", () => {
    const accessToken = new AccessToken(jwt(claims));
    expect(accessToken.expiresWithin(600_000, NOW)).toBe(true);
    expect(accessToken.expiresWithin(700_000, NOW)).toBe(true);
  });

  it("does not expire within a margin that ends before its exp", () => {
    expect(new AccessToken(jwt(claims)).expiresWithin(599_999, NOW)).toBe(false);
  });

  it("counts a token past its exp as expired within zero milliseconds", () => {
    expect(new AccessToken(jwt(claims)).expiresWithin(0, NOW + 601_000)).toBe(true);
  });

  it("never expires without exp", () => {
    const { exp: _exp, ...withoutExp } = claims;
    const accessToken = new AccessToken(jwt(withoutExp));
    expect(accessToken.payload).toEqual(withoutExp);
    expect(accessToken.expiresAtMillis).toBe(Number.POSITIVE_INFINITY);
    expect(accessToken.expiresWithin(Number.MAX_SAFE_INTEGER, NOW)).toBe(false);
  });

  it.each([
    ["an empty string", ""],
    ["plain text", "garbage"],
    ["two segments", "a.b"],
    ["four segments", `${jwt(claims)}.extra`],
    ["an empty payload segment", `${base64Url("{}")}..sig`],
    ["a payload that is not base64", "x.!!!***.sig"],
    ["a payload that is not JSON", `x.${base64Url("not json")}.sig`],
    ["a payload that is JSON null", `x.${base64Url("null")}.sig`],
    ["a payload that is a JSON string", `x.${base64Url('"user-1"')}.sig`],
    ["a payload without sub", jwt({ exp: NOW / 1000 })],
    ["a payload whose sub is not a string", jwt({ sub: 42 })],
  ])("has a null payload for %s", (_label, token) => {
    expect(new AccessToken(token).payload).toBeNull();
  });

  it("counts an unparsable token as expired", () => {
    const accessToken = new AccessToken("garbage");
    expect(accessToken.expiresWithin(0, NOW)).toBe(true);
    expect(accessToken.expiresWithin(-Number.MAX_SAFE_INTEGER, NOW)).toBe(true);
  });
});
