import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { freePort } from "./backend-process";
import { type TestProject, testEnv } from "./rest";

const EXAMPLES_DIR = fileURLToPath(new URL("../../../../examples", import.meta.url));

export type ExampleApp = { name: string; url: string; stop: () => Promise<void> };

export type ExampleSpec = { name: string; dir: string; build: string[]; start: (port: number) => string[] };

export const EXAMPLES: ExampleSpec[] = [
  {
    name: "nextjs",
    dir: "nextjs",
    build: ["exec", "next", "build"],
    start: (port) => ["exec", "next", "start", "--port", String(port), "--hostname", "127.0.0.1"],
  },
  {
    name: "tanstack-start",
    dir: "tanstack-start",
    build: ["exec", "vite", "build"],
    start: () => ["exec", "srvx", "serve", "--prod", "-s", "../client", "--entry", "dist/server/server.js"],
  },
];

type ExampleProject = Pick<TestProject, "projectId" | "publishableClientKey" | "secretServerKey">;

/** The project settings an example reads at run time, from its server's environment. */
function exampleEnv(backendUrl: string, project: ExampleProject): Record<string, string> {
  return {
    HEXCLAVE_API_URL: backendUrl,
    HEXCLAVE_PROJECT_ID: project.projectId,
    HEXCLAVE_PUBLISHABLE_CLIENT_KEY: project.publishableClientKey,
    HEXCLAVE_SECRET_SERVER_KEY: project.secretServerKey,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

export async function waitForPage(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The example server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The example server at ${url} did not answer within ${timeoutMs} ms`);
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("exit", (code) => resolve(code === 0 ? null : Buffer.concat(output).toString()));
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Takes the lock (a folder holding its owner's pid); one left by a process that died is taken over. */
function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    writeFileSync(`${lock}/pid`, String(process.pid));
    return true;
  } catch {
    // Empty while its owner is still writing it, gone when the owner has just finished.
    const owner = Number(existsSync(`${lock}/pid`) ? readFileSync(`${lock}/pid`, "utf8") : "");
    if (owner > 0 && !isRunning(owner)) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

/**
 * Builds an example once per test run. Test files run side by side, and a second build would replace the output
 * under the first file's running server; the lock and the stamp (the run's fresh database) prevent that.
 */
async function buildOnce(spec: ExampleSpec, cwd: string): Promise<void> {
  const lock = `${tmpdir()}/hexclave-e2e-build-${spec.name}.lock`;
  const stamp = `${tmpdir()}/hexclave-e2e-build-${spec.name}.stamp`;
  const runKey = testEnv().databaseUrl;
  while (!tryLock(lock)) await new Promise((resolve) => setTimeout(resolve, 500));
  try {
    if (existsSync(stamp) && readFileSync(stamp, "utf8") === runKey) return;
    const failure = await run("pnpm", spec.build, cwd, { NEXT_TELEMETRY_DISABLED: "1", HEXCLAVE_PROJECT_ID: "build-time-placeholder" });
    if (failure !== null) throw new Error(`Building the ${spec.name} example failed:\n${failure}`);
    writeFileSync(stamp, runKey);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Builds an example as a user would (its production build), then serves it against the test backend. The build
 * gets no project settings: the examples read them at run time, so one build serves any project.
 */
export async function startExample(spec: ExampleSpec, backendUrl: string, project: ExampleProject): Promise<ExampleApp> {
  const cwd = `${EXAMPLES_DIR}/${spec.dir}`;
  await buildOnce(spec, cwd);
  const port = await freePort();
  const child = spawn("pnpm", spec.start(port), {
    cwd,
    env: { ...process.env, ...exampleEnv(backendUrl, project), PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForPage(url, child, 60_000);
  return {
    name: spec.name,
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        // The server runs under pnpm: signal the whole process group.
        process.kill(-(child.pid as number), "SIGTERM");
      }),
  };
}
