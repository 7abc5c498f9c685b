import { describe, expect, it } from "vitest";
import { detectFramework, detectPackageManager, installCommand } from "./detect";

const only = (...paths: string[]) => (path: string) => paths.some((p) => path.endsWith(`/${p}`));

describe("detectFramework", () => {
  it("detects the Next.js App Router by its app folder", () => {
    expect(detectFramework("/a", { dependencies: { next: "16", react: "19" } }, only("app"))).toEqual({ framework: "nextjs", appDir: "app" });
    expect(detectFramework("/a", { dependencies: { next: "16" } }, only("src/app"))).toEqual({ framework: "nextjs", appDir: "src/app" });
  });
  it("refuses a Next.js app without the App Router", () => {
    expect(() => detectFramework("/a", { dependencies: { next: "16" } }, only("pages"))).toThrowError(/App Router/);
  });
  it("detects TanStack Start before React with Vite", () => {
    const pkg = { dependencies: { "@tanstack/react-start": "1", react: "19" }, devDependencies: { vite: "8" } };
    expect(detectFramework("/a", pkg, only()).framework).toBe("tanstack-start");
  });
  it("detects React with Vite", () => {
    expect(detectFramework("/a", { dependencies: { react: "19" }, devDependencies: { vite: "8" } }, only()).framework).toBe("react-vite");
  });
  it("falls back to plain Node.js", () => {
    expect(detectFramework("/a", { dependencies: { express: "5" } }, only()).framework).toBe("node");
    expect(detectFramework("/a", {}, only()).framework).toBe("node");
  });
  it("refuses other UI frameworks", () => {
    expect(() => detectFramework("/a", { dependencies: { vue: "3" }, devDependencies: { vite: "8" } }, only())).toThrowError(/Unsupported framework \(vue\)/);
  });
});

describe("detectPackageManager", () => {
  it("reads the lockfile", () => {
    expect(detectPackageManager("/a", only("pnpm-lock.yaml"))).toBe("pnpm");
    expect(detectPackageManager("/a", only("yarn.lock"))).toBe("yarn");
    expect(detectPackageManager("/a", only("bun.lockb"))).toBe("bun");
    expect(detectPackageManager("/a", only("bun.lock"))).toBe("bun");
    expect(detectPackageManager("/a", only("package-lock.json"))).toBe("npm");
    expect(detectPackageManager("/a", only())).toBe("npm");
  });
  it("installs with each manager's own verb", () => {
    expect(installCommand("npm", "@hexclave/js")).toEqual(["npm", ["install", "@hexclave/js"]]);
    expect(installCommand("pnpm", "@hexclave/js")).toEqual(["pnpm", ["add", "@hexclave/js"]]);
  });
});
