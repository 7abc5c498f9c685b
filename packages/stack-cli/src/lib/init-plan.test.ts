import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chooseSdk, planInit } from "./init-plan";
import { writePlannedFiles } from "./plan";

const examples = join(dirname(fileURLToPath(import.meta.url)), "../../../../examples");

function copyExample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `hexclave-cli-${name}-`));
  cpSync(join(examples, name), dir, { recursive: true, filter: (src) => !/node_modules|\.next|dist|\.turbo/.test(src.slice(examples.length)) });
  return dir;
}

function app(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "hexclave-cli-app-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe("planInit", () => {
  it("keeps the Stack Auth package an app already depends on", () => {
    expect(chooseSdk("nextjs", { dependencies: { "@stackframe/stack": "1" } })).toEqual({ sdk: "@stackframe/stack", install: false });
    expect(chooseSdk("node", {})).toEqual({ sdk: "@hexclave/js", install: true });
  });

  it("leaves the hand-written parts of the Next.js example alone", () => {
    const plan = planInit(copyExample("nextjs"));
    expect(plan.framework).toBe("nextjs");
    const states = Object.fromEntries(plan.files.map((f) => [f.path, f.state]));
    expect(states).toMatchObject({ "app/layout.tsx": "set-up", "app/handler/[...stack]/page.tsx": "same", "proxy.ts": "set-up", "hexclave/server.ts": "create" });
  });

  it("plans nothing on a second run", () => {
    for (const name of ["nextjs", "tanstack-start", "node-script"]) {
      const dir = copyExample(name);
      writePlannedFiles(dir, planInit(dir).files.filter((f) => f.state === "create"));
      expect(planInit(dir).files.filter((f) => f.state === "create" || f.state === "conflict")).toEqual([]);
    }
  });

  it("flags a user's own root file as a conflict", () => {
    const dir = app({ "package.json": JSON.stringify({ dependencies: { react: "19" }, devDependencies: { vite: "8" } }), "src/main.tsx": "render(<App />)" });
    const plan = planInit(dir);
    expect(plan.framework).toBe("react-vite");
    expect(plan.packageManager).toBe("npm");
    expect(plan.files.find((f) => f.path === "src/main.tsx")?.state).toBe("conflict");
    expect(plan.files.find((f) => f.path === "src/main.tsx")?.note).toContain("<HexclaveRoot><App /></HexclaveRoot>");
  });

  // Regression: init set TanStack Start's CSP middleware up but not the router's nonce, so the /handler pages' scripts were blocked.
  it("plans the TanStack router with the CSP nonce: written, added to an app's own router, or flagged when it sets ssr itself", () => {
    const pkg = JSON.stringify({ dependencies: { "@tanstack/react-start": "1", react: "19" }, devDependencies: { vite: "8" } });
    const fresh = planInit(app({ "package.json": pkg })).files.find((f) => f.path === "src/router.tsx");
    expect(fresh).toMatchObject({ state: "create", content: expect.stringContaining("ssr: { nonce: hexclaveCspNonce() }") });
    const own = planInit(app({ "package.json": pkg, "src/router.tsx": "export const getRouter = () => createRouter({ routeTree });" }));
    expect(own.files.find((f) => f.path === "src/router.tsx")).toMatchObject({ state: "edit", content: expect.stringContaining("routeTree, ssr: { nonce: hexclaveCspNonce() } }") });
    const ssr = planInit(app({ "package.json": pkg, "src/router.tsx": "export const getRouter = () => createRouter({ routeTree, ssr: {} });" }));
    expect(ssr.files.find((f) => f.path === "src/router.tsx")?.state).toBe("conflict");
  });

  it("edits each starter's own entry files in place, and plans nothing on a second run", () => {
    const starter = (name: string) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), "wire/starters", name), "utf8");
    const apps: Record<string, Record<string, string>> = {
      next: { "package.json": JSON.stringify({ dependencies: { next: "16", react: "19" } }), "app/layout.tsx": starter("create-next-app.layout.tsx.txt") },
      vite: { "package.json": JSON.stringify({ dependencies: { react: "19" }, devDependencies: { vite: "8" } }), "src/main.tsx": starter("create-vite-react-ts.main.tsx.txt") },
      start: {
        "package.json": JSON.stringify({ dependencies: { "@tanstack/react-start": "1", react: "19" } }),
        "src/routes/__root.tsx": starter("tanstack-start.root.tsx.txt"),
        "src/router.tsx": starter("tanstack-start.router.tsx.txt"),
      },
    };
    for (const files of Object.values(apps)) {
      const dir = app(files);
      const plan = planInit(dir);
      const edits = plan.files.filter((f) => f.state === "edit").map((f) => f.path);
      expect(edits.sort()).toEqual(Object.keys(files).filter((path) => path !== "package.json").sort());
      writePlannedFiles(dir, plan.files.filter((f) => f.state === "create" || f.state === "edit"));
      expect(planInit(dir).files.filter((f) => f.state !== "same" && f.state !== "set-up")).toEqual([]);
    }
  });

  it("refuses an empty folder, an unsupported framework and an existing config, writing nothing", () => {
    const empty = app({});
    expect(() => planInit(empty)).toThrowError(/No package.json/);
    const vue = app({ "package.json": JSON.stringify({ dependencies: { vue: "3" } }) });
    expect(() => planInit(vue)).toThrowError(/Unsupported framework/);
    const configured = app({ "package.json": "{}", "stack.config.ts": "export const config = {};" });
    expect(() => planInit(configured)).toThrowError(/already exists/);
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(configured).sort()).toEqual(["package.json", "stack.config.ts"]);
  });
});
