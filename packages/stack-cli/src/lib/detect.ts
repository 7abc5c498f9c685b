import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "./ui";

export type Framework = "nextjs" | "tanstack-start" | "react-vite" | "node";
export type PackageManager = "pnpm" | "yarn" | "bun" | "npm";

export type PackageJson = { name?: string; type?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

export const SDK_PACKAGES: Record<Framework, string> = {
  nextjs: "@hexclave/next",
  "tanstack-start": "@hexclave/tanstack-start",
  "react-vite": "@hexclave/react",
  node: "@hexclave/js",
};

export const FRAMEWORK_NAMES: Record<Framework, string> = {
  nextjs: "Next.js (App Router)",
  "tanstack-start": "TanStack Start",
  "react-vite": "React with Vite",
  node: "Node.js / plain JavaScript",
};

export function readPackageJson(dir: string): PackageJson {
  const path = join(dir, "package.json");
  if (!existsSync(path)) throw new CliError(`No package.json in ${dir}: run init in your app's folder (or create the app first, e.g. \`npm init -y\`).`);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as PackageJson;
  } catch {
    throw new CliError(`${path} is not valid JSON.`);
  }
}

/** Other UI frameworks we have no SDK layer for: refusing beats writing React files into them. */
const UNSUPPORTED = ["vue", "nuxt", "svelte", "@sveltejs/kit", "solid-js", "@angular/core", "astro", "@remix-run/react", "preact", "@builder.io/qwik"];

export type Detected = { framework: Framework; appDir?: string };

/**
 * Next.js counts only with an App Router folder (app/ or src/app/); TanStack Start before React/Vite, since
 * a Start app has both.
 */
export function detectFramework(dir: string, pkg: PackageJson, exists: (path: string) => boolean = existsSync): Detected {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  if (deps.next) {
    const appDir = ["app", "src/app"].find((candidate) => exists(join(dir, candidate)));
    if (!appDir) throw new CliError("This Next.js app has no app/ folder: only the App Router is supported (the Pages Router is not).");
    return { framework: "nextjs", appDir };
  }
  if (deps["@tanstack/react-start"]) return { framework: "tanstack-start" };
  if (deps.vite && deps.react) return { framework: "react-vite" };
  const other = UNSUPPORTED.find((name) => deps[name]);
  if (other) throw new CliError(`Unsupported framework (${other}). Hexclave's SDKs cover Next.js, TanStack Start, React with Vite and plain Node.js; for others use @hexclave/js directly.`);
  return { framework: "node" };
}

const LOCKFILES: [string, PackageManager][] = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lockb", "bun"],
  ["bun.lock", "bun"],
  ["package-lock.json", "npm"],
];

export function detectPackageManager(dir: string, exists: (path: string) => boolean = existsSync): PackageManager {
  return LOCKFILES.find(([file]) => exists(join(dir, file)))?.[1] ?? "npm";
}

export function installCommand(pm: PackageManager, pkg: string): [string, string[]] {
  return pm === "npm" ? ["npm", ["install", pkg]] : [pm, ["add", pkg]];
}
