import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const FRAMEWORK_PACKAGES = ["react", "stack", "tanstack-start"];
const distOf = (name: string) => fileURLToPath(new URL(`../../../../packages/${name}/dist/`, import.meta.url));
const require = createRequire(import.meta.url);

describe("the generated SDK packages", () => {
  it("@stackframe/js declares the Stack names as deprecated aliases of the Hexclave classes", () => {
    // Its two entries share one declaration file, so a class has one type whichever entry names it.
    const index = readFileSync(`${distOf("js")}index.d.ts`, "utf8");
    const shared = [...index.matchAll(/from '\.\/([^']+)\.js'/g)].map((match) => readFileSync(`${distOf("js")}${match[1]}.d.ts`, "utf8"));
    const types = [index, ...shared].join("\n");
    for (const kind of ["Client", "Server", "Admin"]) {
      expect(types).toContain(`declare class Hexclave${kind}App`);
      expect(types).toMatch(new RegExp(`/\\*\\* @deprecated[^*]*\\*/\\s*declare const Stack${kind}App: typeof Hexclave${kind}App;`));
    }
  });

  it.each(FRAMEWORK_PACKAGES)("%s is built on @stackframe/js at the same version, carrying none of its code", (name) => {
    const manifest = JSON.parse(readFileSync(`${distOf(name)}../package.json`, "utf8"));
    expect(manifest.dependencies["@stackframe/js"]).toBe("workspace:*");
    expect(readFileSync(`${distOf(name)}index.d.ts`, "utf8")).toMatch(/^export \* from '@stackframe\/js';/);
    for (const file of ["index.js", "client.js"]) {
      const code = readFileSync(`${distOf(name)}${file}`, "utf8");
      expect(code).not.toContain("class HexclaveClientApp");
      expect(code).not.toContain("class KnownError");
    }
  });

  it("@stackframe/react gives the very classes of @stackframe/js", async () => {
    const [js, react] = await Promise.all([import("@stackframe/js"), import("@stackframe/react")]);
    expect(react.HexclaveClientApp).toBe(js.HexclaveClientApp);
    expect(react.KnownErrors).toBe(js.KnownErrors);
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
