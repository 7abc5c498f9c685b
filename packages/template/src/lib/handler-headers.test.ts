import { describe, expect, it } from "vitest";
import { createCspNonce, handlerPageHeaders, isHandlerPath } from "./handler-headers.js";

function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(csp.split(";").map((directive) => directive.trim().split(/\s+/)).map(([name = "", ...sources]) => [name, sources]));
}

describe("isHandlerPath", () => {
  it("matches the handler and the pages below it, nothing that only starts alike", () => {
    expect(isHandlerPath("/handler")).toBe(true);
    expect(isHandlerPath("/handler/password-reset")).toBe(true);
    expect(isHandlerPath("/handlers")).toBe(false);
    expect(isHandlerPath("/")).toBe(false);
    expect(isHandlerPath("/auth/sign-in", "/auth/")).toBe(true);
  });
});

describe("createCspNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createCspNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("handlerPageHeaders", () => {
  const headers = handlerPageHeaders({ nonce: "abc123==", apiUrl: "https://api.example/some/path" });
  const csp = directives(headers["Content-Security-Policy"]);

  it("sends no Referer, so a code in the address never reaches another site", () => {
    expect(headers["Referrer-Policy"]).toBe("no-referrer");
  });

  it("runs only scripts that carry the nonce, and no code from strings outside development", () => {
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(directives(handlerPageHeaders({ nonce: "n", development: true })["Content-Security-Policy"])["script-src"]).toContain("'unsafe-eval'");
  });

  it("lets the page call only its own origin and the API's", () => {
    expect(csp["connect-src"]).toEqual(["'self'", "https://api.example"]);
  });

  it("cannot be framed, re-based, or submit forms elsewhere", () => {
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'none'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
  });
});
