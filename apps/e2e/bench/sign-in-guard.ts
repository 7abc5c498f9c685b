// What the sign-in guard costs a successful password sign-in: req/s with auth.signInGuard.enabled on and off, on the
// same backend, project and users under the same load. The argon2 hash dominates either way, and a shared 2-core
// machine drifts by far more than the guard costs (other work takes a core for seconds at a time), so one load runs
// throughout while the switch flips every few seconds, in pairs (on-off, off-on, …). Each pair's two rates are
// compared with each other, and the figure that counts is the median of those ratios: a slow stretch skews a pair or
// two, not the result. Run by `pnpm bench` (alone: BENCH_ONLY=sign-in-guard); prints a table and keeps it in
// docs/benchmarks.md between the guard markers.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createFreshDatabase, startBackend } from "../src/harness/backend-process";

const PAIRS = Number(process.env.BENCH_GUARD_PAIRS ?? 16);
const SLICE_MS = Number(process.env.BENCH_GUARD_SLICE_MS ?? 4000);
// Sign-ins answered this soon after a flip may have passed the guard (or not) under the setting before it: at 50
// connections one waits about half a second for the hash pool.
const SETTLE_MS = 1200;
const CONNECTIONS = 50;
const USERS = 10;
const PASSWORD = "correct horse battery staple";
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function json(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const body = await response.json();
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  return sorted[low]! + (sorted[Math.ceil(position)]! - sorted[low]!) * (position - low);
};
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * CPU time spent so far by the backend (every thread, the hash pool's too) and by the Postgres processes serving its
 * database, in ms, read from /proc. Per sign-in it is a second view of the cost that other work on the machine
 * disturbs far less than a rate; null where there is no /proc.
 */
async function cpuMeter(backendPid: number, databaseUrl: string) {
  if (!existsSync("/proc/self/stat")) return null;
  const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  const cpuMsOf = (pid: number) => {
    try {
      // utime and stime: fields 14 and 15, counted after the command name, which may itself hold spaces.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
    } catch {
      return 0;
    }
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const ownPid = (await client.query("select pg_backend_pid() as pid")).rows[0].pid as number;
  const postgresPids = async () =>
    (await client.query("select pid from pg_stat_activity where datname = current_database() and pid <> $1", [ownPid])).rows.map((row) => row.pid as number);
  return {
    read: async () => ({ backend: cpuMsOf(backendPid), postgres: (await postgresPids()).reduce((sum, pid) => sum + cpuMsOf(pid), 0) }),
    close: () => client.end(),
  };
}

/** `CONNECTIONS` loops that each sign in, one request at a time, until stopped; when each success was answered. */
function startLoad(send: () => Promise<Response>) {
  const answered: number[] = [];
  let failures = 0;
  let running = true;
  const loops = Array.from({ length: CONNECTIONS }, async () => {
    while (running) {
      const response = await send();
      await response.arrayBuffer();
      if (response.ok) answered.push(performance.now());
      else failures++;
    }
  });
  return {
    answered,
    failures: () => failures,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

export async function reportSignInGuard(): Promise<void> {
  const database = await createFreshDatabase("hexclave_bench_guard");
  const backend = await startBackend(
    {
      NODE_ENV: "production",
      STACK_DATABASE_CONNECTION_STRING: database.url,
      STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
      STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: `pck_${randomBytes(20).toString("hex")}`,
      STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: `sak_${randomBytes(20).toString("hex")}`,
    },
    { quiet: true },
  );
  try {
    const api = `${backend.url}/api/v1`;
    const internal = { "content-type": "application/json", "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client" };
    const owner = await json(`${api}/auth/password/sign-up`, {
      method: "POST",
      headers: internal,
      body: JSON.stringify({ email: `owner-${randomUUID()}@example.com`, password: PASSWORD }),
    });
    const me = await json(`${api}/users/me`, { headers: { ...internal, "x-hexclave-access-token": owner.access_token } });
    const project = await json(`${api}/internal/projects`, {
      method: "POST",
      headers: { ...internal, "x-hexclave-access-token": owner.access_token },
      body: JSON.stringify({ display_name: "sign-in guard bench", owner_team_id: me.selected_team_id }),
    });
    const admin = { "content-type": "application/json", "x-hexclave-project-id": project.id, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": owner.access_token };
    const client = { "content-type": "application/json", "x-hexclave-project-id": project.id, "x-hexclave-access-type": "client" };
    const emails: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const email = `guard-bench-${i}-${randomUUID().slice(0, 8)}@example.com`;
      await json(`${api}/auth/password/sign-up`, { method: "POST", headers: client, body: JSON.stringify({ email, password: PASSWORD }) });
      emails.push(email);
    }

    // The switch is the only difference between the two runs; the instance that serves them is the one that changes
    // it, so its project cache has the new value at once.
    const setGuard = async (enabled: boolean) => {
      await json(`${api}/internal/config/override/environment`, {
        method: "PATCH",
        headers: admin,
        body: JSON.stringify({ config_override_string: JSON.stringify({ "auth.signInGuard.enabled": enabled }) }),
      });
      const rendered = JSON.parse((await json(`${api}/internal/config`, { headers: admin })).config_string);
      if (rendered.auth.signInGuard.enabled !== enabled) throw new Error(`auth.signInGuard.enabled did not become ${enabled}`);
    };
    let next = 0;
    const signIn = () =>
      fetch(`${api}/auth/password/sign-in`, { method: "POST", headers: client, body: JSON.stringify({ email: emails[next++ % USERS]!, password: PASSWORD }) });

    console.log(`Sign-in guard: ${PAIRS} pairs of ${SLICE_MS / 1000} s slices, on and off, at ${CONNECTIONS} connections…`);
    await setGuard(true);
    const meter = await cpuMeter(backend.process.pid!, database.url);
    const load = startLoad(signIn);
    const rates: Record<"on" | "off", number[]> = { on: [], off: [] };
    const cpuPerSignIn: Record<"on" | "off", { backend: number; postgres: number }[]> = { on: [], off: [] };
    const ratios: number[] = [];
    try {
      // Warm both paths up before anything is counted.
      for (const enabled of [true, false, true]) {
        await setGuard(enabled);
        await sleep(2000);
      }
      const slice = async (enabled: boolean) => {
        await setGuard(enabled);
        await sleep(SETTLE_MS);
        const from = performance.now();
        const cpuFrom = await meter?.read();
        await sleep(SLICE_MS - SETTLE_MS);
        const to = performance.now();
        const cpuTo = await meter?.read();
        const answered = load.answered.filter((at) => at >= from && at < to).length;
        const rate = answered / ((to - from) / 1000);
        rates[enabled ? "on" : "off"].push(rate);
        if (cpuFrom && cpuTo) {
          cpuPerSignIn[enabled ? "on" : "off"].push({ backend: (cpuTo.backend - cpuFrom.backend) / answered, postgres: (cpuTo.postgres - cpuFrom.postgres) / answered });
        }
        return rate;
      };
      for (let pair = 1; pair <= PAIRS; pair++) {
        const order = pair % 2 === 1 ? [true, false] : [false, true];
        const measured: Record<string, number> = {};
        for (const enabled of order) measured[String(enabled)] = await slice(enabled);
        ratios.push(measured.true! / measured.false!);
        console.log(`  pair ${pair} of ${PAIRS}: on ${measured.true!.toFixed(1)} req/s, off ${measured.false!.toFixed(1)} req/s`);
      }
    } finally {
      await load.stop();
      await meter?.close();
    }
    if (load.failures() > 0) throw new Error(`${load.failures()} sign-ins failed during the sign-in guard bench`);
    const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
    const cpuOf = (side: "on" | "off", part: "backend" | "postgres") => quantile(cpuPerSignIn[side].map((slice) => slice[part]), 0.5);
    const table = [
      `${CONNECTIONS} connections, ${USERS} users signing in with the right password, one load throughout; ${PAIRS} pairs of ${SLICE_MS / 1000}-second slices, one on and one off, each counted from ${SETTLE_MS / 1000} s after the switch; ${new Date().toISOString().slice(0, 10)}`,
      "",
      "| auth.signInGuard.enabled | req/s (mean of slices) | slowest–fastest slice |",
      "|---|---:|---:|",
      `| true (the default) | ${mean(rates.on).toFixed(1)} | ${Math.min(...rates.on).toFixed(0)}–${Math.max(...rates.on).toFixed(0)} |`,
      `| false | ${mean(rates.off).toFixed(1)} | ${Math.min(...rates.off).toFixed(0)}–${Math.max(...rates.off).toFixed(0)} |`,
      "",
      `On runs at ${percent(quantile(ratios, 0.5))} of off: the median of the pairs' own ratios, the middle half of which lay between ${percent(quantile(ratios, 0.25))} and ${percent(quantile(ratios, 0.75))} (target ≥ 95%; the means above give ${percent(mean(rates.on) / mean(rates.off))}).`,
      ...(cpuPerSignIn.on.length > 0
        ? [
            "",
            `CPU per sign-in (median of slices): ${(["on", "off"] as const).map((side) => `${side} ${cpuOf(side, "backend").toFixed(2)} ms in the backend and ${cpuOf(side, "postgres").toFixed(2)} ms in Postgres`).join("; ")}.`,
          ]
        : []),
    ].join("\n");
    console.log(`\nSign-in guard cost\n${table}\n`);
    const doc = here("../../../docs/benchmarks.md");
    const marker = /<!-- guard:start -->[\s\S]*<!-- guard:end -->/;
    const current = readFileSync(doc, "utf8");
    if (marker.test(current)) writeFileSync(doc, current.replace(marker, `<!-- guard:start -->\n${table}\n<!-- guard:end -->`));
  } finally {
    await backend.stop();
    await database.drop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await reportSignInGuard();
