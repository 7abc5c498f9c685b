import { describe, expect, it } from "vitest";
import { formatAuthorizationHeader } from "../auth-header.js";
import { createRequestTokenStore, readTokensFromRequest } from "./request-store.js";

const P = "proj-1";
const headerTokens = { accessToken: "header-at", refreshToken: "header-rt" };
const stackAuthTokens = { accessToken: "x-at", refreshToken: "x-rt" };
const bearer = (tokens: { accessToken: string | null; refreshToken: string | null }, prefix = "hexclave_") =>
  `Bearer ${prefix}${Buffer.from(JSON.stringify(tokens)).toString("base64")}`;
const cookie = (entries: Record<string, string>) =>
  Object.entries(entries)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("; ");
const refreshCookie = (token: string) => JSON.stringify({ refresh_token: token, updated_at_millis: 1 });
const cookieHeader = cookie({ [`hexclave-refresh-${P}--default`]: refreshCookie("cookie-rt"), "hexclave-access": '["cookie-rt","cookie-at"]' });
const cookieTokens = { accessToken: "cookie-at", refreshToken: "cookie-rt" };

describe("readTokensFromRequest", () => {
  it("reads the Authorization header from a fetch Headers object", () => {
    expect(readTokensFromRequest({ headers: new Headers({ Authorization: formatAuthorizationHeader(headerTokens)! }) }, P)).toEqual(headerTokens);
  });

  it("reads the legacy stackauth_ Authorization value", () => {
    expect(readTokensFromRequest({ headers: new Headers({ authorization: bearer(headerTokens, "stackauth_") }) }, P)).toEqual(headerTokens);
  });

  it("reads the Authorization header from a Node-style plain object with lowercase keys", () => {
    expect(readTokensFromRequest({ headers: { authorization: bearer(headerTokens) } }, P)).toEqual(headerTokens);
  });

  it("reads the first value of an array header in a Node-style object", () => {
    expect(readTokensFromRequest({ headers: { authorization: [bearer(headerTokens), bearer(stackAuthTokens)] } }, P)).toEqual(headerTokens);
    expect(readTokensFromRequest({ headers: { "x-stack-auth": [JSON.stringify(stackAuthTokens)] } }, P)).toEqual(stackAuthTokens);
  });

  it("reads the x-stack-auth header from Headers and from a plain object", () => {
    expect(readTokensFromRequest({ headers: new Headers({ "X-Stack-Auth": JSON.stringify(stackAuthTokens) }) }, P)).toEqual(stackAuthTokens);
    expect(readTokensFromRequest({ headers: { "x-stack-auth": JSON.stringify(stackAuthTokens) } }, P)).toEqual(stackAuthTokens);
  });

  it("reads the session cookies from Headers and from a plain object", () => {
    expect(readTokensFromRequest({ headers: new Headers({ cookie: cookieHeader }) }, P)).toEqual(cookieTokens);
    expect(readTokensFromRequest({ headers: { cookie: cookieHeader } }, P)).toEqual(cookieTokens);
  });

  it("prefers Authorization over x-stack-auth and cookies", () => {
    const headers = { authorization: bearer(headerTokens), "x-stack-auth": JSON.stringify(stackAuthTokens), cookie: cookieHeader };
    expect(readTokensFromRequest({ headers }, P)).toEqual(headerTokens);
    expect(readTokensFromRequest({ headers: new Headers(headers) }, P)).toEqual(headerTokens);
  });

  it("prefers x-stack-auth over cookies", () => {
    expect(readTokensFromRequest({ headers: { "x-stack-auth": JSON.stringify(stackAuthTokens), cookie: cookieHeader } }, P)).toEqual(stackAuthTokens);
  });

  it("falls through a non-SDK Authorization value to x-stack-auth, then cookies", () => {
    const jwt = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln";
    expect(readTokensFromRequest({ headers: { authorization: jwt, "x-stack-auth": JSON.stringify(stackAuthTokens) } }, P)).toEqual(stackAuthTokens);
    expect(readTokensFromRequest({ headers: { authorization: "Basic dTpw", cookie: cookieHeader } }, P)).toEqual(cookieTokens);
  });

  it("falls through a malformed x-stack-auth header to cookies", () => {
    expect(readTokensFromRequest({ headers: { "x-stack-auth": "garbage", cookie: cookieHeader } }, P)).toEqual(cookieTokens);
  });

  it("reads stack-only cookies", () => {
    const header = cookie({ [`stack-refresh-${P}--default`]: refreshCookie("stack-rt"), "stack-access": '["stack-rt","stack-at"]' });
    expect(readTokensFromRequest({ headers: { cookie: header } }, P)).toEqual({ accessToken: "stack-at", refreshToken: "stack-rt" });
  });

  it("reads the legacy single-value refresh cookie without exposing the legacy flag", () => {
    const tokens = readTokensFromRequest({ headers: { cookie: `stack-refresh-${P}=legacy-rt` } }, P);
    expect(tokens).toEqual({ accessToken: null, refreshToken: "legacy-rt" });
    expect(tokens).not.toHaveProperty("fromLegacyCookie");
  });

  it("prefers hexclave cookies over stack cookies", () => {
    const header = cookie({ [`stack-refresh-${P}--default`]: refreshCookie("stack-rt"), [`hexclave-refresh-${P}--default`]: refreshCookie("hexclave-rt") });
    expect(readTokensFromRequest({ headers: { cookie: header } }, P).refreshToken).toBe("hexclave-rt");
  });

  it("ignores an access cookie that belongs to another refresh token", () => {
    const header = cookie({ [`hexclave-refresh-${P}--default`]: refreshCookie("rt"), "hexclave-access": '["other-rt","at"]' });
    expect(readTokensFromRequest({ headers: { cookie: header } }, P)).toEqual({ accessToken: null, refreshToken: "rt" });
  });

  it("returns empty tokens for a request without credentials", () => {
    expect(readTokensFromRequest({ headers: {} }, P)).toEqual({ accessToken: null, refreshToken: null });
    expect(readTokensFromRequest({ headers: new Headers({ cookie: "theme=dark" }) }, P)).toEqual({ accessToken: null, refreshToken: null });
  });
});

describe("createRequestTokenStore", () => {
  it("reads the request's tokens and keeps writes in the store only", async () => {
    const headers = { authorization: bearer(headerTokens) };
    const store = createRequestTokenStore({ headers }, P);
    expect(await store.read()).toEqual(headerTokens);
    await store.write({ accessToken: "new-at", refreshToken: "header-rt" });
    expect(await store.read()).toEqual({ accessToken: "new-at", refreshToken: "header-rt" });
    expect(headers.authorization).toBe(bearer(headerTokens));
  });
});
