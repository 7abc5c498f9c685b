// Run by `pnpm bench` (BENCH_ONLY=dashboard runs it alone): the dashboard's first-load JavaScript per page, from its
// production build, and how long its users page takes to show 50 rows of a 10,000-user project in Chromium, beside
// the same page of users fetched from the API alone, and both again for a 50-user project. Medians of 5; the targets
// are 250 KB and 1.5× the API.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { createFreshDatabase, freePort, startBackend } from "../src/harness/backend-process";

const DASHBOARD_DIR = fileURLToPath(new URL("../../dashboard", import.meta.url));
const NEXT_DIR = path.join(DASHBOARD_DIR, ".next");
const USERS = 10_000;
const RUNS = 5;
const PASSWORD = "correct horse battery staple";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function ensureBuilt(): void {
  if (existsSync(path.join(NEXT_DIR, "BUILD_ID"))) return;
  const result = spawnSync("pnpm", ["exec", "next", "build"], { cwd: DASHBOARD_DIR, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("Building the dashboard failed.");
}

/** The scripts a first visit to each page loads: the framework's main files and every chunk of the page's layouts and page. */
export function measureFirstLoadJs(): string {
  ensureBuilt();
  const build = JSON.parse(readFileSync(path.join(NEXT_DIR, "build-manifest.json"), "utf8")) as { rootMainFiles: string[]; pagesChunkGroupBootstrapParams: Record<string, unknown> };
  const gzipped = new Map<string, number>();
  const sizeOf = (file: string) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(path.join(NEXT_DIR, file.replace(/^\/_next\//, ""))), { level: 9 }).byteLength);
    return gzipped.get(file)!;
  };
  const rows: string[] = [];
  for (const route of Object.keys(build.pagesChunkGroupBootstrapParams).filter((name) => !name.startsWith("/_"))) {
    const manifestFile = path.join(NEXT_DIR, "server/app", `${route}_client-reference-manifest.js`);
    const holder = globalThis as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> };
    holder.__RSC_MANIFEST = {};
    new Function(readFileSync(manifestFile, "utf8"))();
    const manifest = holder.__RSC_MANIFEST[route]!;
    const files = new Set([...build.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()]);
    const total = [...files].reduce((sum, file) => sum + sizeOf(file), 0);
    const page = route.replace(/^\/\(app\)/, "").replace(/\/page$/, "") || "/";
    rows.push(`| ${page} | ${kb(total)} | ${total <= 250 * 1024 ? "within" : "OVER"} |`);
  }
  return ["| page | first-load JS (gzip -9) | ≤ 250 KB |", "|---|---:|---|", ...rows].join("\n");
}

async function json(url: string, init: RequestInit & { body?: string }) {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init.headers } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${text}`);
  return JSON.parse(text);
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    if (await fetch(url).then((response) => response.status < 500, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The dashboard at ${url} did not answer.`);
}

/** The users page of a 10,000-user project in Chromium, against one page of users from the API, each a median of 5. */
export async function measureUsersPage(): Promise<string> {
  ensureBuilt();
  const database = await createFreshDatabase("hexclave_bench_dash");
  const keys = { pck: `pck_${randomBytes(20).toString("hex")}`, ssk: `ssk_${randomBytes(20).toString("hex")}`, sak: `sak_${randomBytes(20).toString("hex")}` };
  const backend = await startBackend(
    {
      NODE_ENV: "production",
      STACK_DATABASE_CONNECTION_STRING: database.url,
      STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
      STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: keys.pck,
      STACK_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY: keys.ssk,
      STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: keys.sak,
    },
    { quiet: true },
  );
  let dashboard: ChildProcess | undefined;
  const browser = await chromium.launch({ executablePath: process.env.HEXCLAVE_CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const api = `${backend.url}/api/v1`;
    const internal = { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "x-hexclave-publishable-client-key": keys.pck };
    const email = `operator-${randomUUID()}@example.com`;
    const owner = await json(`${api}/auth/password/sign-up`, { method: "POST", headers: internal, body: JSON.stringify({ email, password: PASSWORD }) });
    const me = await json(`${api}/users/me`, { headers: { ...internal, "x-hexclave-access-token": owner.access_token } });
    const seeded = async (name: string, users: number) => {
      const project = await json(`${api}/internal/projects`, {
        method: "POST",
        headers: { ...internal, "x-hexclave-access-token": owner.access_token },
        body: JSON.stringify({ display_name: name, owner_team_id: me.selected_team_id }),
      });
      const admin = { "x-hexclave-project-id": project.id, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": owner.access_token };
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < users) {
            const index = next++;
            await json(`${api}/users`, { method: "POST", headers: admin, body: JSON.stringify({ primary_email: `user-${index}@bench.example`, display_name: `User ${index}` }) });
          }
        }),
      );
      const apiTimes: number[] = [];
      for (let run = 0; run <= RUNS; run++) {
        const started = performance.now();
        const page = await json(`${api}/users?limit=50&order_by=signed_up_at&desc=true`, { headers: admin });
        if (page.items.length !== 50) throw new Error("The API did not answer 50 users.");
        if (run > 0) apiTimes.push(performance.now() - started);
      }
      return { id: project.id as string, apiMedian: median(apiTimes) };
    };
    // The same page with only 50 users beside it: what 10,000 users add, whatever a page load itself costs.
    const small = await seeded("Fifty", 50);
    const large = await seeded("Ten thousand", USERS);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    dashboard = spawn("pnpm", ["exec", "next", "start", "--port", String(port), "--hostname", "127.0.0.1"], {
      cwd: DASHBOARD_DIR,
      detached: true,
      stdio: "ignore",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", HEXCLAVE_API_URL: backend.url, HEXCLAVE_PROJECT_ID: "internal", HEXCLAVE_PUBLISHABLE_CLIENT_KEY: keys.pck, HEXCLAVE_SECRET_SERVER_KEY: keys.ssk },
    });
    await waitForHttp(url, dashboard);
    const page = await browser.newPage();
    await page.goto(`${url}/handler/sign-in`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${url}/`);
    // BENCH_TRACE=1 prints when each request of the last counted visit started and ended, to see where the time goes.
    const trace: string[] = [];
    if (process.env.BENCH_TRACE) {
      page.on("requestfinished", async (request) => {
        const timing = request.timing();
        trace.push(`${timing.startTime.toFixed(0)} +${timing.responseEnd.toFixed(0)} ms ${request.method()} ${request.url().replace(url, "").replace(backend.url, "api:")}`);
      });
    }
    const pageMedian = async (projectId: string) => {
      const times: number[] = [];
      // The first visit warms the server's compiled routes; it is not counted, as the API's first request is not.
      for (let run = 0; run <= RUNS; run++) {
        trace.length = 0;
        await page.goto(`${url}/projects/${projectId}/users`, { waitUntil: "commit" });
        // Checked on every frame inside the page, so the time is when the rows were painted, not when a poll noticed.
        const handle = await page.waitForFunction(() => document.querySelectorAll("tbody tr").length >= 50 && performance.now(), undefined, { polling: "raf", timeout: 60_000 });
        if (run > 0) times.push((await handle.jsonValue()) as number);
      }
      return median(times);
    };
    const smallPage = await pageMedian(small.id);
    const largePage = await pageMedian(large.id);
    if (process.env.BENCH_TRACE) console.log(trace.join("\n"));
    const ms = (value: number) => `${value.toFixed(0)} ms`;
    return [
      `| measured (median of ${RUNS}) | 50 users | ${USERS.toLocaleString("en")} users | ${USERS.toLocaleString("en")} ÷ 50 |`,
      "|---|---:|---:|---:|",
      `| \`GET /users?limit=50\` from Node | ${ms(small.apiMedian)} | ${ms(large.apiMedian)} | ${(large.apiMedian / small.apiMedian).toFixed(1)}× |`,
      `| dashboard users page: navigation → 50 rows shown, Chromium | ${ms(smallPage)} | ${ms(largePage)} | ${(largePage / smallPage).toFixed(1)}× |`,
      `| page ÷ API | ${(smallPage / small.apiMedian).toFixed(1)}× | ${(largePage / large.apiMedian).toFixed(1)}× | |`,
    ].join("\n");
  } finally {
    await browser.close();
    if (dashboard?.pid) process.kill(-dashboard.pid, "SIGTERM");
    await backend.stop();
    await database.drop();
  }
}

/** Prints both tables and keeps them in docs/benchmarks.md between the dashboard markers. */
export async function reportDashboard(): Promise<void> {
  const table = `${measureFirstLoadJs()}\n\n${await measureUsersPage()}`;
  console.log(`\nDashboard\n${table}\n`);
  const doc = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url));
  const current = readFileSync(doc, "utf8");
  const marker = /<!-- dashboard:start -->[\s\S]*<!-- dashboard:end -->/;
  if (marker.test(current)) writeFileSync(doc, current.replace(marker, `<!-- dashboard:start -->\n${table}\n<!-- dashboard:end -->`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await reportDashboard();
