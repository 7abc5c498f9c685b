// Unit tests of the release scripts' pure rules (they live in scripts/, which has no test runner of its own).
import { describe, expect, it } from "vitest";
import { hexclaveName, packagingProblems, rewriteManifest, rewriteSpecifiers } from "../../../../scripts/release/hexclave-rewrite";

const PUBLISHED = ["@stackframe/js", "@stackframe/react", "@stackframe/stack", "@stackframe/stack-shared", "@stackframe/stack-cli"];
const OPTIONS = { published: PUBLISHED, version: "2.9.0", repository: "https://example.test/repo", homepage: "https://example.test", directory: "packages/x" };

describe("hexclaveName", () => {
  it("maps the renamed packages and keeps the rest's short name", () => {
    expect(hexclaveName("@stackframe/stack")).toBe("@hexclave/next");
    expect(hexclaveName("@stackframe/stack-shared")).toBe("@hexclave/shared");
    expect(hexclaveName("@stackframe/stack-cli")).toBe("@hexclave/cli");
    expect(hexclaveName("@stackframe/js")).toBe("@hexclave/js");
    expect(hexclaveName("@stackframe/tanstack-start")).toBe("@hexclave/tanstack-start");
    expect(() => hexclaveName("react")).toThrow(/not an @stackframe package/);
  });
});

describe("rewriteManifest", () => {
  it("renames, pins published cross-dependencies to the version and leaves every other field alone", () => {
    const manifest = {
      name: "@stackframe/stack",
      version: "2.8.0",
      description: "d",
      exports: { ".": "./dist/index.js" },
      dependencies: { "@stackframe/js": "^2.8.0", "@stackframe/stack-shared": "2.8.0", jose: "^5.0.0" },
      peerDependencies: { react: ">=19", "@stackframe/unpublished": "1.0.0" },
      sideEffects: false,
    };
    const out = rewriteManifest(manifest, OPTIONS);
    expect(out).toEqual({
      name: "@hexclave/next",
      version: "2.9.0",
      description: "d",
      exports: { ".": "./dist/index.js" },
      dependencies: { "@hexclave/js": "2.9.0", "@hexclave/shared": "2.9.0", jose: "^5.0.0" },
      peerDependencies: { react: ">=19", "@stackframe/unpublished": "1.0.0" },
      sideEffects: false,
      repository: { type: "git", url: "git+https://example.test/repo.git", directory: "packages/x" },
      homepage: "https://example.test",
    });
    expect(manifest.name).toBe("@stackframe/stack");
  });

  it("registers the hexclave binary beside the CLI's existing names", () => {
    expect(rewriteManifest({ name: "@stackframe/stack-cli", version: "1.0.0", bin: { stack: "./dist/index.js" } }, OPTIONS).bin).toEqual({
      stack: "./dist/index.js",
      hexclave: "./dist/index.js",
    });
    expect(rewriteManifest({ name: "@stackframe/stack-cli", version: "1.0.0", bin: "./cli.js" }, OPTIONS).bin).toEqual({
      "stack-cli": "./cli.js",
      hexclave: "./cli.js",
    });
    expect(rewriteManifest({ name: "@stackframe/js", version: "1.0.0" }, OPTIONS).bin).toBeUndefined();
  });
});

describe("rewriteSpecifiers", () => {
  it("renames imports, requires and type imports of published siblings, subpaths included", () => {
    const code = [
      'import { a } from "@stackframe/js";',
      "export * from '@stackframe/stack-shared';",
      'const b = require("@stackframe/stack/client");',
      'const c = await import( "@stackframe/react" );',
      'import "@stackframe/stack-cli";',
      'type T = import("@stackframe/js").User;',
    ].join("\n");
    expect(rewriteSpecifiers(code, PUBLISHED)).toBe(
      [
        'import { a } from "@hexclave/js";',
        "export * from '@hexclave/shared';",
        'const b = require("@hexclave/next/client");',
        'const c = await import( "@hexclave/react" );',
        'import "@hexclave/cli";',
        'type T = import("@hexclave/js").User;',
      ].join("\n"),
    );
  });

  it("leaves strings that are not specifiers, and unpublished or longer names, unchanged", () => {
    const code = [
      'var SDK_PACKAGE = "@stackframe/js";',
      'throw new Error("needs @stackframe/stack for nextjs-cookie");',
      'import x from "@stackframe/stack-ui";',
      'import y from "@stackframe/jsx";',
    ].join("\n");
    expect(rewriteSpecifiers(code, PUBLISHED)).toBe(code);
  });
});

describe("packagingProblems", () => {
  it("names test files and source maps that carry absolute paths", () => {
    const files = [
      { path: "dist/index.js" },
      { path: "dist/index.test.js" },
      { path: "dist/__tests__/a.js" },
      { path: "dist/ok.js.map", content: JSON.stringify({ sources: ["../src/index.ts"] }) },
      { path: "dist/bad.js.map", content: JSON.stringify({ sources: ["/home/ci/work/src/index.ts"] }) },
      { path: "dist/url.js.map", content: JSON.stringify({ sources: ["file:///C:/work/src/index.ts"] }) },
    ];
    expect(packagingProblems(files)).toEqual([
      "dist/index.test.js is a test file",
      "dist/__tests__/a.js is a test file",
      "dist/bad.js.map names the local path /home/ci/work/src/index.ts",
      "dist/url.js.map names the local path file:///C:/work/src/index.ts",
    ]);
  });
});
