import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hexclaveTwinOf } from "@stackframe/stack-shared";
import { describe, expect, it } from "vitest";

// docs/configuration.md is where operators look up a variable, so every one the code reads must be there, twin and all.

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const BACKEND_SRC = join(ROOT, "apps/backend/src");

function backendSources(): string[] {
  return readdirSync(BACKEND_SRC, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".ts") && !path.endsWith(".test.ts"))
    .map((path) => join(BACKEND_SRC, path));
}

/** Names passed as a literal to the env helper or a wrapper of it (`readEnv`, `intEnv`, `portEnv`, …). */
function namesReadThroughTheHelper(source: string): string[] {
  return [...source.matchAll(/\b\w*Env\(\s*"([A-Z][A-Z0-9_]*)"/g)].map((match) => match[1]!);
}

/** The SDKs read each variable by its literal name (bundlers inline only those): `process.env.NAME` or `viteEnv().NAME`. */
function namesReadBySdks(): string[] {
  const source = readFileSync(join(ROOT, "packages/template/src/lib/env.ts"), "utf8");
  return [...source.matchAll(/(?:process\.env|viteEnv\(\))\.([A-Z][A-Z0-9]*_[A-Z0-9_]+)/g)].map((match) => match[1]!);
}

const docs = readFileSync(join(ROOT, "docs/configuration.md"), "utf8");
const backendNames = new Set(backendSources().flatMap((file) => namesReadThroughTheHelper(readFileSync(file, "utf8"))));
const devScriptNames = new Set(namesReadThroughTheHelper(readFileSync(join(ROOT, "scripts/dev.mjs"), "utf8")));
const sdkNames = new Set(namesReadBySdks());

describe("docs/configuration.md", () => {
  it("finds the variables it checks (the patterns still match the code)", () => {
    expect([...backendNames]).toEqual(expect.arrayContaining(["STACK_SERVER_SECRET", "STACK_DEV", "PORT", "HOST", "NODE_ENV"]));
    expect([...devScriptNames]).toEqual(expect.arrayContaining(["STACK_BACKEND_PORT", "STACK_MAILDEV_SMTP_PORT"]));
    expect([...sdkNames]).toEqual(expect.arrayContaining(["NEXT_PUBLIC_HEXCLAVE_PROJECT_ID", "VITE_STACK_API_URL"]));
  });

  for (const [reader, names] of [
    ["the backend", backendNames],
    ["pnpm dev", devScriptNames],
    ["the SDKs", sdkNames],
  ] as const) {
    it(`names every variable read by ${reader}, with its HEXCLAVE_ twin`, () => {
      const missing = [...names].flatMap((name) => [name, hexclaveTwinOf(name)]).filter((name) => name !== null && !docs.includes(`\`${name}\``));
      expect(missing).toEqual([]);
    });
  }

  it("has the backend read the environment only through the helper", () => {
    const direct = backendSources().filter((file) => /\bprocess\.env\b/.test(readFileSync(file, "utf8")));
    expect(direct).toEqual([]);
  });
});
