import { describe, expect, it } from "vitest";
import { normalizeRequestHeaders } from "./request-headers";

describe("normalizeRequestHeaders", () => {
  it("reads x-stack-* alone", () => {
    expect(normalizeRequestHeaders(new Headers({ "x-stack-project-id": "internal" }))).toEqual({ "project-id": "internal" });
  });

  it("reads x-hexclave-* alone", () => {
    expect(normalizeRequestHeaders(new Headers({ "X-Hexclave-Access-Type": "client" }))).toEqual({ "access-type": "client" });
  });

  it("mixes prefixes header by header and prefers Hexclave on conflict", () => {
    const headers = new Headers({
      "x-stack-project-id": "internal",
      "x-hexclave-access-type": "server",
      "x-stack-access-type": "client",
    });
    expect(normalizeRequestHeaders(headers)).toEqual({ "project-id": "internal", "access-type": "server" });
  });

  it("treats empty values as absent", () => {
    expect(normalizeRequestHeaders(new Headers({ "x-stack-secret-server-key": "" }))).toEqual({});
  });
});
