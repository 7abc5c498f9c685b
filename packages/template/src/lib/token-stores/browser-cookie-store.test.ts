import { afterEach, describe, expect, it, vi } from "vitest";
import { createBrowserCookieTokenStore, isBrowser } from "./browser-cookie-store.js";

const P = "proj-1";
const refreshValue = (token: string, updatedAt = 1) => JSON.stringify({ refresh_token: token, updated_at_millis: updatedAt });

/** A cookie jar behind a fake `document.cookie`: values are stored as assigned (URI-encoded). */
function installBrowser(protocol: "http:" | "https:", initial: Record<string, string> = {}) {
  const jar = new Map<string, string>(Object.entries(initial).map(([name, value]) => [name, encodeURIComponent(value)]));
  const assignments: string[] = [];
  const document = {
    get cookie() {
      return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    },
    set cookie(assignment: string) {
      assignments.push(assignment);
      const [pair = "", ...attributes] = assignment.split(";").map((part) => part.trim());
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const maxAge = attributes.find((attribute) => attribute.toLowerCase().startsWith("max-age="));
      if (maxAge !== undefined && Number(maxAge.slice("max-age=".length)) <= 0) jar.delete(name);
      else jar.set(name, pair.slice(index + 1));
    },
  };
  vi.stubGlobal("document", document);
  vi.stubGlobal("window", { location: { protocol } });
  /** The jar's names and decoded values. */
  const decoded = () => Object.fromEntries([...jar].map(([name, value]) => [name, decodeURIComponent(value)]));
  return { jar, assignments, decoded };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("createBrowserCookieTokenStore", () => {
  it("detects the fake browser and its absence", () => {
    expect(isBrowser()).toBe(false);
    installBrowser("http:");
    expect(isBrowser()).toBe(true);
  });

  it("writes the refresh and access cookies under both brands over http", async () => {
    const { decoded } = installBrowser("http:");
    await createBrowserCookieTokenStore(P).write({ refreshToken: "rt", accessToken: "at" });
    const cookies = decoded();
    expect(Object.keys(cookies).sort()).toEqual(["hexclave-access", `hexclave-refresh-${P}--default`, "stack-access", `stack-refresh-${P}--default`]);
    expect(JSON.parse(cookies[`hexclave-refresh-${P}--default`]!)).toMatchObject({ refresh_token: "rt" });
    expect(JSON.parse(cookies[`stack-refresh-${P}--default`]!)).toMatchObject({ refresh_token: "rt" });
    expect(cookies["hexclave-access"]).toBe('["rt","at"]');
    expect(cookies["stack-access"]).toBe('["rt","at"]');
  });

  it("writes __Host- refresh cookies with Secure over https", async () => {
    const { decoded, assignments } = installBrowser("https:");
    await createBrowserCookieTokenStore(P).write({ refreshToken: "rt", accessToken: "at" });
    expect(Object.keys(decoded()).sort()).toEqual([`__Host-hexclave-refresh-${P}--default`, `__Host-stack-refresh-${P}--default`, "hexclave-access", "stack-access"]);
    expect(assignments.every((assignment) => assignment.endsWith("; Secure"))).toBe(true);
    expect(assignments.every((assignment) => assignment.includes("; Path=/;"))).toBe(true);
  });

  it("reads back what it wrote", async () => {
    installBrowser("https:");
    const store = createBrowserCookieTokenStore(P);
    await store.write({ refreshToken: "rt", accessToken: "at" });
    expect(await store.read()).toEqual({ refreshToken: "rt", accessToken: "at" });
  });

  it("prefers the hexclave cookies over the stack ones on read", async () => {
    installBrowser("http:", {
      [`stack-refresh-${P}--default`]: refreshValue("stack-rt", 999),
      "stack-access": '["stack-rt","stack-at"]',
      [`hexclave-refresh-${P}--default`]: refreshValue("hexclave-rt", 1),
      "hexclave-access": '["hexclave-rt","hexclave-at"]',
    });
    expect(await createBrowserCookieTokenStore(P).read()).toEqual({ refreshToken: "hexclave-rt", accessToken: "hexclave-at" });
  });

  it("reads a stack-only jar without rewriting it", async () => {
    const { assignments } = installBrowser("http:", { [`stack-refresh-${P}--default`]: refreshValue("stack-rt"), "stack-access": '["stack-rt","at"]' });
    expect(await createBrowserCookieTokenStore(P).read()).toEqual({ refreshToken: "stack-rt", accessToken: "at" });
    expect(assignments).toEqual([]);
  });

  it("reads a legacy stack-refresh jar and rewrites it to the new names, deleting stack-refresh", async () => {
    const { decoded } = installBrowser("http:", { "stack-refresh": "legacy-rt" });
    expect(await createBrowserCookieTokenStore(P).read()).toEqual({ refreshToken: "legacy-rt", accessToken: null });
    const cookies = decoded();
    expect(cookies).not.toHaveProperty("stack-refresh");
    expect(Object.keys(cookies).sort()).toEqual([`hexclave-refresh-${P}--default`, `stack-refresh-${P}--default`]);
    expect(JSON.parse(cookies[`hexclave-refresh-${P}--default`]!)).toMatchObject({ refresh_token: "legacy-rt" });
    expect(JSON.parse(cookies[`stack-refresh-${P}--default`]!)).toMatchObject({ refresh_token: "legacy-rt" });
  });

  it("rewrites a legacy per-project cookie with its matching access cookie", async () => {
    const { decoded } = installBrowser("https:", { [`stack-refresh-${P}`]: "legacy-rt", "stack-access": '["legacy-rt","at"]' });
    const store = createBrowserCookieTokenStore(P);
    expect(await store.read()).toEqual({ refreshToken: "legacy-rt", accessToken: "at" });
    expect(Object.keys(decoded()).sort()).toEqual([`__Host-hexclave-refresh-${P}--default`, `__Host-stack-refresh-${P}--default`, "hexclave-access", "stack-access"]);
    expect(await store.read()).toEqual({ refreshToken: "legacy-rt", accessToken: "at" });
  });

  it("clears every session cookie of both brands on a write of {null, null}", async () => {
    const { decoded } = installBrowser("http:", {
      [`hexclave-refresh-${P}--default`]: refreshValue("rt"),
      [`stack-refresh-${P}--default`]: refreshValue("rt"),
      [`stack-refresh-${P}`]: "legacy",
      "stack-refresh": "ancient",
      "hexclave-access": '["rt","at"]',
      "stack-access": '["rt","at"]',
      theme: "dark",
    });
    const store = createBrowserCookieTokenStore(P);
    await store.write({ refreshToken: null, accessToken: null });
    expect(decoded()).toEqual({ theme: "dark" });
    expect(await store.read()).toEqual({ refreshToken: null, accessToken: null });
  });

  it("is inert without a browser", async () => {
    const store = createBrowserCookieTokenStore(P);
    expect(await store.read()).toEqual({ refreshToken: null, accessToken: null });
    expect(() => store.write({ refreshToken: "rt", accessToken: "at" })).not.toThrow();
  });
});
