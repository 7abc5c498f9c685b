import { describe, expect, it } from "vitest";
import { attachInternals, hexclaveAppInternalsSymbol, stackAppInternalsSymbol } from "./internals.js";
import { HexclaveClientApp, StackClientApp } from "./public-api.js";

const HEXCLAVE = Symbol.for("Hexclave--app-internals");
const STACK = Symbol.for("StackAuth--DO-NOT-USE-OR-YOU-WILL-BE-FIRED--StackAppInternals");

describe("attachInternals", () => {
  it("exports the two global symbols", () => {
    expect(hexclaveAppInternalsSymbol).toBe(HEXCLAVE);
    expect(stackAppInternalsSymbol).toBe(STACK);
  });

  it("puts the same object under the Hexclave and the Stack symbol", () => {
    const target = {};
    const internals = { marker: 1 };
    attachInternals(target, internals);
    expect((target as Record<symbol, unknown>)[HEXCLAVE]).toBe(internals);
    expect((target as Record<symbol, unknown>)[STACK]).toBe(internals);
  });

  it("makes both properties non-enumerable", () => {
    const target = {};
    attachInternals(target, {});
    expect(Object.getOwnPropertyDescriptor(target, HEXCLAVE)?.enumerable).toBe(false);
    expect(Object.getOwnPropertyDescriptor(target, STACK)?.enumerable).toBe(false);
    expect(Object.keys(target)).toEqual([]);
    expect(JSON.stringify({ ...target })).toBe("{}");
  });
});

describe("HexclaveClientApp internals", () => {
  it("has the same internals under both symbols", () => {
    const app = new HexclaveClientApp({ projectId: "p", baseUrl: "http://127.0.0.1:1", tokenStore: "memory" });
    const hexclave = (app as unknown as Record<symbol, Record<string, unknown>>)[HEXCLAVE];
    expect(hexclave).toBeDefined();
    expect((app as unknown as Record<symbol, unknown>)[STACK]).toBe(hexclave);
    expect(typeof hexclave?.getSession).toBe("function");
    expect(Object.getOwnPropertyDescriptor(app, HEXCLAVE)?.enumerable).toBe(false);
    expect(Object.getOwnPropertyDescriptor(app, STACK)?.enumerable).toBe(false);
  });

  it("keeps StackClientApp as an alias of the same class", () => {
    expect(StackClientApp).toBe(HexclaveClientApp);
  });
});
