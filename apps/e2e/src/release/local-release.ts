/**
 * What the release test files share: one build published into a throwaway registry, a plain user's shell that installs
 * from it, and `hexclave init` run the way `npx @hexclave/cli init` runs it.
 */
import { execFile } from "node:child_process";
import { cpSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type LocalRegistry, type LocalRelease, publishBothNameSets, startLocalRegistry } from "../../../../scripts/release/local-registry";
import { EXAMPLES_DIR } from "../cli/cli-helpers";
import type { TestProject } from "../harness/rest";

/**
 * A registry of this test file's own, holding both name sets: files run side by side, and each removes its registry's
 * storage when it ends. The SDKs' third-party dependencies (and the frameworks an app installs beside them) come from
 * npmjs through the uplink; our two scopes never do.
 */
export async function publishLocalRelease(): Promise<{ registry: LocalRegistry; release: LocalRelease }> {
  const registry = await startLocalRegistry({ uplink: true });
  try {
    return { registry, release: await publishBothNameSets(registry) };
  } catch (error) {
    await registry.stop();
    throw error;
  }
}

/** `@hexclave/cli@<version>` as published, which is what a user passes to npx. */
export function cliSpec(release: LocalRelease): string {
  const cli = release.hexclave.find((entry) => entry.startsWith("@hexclave/cli@"));
  if (!cli) throw new Error(`The release holds no @hexclave/cli: ${release.hexclave.join(", ")}`);
  return cli;
}

/**
 * A plain user's shell: none of this run's settings, package-manager or test-runner variables (Next.js reads no
 * .env.local under vitest's NODE_ENV=test), npm pointed at the local registry.
 */
export function userEnv(registry: LocalRegistry, home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(HEXCLAVE_|STACK_|NEXT_PUBLIC_|VITE_|VITEST|npm_|NODE_ENV$)/i.test(name)));
  return {
    ...env,
    CI: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    HEXCLAVE_CONFIG_DIR: path.join(home, "hexclave"),
    STACK_CLI_CONFIG_PATH: path.join(home, "stack-auth", "credentials.json"),
    npm_config_registry: `${registry.url}/`,
    npm_config_userconfig: registry.npmrc,
    npm_config_cache: path.join(registry.dir, "npm-cache"),
  };
}

/**
 * Runs a command without blocking the event loop (a blocked loop misses the backend closing idle sockets, and the next
 * request fails on a dead one); resolves with its output, or rejects with it.
 */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.slice(0, 6).join(" ")} failed (${error.message}):\n${stdout}${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

type InitKeys = Pick<TestProject, "projectId" | "publishableClientKey" | "secretServerKey">;

/** As `npx @hexclave/cli init --yes` would: npm fetches the CLI from the registry, and the CLI's own install goes there too. */
export function runInit(cli: string, dir: string, env: NodeJS.ProcessEnv, apiUrl: string, project: InitKeys): Promise<string> {
  const keys = ["--project-id", project.projectId, "--publishable-client-key", project.publishableClientKey, "--secret-server-key", project.secretServerKey];
  return run("npm", ["exec", "--yes", "--package", cli, "--", "hexclave", "init", "--yes", "--api-url", apiUrl, ...keys], dir, env);
}

/** An example's package.json without its workspace: dependencies, which mean nothing outside the monorepo. */
export function exampleManifest(example: string): Record<string, any> {
  const manifest = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, example, "package.json"), "utf8"));
  manifest.dependencies = Object.fromEntries(Object.entries<string>(manifest.dependencies ?? {}).filter(([, range]) => !range.startsWith("workspace:")));
  return manifest;
}

/** A copy of an example outside the monorepo, with our SDK dependency removed: init is to add it. */
export function copyExampleWithoutSdk(example: string, into: string): void {
  cpSync(path.join(EXAMPLES_DIR, example), into, { recursive: true, filter: (source) => !source.includes("node_modules") });
  writeFileSync(path.join(into, "package.json"), JSON.stringify(exampleManifest(example), null, 2));
}

/**
 * Every file of the app with content and mtime, and npm's record of what it installed; the rest of node_modules and
 * the given build output folders are left out.
 */
export function snapshot(dir: string, outputs: string[] = []): Record<string, string> {
  const skipped = new Set(["node_modules", ...outputs]);
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const file = path.join(relative, entry.name);
      if (entry.isDirectory() && !skipped.has(file)) walk(file);
      else if (entry.isFile()) files.push(file);
    }
  };
  walk("");
  const installed = path.join("node_modules", ".package-lock.json");
  if (statSync(path.join(dir, installed), { throwIfNoEntry: false })?.isFile()) files.push(installed);
  return Object.fromEntries(files.sort().map((file) => {
    const full = path.join(dir, file);
    return [file, `${statSync(full).mtimeMs} ${readFileSync(full, "utf8")}`];
  }));
}
