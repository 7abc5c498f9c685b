import { existsSync } from "node:fs";
import { join } from "node:path";
import { findConfigFile } from "./config-file";
import { type Framework, type PackageJson, type PackageManager, SDK_PACKAGES, detectFramework, detectPackageManager, readPackageJson } from "./detect";
import { type PlannedFile, type ReadFile, planFiles, readIfExists } from "./plan";
import { CONFIG_FILE, type Scaffold, scaffoldFor } from "./templates";
import { CliError } from "./ui";

/** The workspace names the same SDKs have under the Stack Auth brand: an app that uses one keeps it. */
const STACKFRAME_TWINS: Record<string, string> = {
  "@hexclave/next": "@stackframe/stack",
  "@hexclave/react": "@stackframe/react",
  "@hexclave/tanstack-start": "@stackframe/tanstack-start",
  "@hexclave/js": "@stackframe/js",
};

export type InitPlan = {
  dir: string;
  framework: Framework;
  packageManager: PackageManager;
  /** The SDK package the files import; `install` is false when the app already depends on it. */
  sdk: string;
  install: boolean;
  scaffold: Scaffold;
  files: PlannedFile[];
};

export function chooseSdk(framework: Framework, pkg: PackageJson): { sdk: string; install: boolean } {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const hexclave = SDK_PACKAGES[framework];
  if (deps[hexclave]) return { sdk: hexclave, install: false };
  const twin = STACKFRAME_TWINS[hexclave];
  if (twin && deps[twin]) return { sdk: twin, install: false };
  return { sdk: hexclave, install: true };
}

/** A config file init did not write means the app is set up already; init does not guess how to merge it. */
function refuseForeignConfig(dir: string, read: ReadFile): void {
  const found = findConfigFile(dir);
  if (!found) return;
  if (found.endsWith("hexclave.config.ts") && read(found) === CONFIG_FILE().content) return;
  throw new CliError(`${found} already exists, so this app looks set up. Edit it and run \`hexclave config push\`; init changed nothing.`);
}

/** Everything init would do in `dir`, checked before any write. */
export function planInit(dir: string, read: ReadFile = readIfExists): InitPlan {
  if (!existsSync(dir)) throw new CliError(`${dir} does not exist.`);
  const pkg = readPackageJson(dir);
  const { framework, appDir } = detectFramework(dir, pkg);
  refuseForeignConfig(dir, read);
  const { sdk, install } = chooseSdk(framework, pkg);
  const scaffold = scaffoldFor(framework, sdk, appDir);
  return { dir, framework, packageManager: detectPackageManager(dir), sdk, install, scaffold, files: planFiles(dir, scaffold.files, read) };
}

export const ENV_FILE = ".env.local";

export function envFilePath(dir: string): string {
  return join(dir, ENV_FILE);
}
