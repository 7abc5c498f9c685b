import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { testEnv } from "../harness/rest";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../../..");
export const CLI_BIN = join(root, "packages/stack-cli/dist/index.js");
export const EXAMPLES_DIR = join(root, "examples");

export type CliResult = { status: number | null; stdout: string; stderr: string };

/** The environment of one CLI user: its own config dir, our test backend, no terminal. */
export function cliEnv(configRoot = mkdtempSync(join(tmpdir(), "hexclave-cli-home-"))): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^(HEXCLAVE_|STACK_|NEXT_PUBLIC_)/.test(name)) env[name] = value;
  return {
    ...env,
    CI: "true",
    HEXCLAVE_CONFIG_DIR: join(configRoot, "hexclave"),
    // Keeps a real Stack Auth login on this machine out of the test, and lets a test plant one.
    STACK_CLI_CONFIG_PATH: join(configRoot, "stack-auth", "credentials.json"),
    HEXCLAVE_API_URL: testEnv().backendUrl,
    HEXCLAVE_PUBLISHABLE_CLIENT_KEY: testEnv().internalKeys.publishableClientKey,
    HEXCLAVE_DASHBOARD_URL: "http://localhost:8101",
  };
}

export function runCli(args: string[], options: { env: Record<string, string>; cwd?: string }): Promise<CliResult> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: build the CLI first (pnpm build:sdks).`);
  return new Promise((resolve) => {
    execFile("node", [CLI_BIN, ...args], { env: options.env, cwd: options.cwd ?? tmpdir(), timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Starts `hexclave login`, resolving once it printed the approval link, with the exit of the process to await. */
export function startLogin(env: Record<string, string>): Promise<{ loginUrl: URL; done: Promise<CliResult> }> {
  const child = spawn("node", [CLI_BIN, "login"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const done = new Promise<CliResult>((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No login link printed: ${stdout} ${stderr}`)), 15_000);
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /(https?:\/\/\S+login_code=[a-z2-7]+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ loginUrl: new URL(match[1]), done });
      }
    });
  });
}

/** A copy of an example app without its installed or built files, as a fresh checkout has it. */
export function copyExample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `hexclave-cli-${name}-`));
  const source = join(EXAMPLES_DIR, name);
  cpSync(source, dir, { recursive: true, filter: (path) => !/(^|\/)(node_modules|\.next|dist|\.turbo|\.env\.local)(\/|$)/.test(relative(source, path)) });
  return dir;
}

/** Every file under a folder with its content and mode: equal snapshots mean nothing was touched. */
export function snapshotDir(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = `${statSync(path).mtimeMs} ${readFileSync(path, "utf8")}`;
    }
  };
  walk(dir);
  return files;
}
