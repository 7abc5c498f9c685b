import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const PACKAGES = ["js", "react", "stack", "tanstack-start"];
const distOf = (name: string) => fileURLToPath(new URL(`../../../../packages/${name}/dist/`, import.meta.url));
const require = createRequire(import.meta.url);

describe("the generated SDK packages", () => {
  it.each(PACKAGES)("%s declares the Stack names as deprecated aliases of the Hexclave classes", (name) => {
    const types = readFileSync(`${distOf(name)}index.d.ts`, "utf8");
    for (const kind of ["Client", "Server", "Admin"]) {
      expect(types).toContain(`declare class Hexclave${kind}App`);
      expect(types).toMatch(new RegExp(`/\\*\\* @deprecated[^*]*\\*/\\s*declare const Stack${kind}App: typeof Hexclave${kind}App;`));
    }
  });

  it("@stackframe/js gives the same classes under both names, from ESM and from CommonJS", async () => {
    const esm = await import("@stackframe/js");
    const cjs = require(`${distOf("js")}index.cjs`);
    expect(esm.StackClientApp).toBe(esm.HexclaveClientApp);
    expect(esm.StackServerApp).toBe(esm.HexclaveServerApp);
    expect(cjs.StackAdminApp).toBe(cjs.HexclaveAdminApp);
  });

  it("@stackframe/react keeps one copy of each class across its entries, and the React names twice", async () => {
    const react = await import("@stackframe/react");
    expect(react.StackProvider).toBe(react.HexclaveProvider);
    expect(react.useStackApp).toBe(react.useHexclaveApp);
    expect(react.StackHandler).toBe(react.HexclaveHandler);
    const client = readFileSync(`${distOf("react")}client.js`, "utf8");
    expect(client.startsWith('"use client";')).toBe(true);
    expect(client).not.toContain("class HexclaveClientApp");
    expect(client).not.toContain("class KnownError");
  });
});
