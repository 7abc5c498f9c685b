import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const BACKEND_DIR = fileURLToPath(new URL("../../../backend", import.meta.url));

export type BackendProcess = { url: string; port: number; process: ChildProcess; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export function adminDatabaseUrl(): string {
  return process.env.HEXCLAVE_TEST_POSTGRES_URL ?? process.env.STACK_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/** A fresh, empty database on the test Postgres server, dropped by the returned function. */
export async function createFreshDatabase(prefix = "hexclave_e2e"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminDatabaseUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The backend exited with code ${child.exitCode} before it was healthy.`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The backend at ${url} was not healthy within ${timeoutMs} ms.`);
}

/** Appends a child's output to a file line by line, so lines of stdout and stderr never interleave mid-line. */
function appendLines(streams: (Readable | null)[], file: string, echo?: NodeJS.WritableStream): void {
  const out = createWriteStream(file, { flags: "a" });
  for (const [i, stream] of streams.entries()) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (line) => {
      out.write(`${line}\n`);
      if (i === 1) echo?.write(`${line}\n`);
    });
  }
}

export type BackendOptions = {
  quiet?: boolean;
  /** Keep everything the backend prints (its JSON log lines on stdout, errors on stderr) in this file; stderr is still shown. */
  logFile?: string;
};

/** Starts the real backend (`src/index.ts` through tsx) as a child process and waits until it answers. */
export async function startBackend(env: Record<string, string>, options: BackendOptions = {}): Promise<BackendProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: BACKEND_DIR,
    // Production mode even when the runner's shell is a `pnpm dev` one: the tests cover what deployments run.
    env: { ...process.env, NODE_ENV: "test", HEXCLAVE_DEV: "0", STACK_BACKEND_PORT: String(port), NEXT_PUBLIC_STACK_API_URL: url, HOST: "127.0.0.1", ...env },
    stdio: options.logFile ? ["ignore", "pipe", "pipe"] : ["ignore", options.quiet ? "ignore" : "inherit", "inherit"],
  });
  if (options.logFile) appendLines([child.stdout, child.stderr], options.logFile, options.quiet ? undefined : process.stderr);
  await waitForHealth(url, child, 60_000);
  return {
    url,
    port,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
