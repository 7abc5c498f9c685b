import { describe, expect, it } from "vitest";
import {
  type CookieMap,
  type CookieWrite,
  accessCookieNames,
  cookieWritesFor,
  legacyRefreshCookieNames,
  parseCookieHeader,
  readTokensFromCookies,
  refreshCookieNames,
  serializeCookie,
} from "./cookies.js";

const P = "proj-1";
const refresh = (token: string, updatedAt = 1000) => JSON.stringify({ refresh_token: token, updated_at_millis: updatedAt });
const access = (refreshToken: string, accessToken: string) => JSON.stringify([refreshToken, accessToken]);

const writesByName = (writes: CookieWrite[]) => new Map(writes.map((write) => [write.name, write]));
const deletedNames = (writes: CookieWrite[]) => writes.filter((write) => write.value === null).map((write) => write.name).sort();
const setNames = (writes: CookieWrite[]) => writes.filter((write) => write.value !== null).map((write) => write.name).sort();

describe("cookie names", () => {
  it("names the refresh cookies of both brands, with __Host- when secure", () => {
    expect(refreshCookieNames(P, false)).toEqual([`hexclave-refresh-${P}--default`, `stack-refresh-${P}--default`]);
    expect(refreshCookieNames(P, true)).toEqual([`__Host-hexclave-refresh-${P}--default`, `__Host-stack-refresh-${P}--default`]);
  });

  it("names the access cookies of both brands and the legacy refresh cookies", () => {
    expect(accessCookieNames()).toEqual(["hexclave-access", "stack-access"]);
    expect(legacyRefreshCookieNames(P)).toEqual([`stack-refresh-${P}`, "stack-refresh"]);
  });
});

describe("readTokensFromCookies", () => {
  it("returns no tokens for an empty jar", () => {
    expect(readTokensFromCookies({}, P)).toEqual({ accessToken: null, refreshToken: null, fromLegacyCookie: false });
  });

  it("prefers the hexclave refresh cookie over the stack one", () => {
    const cookies: CookieMap = {
      [`stack-refresh-${P}--default`]: refresh("stack-rt", 9999),
      [`hexclave-refresh-${P}--default`]: refresh("hexclave-rt", 1),
    };
    expect(readTokensFromCookies(cookies, P)).toMatchObject({ refreshToken: "hexclave-rt", fromLegacyCookie: false });
  });

  it("reads a stack-only structured refresh cookie", () => {
    expect(readTokensFromCookies({ [`stack-refresh-${P}--default`]: refresh("stack-rt") }, P)).toEqual({
      refreshToken: "stack-rt",
      accessToken: null,
      fromLegacyCookie: false,
    });
  });

  it("prefers the stack structured cookie over the legacy names", () => {
    const cookies: CookieMap = {
      [`stack-refresh-${P}`]: "legacy-rt",
      "stack-refresh": "older-rt",
      [`stack-refresh-${P}--default`]: refresh("stack-rt"),
    };
    expect(readTokensFromCookies(cookies, P)).toMatchObject({ refreshToken: "stack-rt", fromLegacyCookie: false });
  });

  it("falls back to the hexclave cookie's stack twin when the hexclave cookie is malformed", () => {
    const cookies: CookieMap = {
      [`hexclave-refresh-${P}--default`]: "not json",
      [`stack-refresh-${P}--default`]: refresh("stack-rt"),
    };
    expect(readTokensFromCookies(cookies, P).refreshToken).toBe("stack-rt");
  });

  it("takes the newest updated_at_millis among several structured cookies of one brand", () => {
    const cookies: CookieMap = {
      [`hexclave-refresh-${P}--default`]: refresh("old", 100),
      [`__Host-hexclave-refresh-${P}--default`]: refresh("newest", 300),
      [`hexclave-refresh-${P}--other`]: refresh("middle", 200),
    };
    expect(readTokensFromCookies(cookies, P).refreshToken).toBe("newest");
  });

  it("reads __Host- prefixed refresh cookies of either brand", () => {
    expect(readTokensFromCookies({ [`__Host-hexclave-refresh-${P}--default`]: refresh("h") }, P).refreshToken).toBe("h");
    expect(readTokensFromCookies({ [`__Host-stack-refresh-${P}--default`]: refresh("s") }, P).refreshToken).toBe("s");
  });

  it("ignores refresh cookies of another project", () => {
    expect(readTokensFromCookies({ "hexclave-refresh-other--default": refresh("x"), "stack-refresh-other": "y" }, P).refreshToken).toBeNull();
  });

  it("reads the legacy per-project cookie and flags it", () => {
    expect(readTokensFromCookies({ [`stack-refresh-${P}`]: "legacy-rt" }, P)).toEqual({
      refreshToken: "legacy-rt",
      accessToken: null,
      fromLegacyCookie: true,
    });
  });

  it("reads the pre-projectId stack-refresh cookie and flags it", () => {
    expect(readTokensFromCookies({ "stack-refresh": "ancient-rt" }, P)).toEqual({
      refreshToken: "ancient-rt",
      accessToken: null,
      fromLegacyCookie: true,
    });
  });

  it("prefers the legacy per-project cookie over the pre-projectId one", () => {
    expect(readTokensFromCookies({ "stack-refresh": "ancient-rt", [`stack-refresh-${P}`]: "legacy-rt" }, P).refreshToken).toBe("legacy-rt");
  });

  it("reads the access token from the access cookie whose refresh token matches", () => {
    const cookies: CookieMap = { [`hexclave-refresh-${P}--default`]: refresh("rt"), "hexclave-access": access("rt", "at") };
    expect(readTokensFromCookies(cookies, P)).toEqual({ refreshToken: "rt", accessToken: "at", fromLegacyCookie: false });
  });

  it("ignores an access cookie whose refresh token does not match", () => {
    const cookies: CookieMap = { [`hexclave-refresh-${P}--default`]: refresh("rt"), "hexclave-access": access("other-rt", "at") };
    expect(readTokensFromCookies(cookies, P)).toEqual({ refreshToken: "rt", accessToken: null, fromLegacyCookie: false });
  });

  it("ignores an access cookie when there is no refresh cookie", () => {
    expect(readTokensFromCookies({ "hexclave-access": access("rt", "at"), "stack-access": access("rt", "at") }, P).accessToken).toBeNull();
  });

  it("uses the stack-access cookie when the hexclave-access cookie belongs to another session", () => {
    const cookies: CookieMap = {
      [`hexclave-refresh-${P}--default`]: refresh("rt"),
      "hexclave-access": access("stale-rt", "stale-at"),
      "stack-access": access("rt", "at"),
    };
    expect(readTokensFromCookies(cookies, P).accessToken).toBe("at");
  });

  it("pairs an access cookie with a legacy refresh cookie", () => {
    expect(readTokensFromCookies({ "stack-refresh": "rt", "stack-access": access("rt", "at") }, P)).toEqual({
      refreshToken: "rt",
      accessToken: "at",
      fromLegacyCookie: true,
    });
  });

  it("ignores malformed access cookies", () => {
    const base: CookieMap = { [`hexclave-refresh-${P}--default`]: refresh("rt") };
    for (const bad of ["at", '["rt"]', '["rt","at","x"]', '["rt", 1]', '["rt"', '{"0":"rt"}']) {
      expect(readTokensFromCookies({ ...base, "hexclave-access": bad }, P).accessToken).toBeNull();
    }
  });
});

describe("cookieWritesFor", () => {
  const signedIn = { refreshToken: "rt", accessToken: "at" };
  const now = 1_700_000_000_000;

  it("writes the refresh cookie under both brands with the structured JSON value", () => {
    const writes = writesByName(cookieWritesFor(signedIn, P, false, {}, now));
    const value = JSON.stringify({ refresh_token: "rt", updated_at_millis: now });
    expect(writes.get(`hexclave-refresh-${P}--default`)).toEqual({ name: `hexclave-refresh-${P}--default`, value, maxAgeSeconds: 365 * 24 * 3600 });
    expect(writes.get(`stack-refresh-${P}--default`)).toEqual({ name: `stack-refresh-${P}--default`, value, maxAgeSeconds: 365 * 24 * 3600 });
  });

  it("writes both access cookies as [refresh, access] JSON", () => {
    const writes = writesByName(cookieWritesFor(signedIn, P, false, {}, now));
    for (const name of ["hexclave-access", "stack-access"]) {
      expect(writes.get(name)).toEqual({ name, value: '["rt","at"]', maxAgeSeconds: 24 * 3600 });
    }
  });

  it("writes exactly the four cookies and deletes nothing into an empty jar", () => {
    const writes = cookieWritesFor(signedIn, P, false, {}, now);
    expect(setNames(writes)).toEqual(["hexclave-access", `hexclave-refresh-${P}--default`, "stack-access", `stack-refresh-${P}--default`]);
    expect(deletedNames(writes)).toEqual([]);
  });

  it("uses __Host- refresh cookie names when secure", () => {
    const writes = cookieWritesFor(signedIn, P, true, {}, now);
    expect(setNames(writes)).toEqual([`__Host-hexclave-refresh-${P}--default`, `__Host-stack-refresh-${P}--default`, "hexclave-access", "stack-access"]);
  });

  it("deletes existing refresh cookies of the other security prefix", () => {
    const existing: CookieMap = {
      [`hexclave-refresh-${P}--default`]: refresh("old"),
      [`stack-refresh-${P}--default`]: refresh("old"),
    };
    expect(deletedNames(cookieWritesFor(signedIn, P, true, existing, now))).toEqual([`hexclave-refresh-${P}--default`, `stack-refresh-${P}--default`]);
    const secureExisting: CookieMap = { [`__Host-stack-refresh-${P}--default`]: refresh("old") };
    expect(deletedNames(cookieWritesFor(signedIn, P, false, secureExisting, now))).toEqual([`__Host-stack-refresh-${P}--default`]);
  });

  it("deletes existing legacy refresh cookies", () => {
    const existing: CookieMap = { [`stack-refresh-${P}`]: "legacy", "stack-refresh": "ancient" };
    const writes = cookieWritesFor(signedIn, P, false, existing, now);
    expect(deletedNames(writes)).toEqual(["stack-refresh", `stack-refresh-${P}`]);
    expect(writes.filter((write) => write.value === null).every((write) => write.maxAgeSeconds === 0)).toBe(true);
  });

  it("does not delete cookies of other projects or unrelated cookies", () => {
    const existing: CookieMap = { "stack-refresh-other--default": refresh("x"), "stack-refresh-other": "y", theme: "dark" };
    expect(deletedNames(cookieWritesFor(signedIn, P, false, existing, now))).toEqual([]);
  });

  it("deletes the access cookies when there is a refresh token but no access token", () => {
    const writes = cookieWritesFor({ refreshToken: "rt", accessToken: null }, P, false, {}, now);
    expect(setNames(writes)).toEqual([`hexclave-refresh-${P}--default`, `stack-refresh-${P}--default`]);
    expect(deletedNames(writes)).toEqual(["hexclave-access", "stack-access"]);
  });

  it("deletes every known cookie of both brands on sign-out, even into an empty jar", () => {
    const writes = cookieWritesFor({ refreshToken: null, accessToken: null }, P, false, {}, now);
    expect(setNames(writes)).toEqual([]);
    expect(deletedNames(writes)).toEqual(
      [
        `__Host-hexclave-refresh-${P}--default`,
        `__Host-stack-refresh-${P}--default`,
        "hexclave-access",
        `hexclave-refresh-${P}--default`,
        "stack-access",
        "stack-refresh",
        `stack-refresh-${P}`,
        `stack-refresh-${P}--default`,
      ].sort(),
    );
    expect(writes.every((write) => write.maxAgeSeconds === 0)).toBe(true);
  });

  it("deletes other-suffix refresh cookies of the project on sign-out", () => {
    const existing: CookieMap = { [`hexclave-refresh-${P}--branch`]: refresh("x"), [`__Host-stack-refresh-${P}--branch`]: refresh("y") };
    const deleted = deletedNames(cookieWritesFor({ refreshToken: null, accessToken: null }, P, true, existing, now));
    expect(deleted).toContain(`hexclave-refresh-${P}--branch`);
    expect(deleted).toContain(`__Host-stack-refresh-${P}--branch`);
  });

  it("reads back the tokens it wrote", () => {
    const jar: CookieMap = {};
    for (const write of cookieWritesFor(signedIn, P, true, {}, now)) if (write.value !== null) jar[write.name] = write.value;
    expect(readTokensFromCookies(jar, P)).toEqual({ ...signedIn, fromLegacyCookie: false });
  });
});

describe("serializeCookie / parseCookieHeader", () => {
  it("serializes a cookie with Path, Max-Age and SameSite, and Secure only when secure", () => {
    const write = { name: "n", value: "v", maxAgeSeconds: 60 };
    expect(serializeCookie(write, false)).toBe("n=v; Path=/; Max-Age=60; SameSite=Lax");
    expect(serializeCookie(write, true)).toBe("n=v; Path=/; Max-Age=60; SameSite=Lax; Secure");
  });

  it("serializes a deletion as an empty value with Max-Age=0", () => {
    expect(serializeCookie({ name: "n", value: null, maxAgeSeconds: 999 }, false)).toBe("n=; Path=/; Max-Age=0; SameSite=Lax");
  });

  it("URI-encodes JSON values so they contain no cookie separators", () => {
    const serialized = serializeCookie({ name: "stack-access", value: '["r t;1","a,2"]', maxAgeSeconds: 1 }, false);
    const [pair] = serialized.split("; ");
    expect(pair).toBe(`stack-access=${encodeURIComponent('["r t;1","a,2"]')}`);
    expect(pair).not.toMatch(/[ ;,"]/);
  });

  it("round-trips JSON values through serialize and parse", () => {
    const values = [refresh("rt-1", 123), access("rt-1", "at-1"), '{"weird":"; = , %"}'];
    for (const value of values) {
      const [pair] = serializeCookie({ name: "c", value, maxAgeSeconds: 10 }, true).split("; ");
      expect(parseCookieHeader(pair)).toEqual({ c: value });
    }
  });

  it("parses a document.cookie style header into a map", () => {
    expect(parseCookieHeader("a=1; b=%7B%22x%22%3A1%7D;c=3 ; d=")).toEqual({ a: "1", b: '{"x":1}', c: "3", d: "" });
  });

  it("keeps the first of duplicate cookie names", () => {
    expect(parseCookieHeader("a=1; a=2")).toEqual({ a: "1" });
  });

  it("keeps a value that is not valid URI encoding as it is", () => {
    expect(parseCookieHeader("a=%E0%A4%A")).toEqual({ a: "%E0%A4%A" });
  });

  // Regression: names inherited from Object.prototype used to count as already seen, and the cookie was dropped.
  it("keeps cookies whose names are Object.prototype members", () => {
    expect(parseCookieHeader("constructor=1; toString=2; a=3")).toEqual({ constructor: "1", toString: "2", a: "3" });
  });

  it("returns an empty map for a missing header and skips parts without =", () => {
    expect(parseCookieHeader(null)).toEqual({});
    expect(parseCookieHeader(undefined)).toEqual({});
    expect(parseCookieHeader("flag; a=1")).toEqual({ a: "1" });
  });
});
