import { describe, expect, it } from "vitest";
import { formatAuthorizationHeader, parseAuthorizationHeader, parseStackAuthHeader } from "./auth-header.js";

const tokens = { accessToken: "access-1", refreshToken: "refresh-1" };
const base64Json = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64");

describe("formatAuthorizationHeader", () => {
  it("emits a Bearer value with the hexclave_ prefix", () => {
    expect(formatAuthorizationHeader(tokens)).toMatch(/^Bearer hexclave_\S+$/);
  });

  it("encodes the tokens as base64 of the {accessToken, refreshToken} JSON", () => {
    const header = formatAuthorizationHeader(tokens)!;
    const encoded = header.slice("Bearer hexclave_".length);
    expect(JSON.parse(Buffer.from(encoded, "base64").toString("utf8"))).toEqual(tokens);
    expect(encoded).toBe(base64Json(tokens));
  });

  it("returns null when both tokens are null (signed out)", () => {
    expect(formatAuthorizationHeader({ accessToken: null, refreshToken: null })).toBeNull();
  });
});

describe("parseAuthorizationHeader", () => {
  it("parses the hexclave_ prefix", () => {
    expect(parseAuthorizationHeader(`Bearer hexclave_${base64Json(tokens)}`)).toEqual(tokens);
  });

  it("parses the legacy stackauth_ prefix", () => {
    expect(parseAuthorizationHeader(`Bearer stackauth_${base64Json(tokens)}`)).toEqual(tokens);
  });

  it("accepts any casing of the Bearer scheme", () => {
    const credential = `hexclave_${base64Json(tokens)}`;
    expect(parseAuthorizationHeader(`bearer ${credential}`)).toEqual(tokens);
    expect(parseAuthorizationHeader(`BEARER ${credential}`)).toEqual(tokens);
    expect(parseAuthorizationHeader(`BeArEr ${credential}`)).toEqual(tokens);
  });

  it("accepts base64url encoding without padding", () => {
    // "??>" in a token makes standard base64 contain "/" and "+"; base64url turns them into "_" and "-".
    const pair = { accessToken: "a??>", refreshToken: "r??>" };
    const url = Buffer.from(JSON.stringify(pair), "utf8").toString("base64url");
    expect(url).toMatch(/[-_]/);
    expect(parseAuthorizationHeader(`Bearer hexclave_${url}`)).toEqual(pair);
  });

  it("returns null for a missing header", () => {
    expect(parseAuthorizationHeader(null)).toBeNull();
    expect(parseAuthorizationHeader(undefined)).toBeNull();
    expect(parseAuthorizationHeader("")).toBeNull();
  });

  it("returns null for a plain JWT bearer token", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
    expect(parseAuthorizationHeader(`Bearer ${jwt}`)).toBeNull();
  });

  it("returns null for a non-Bearer scheme, even with an SDK-looking credential", () => {
    expect(parseAuthorizationHeader("Basic dXNlcjpwYXNz")).toBeNull();
    expect(parseAuthorizationHeader(`Basic hexclave_${base64Json(tokens)}`)).toBeNull();
  });

  it("returns null for an unknown prefix", () => {
    expect(parseAuthorizationHeader(`Bearer otherauth_${base64Json(tokens)}`)).toBeNull();
  });

  it("returns null for malformed base64", () => {
    expect(parseAuthorizationHeader("Bearer hexclave_!!!not*base64")).toBeNull();
  });

  it("returns null for base64 that is not JSON", () => {
    expect(parseAuthorizationHeader(`Bearer hexclave_${Buffer.from("not json").toString("base64")}`)).toBeNull();
  });

  it("returns null for JSON that is not an object", () => {
    expect(parseAuthorizationHeader(`Bearer hexclave_${base64Json("a string")}`)).toBeNull();
    expect(parseAuthorizationHeader(`Bearer hexclave_${base64Json(null)}`)).toBeNull();
  });

  it("returns null when both tokens are empty or missing", () => {
    expect(parseAuthorizationHeader(`Bearer hexclave_${base64Json({ accessToken: "", refreshToken: "" })}`)).toBeNull();
    expect(parseAuthorizationHeader(`Bearer hexclave_${base64Json({})}`)).toBeNull();
    expect(parseAuthorizationHeader(`Bearer hexclave_${base64Json({ accessToken: 1, refreshToken: false })}`)).toBeNull();
  });

  it("keeps one token when only the other is empty", () => {
    expect(parseAuthorizationHeader(`Bearer hexclave_${base64Json({ accessToken: "", refreshToken: "r" })}`)).toEqual({
      accessToken: null,
      refreshToken: "r",
    });
  });

  it("returns null for a bare prefix with nothing after it", () => {
    expect(parseAuthorizationHeader("Bearer hexclave_")).toBeNull();
  });

  it("round-trips tokens through format and parse", () => {
    const pairs = [
      tokens,
      { accessToken: "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1In0.sig-_+/=", refreshToken: "rt_0123456789abcdef" },
      { accessToken: null, refreshToken: "only-refresh" },
      { accessToken: "only-access", refreshToken: null },
    ];
    for (const pair of pairs) expect(parseAuthorizationHeader(formatAuthorizationHeader(pair))).toEqual(pair);
  });
});

describe("parseStackAuthHeader", () => {
  it("parses the plain JSON {accessToken, refreshToken} value", () => {
    expect(parseStackAuthHeader(JSON.stringify(tokens))).toEqual(tokens);
  });

  it("returns null for garbage", () => {
    expect(parseStackAuthHeader("not json")).toBeNull();
    expect(parseStackAuthHeader("{")).toBeNull();
    expect(parseStackAuthHeader("42")).toBeNull();
    expect(parseStackAuthHeader("null")).toBeNull();
  });

  it("returns null for a missing or empty header", () => {
    expect(parseStackAuthHeader(null)).toBeNull();
    expect(parseStackAuthHeader(undefined)).toBeNull();
    expect(parseStackAuthHeader("")).toBeNull();
  });

  it("returns null when both tokens are empty", () => {
    expect(parseStackAuthHeader(JSON.stringify({ accessToken: "", refreshToken: "" }))).toBeNull();
  });
});
