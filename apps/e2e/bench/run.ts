// `pnpm bench`: throughput and p99 of the backend's hot paths on real Postgres, each beside its floor
// measured in the same run on the same machine. Prints a table and writes it to docs/benchmarks.md.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createFreshDatabase, freePort, startBackend } from "../src/harness/backend-process";
import { type LoadResult, combine, load } from "./load";
import { reportDashboard } from "./dashboard";
import { reportEmailThroughput } from "./email-throughput";
import { reportOAuthFlow } from "./oauth-flow";
import { setUpRbacBench } from "./rbac-setup";
import { reportSignInGuard } from "./sign-in-guard";
import { reportSdkSizes } from "./sdk-size";
import { reportTarballSizes } from "./tarball-size";
import { reportWebhooks } from "./webhooks";

const ROUNDS = 3;
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 4);
const HASH_SECONDS = Number(process.env.BENCH_HASH_SECONDS ?? 8);
const CONNECTIONS = 50;
const USERS = 200;
const PASSWORD = "correct horse battery staple";
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function json(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  const body = await response.json();
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

function spawnTs(file: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", file], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
}

async function waitForLine(child: ChildProcess, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      if (output.includes(text)) resolve(output);
    });
    child.on("exit", (code) => (code === 0 && output.includes(text) ? resolve(output) : reject(new Error(`exited ${code}: ${output}`))));
  });
}

// BENCH_ONLY=backend skips the SDK sizes, the dashboard and the email outbox, for a quicker look at the request
// figures; BENCH_ONLY=sizes measures the SDK bundles and package tarballs alone; BENCH_ONLY=dashboard the dashboard;
// BENCH_ONLY=oauth and BENCH_ONLY=sign-in-guard those benches alone.
if (process.env.BENCH_ONLY === "dashboard") {
  await reportDashboard();
  process.exit(0);
}
if (process.env.BENCH_ONLY === "oauth") {
  await reportOAuthFlow();
  process.exit(0);
}
if (process.env.BENCH_ONLY === "sign-in-guard") {
  await reportSignInGuard();
  process.exit(0);
}
if (process.env.BENCH_ONLY === "webhooks") {
  await reportWebhooks();
  process.exit(0);
}
if (process.env.BENCH_ONLY !== "backend") {
  await reportSdkSizes();
  await reportTarballSizes();
  if (process.env.BENCH_ONLY === "sizes") process.exit(0);
  await reportEmailThroughput();
  await reportOAuthFlow();
  await reportSignInGuard();
  await reportWebhooks();
  await reportDashboard();
}

const database = await createFreshDatabase("hexclave_bench");
const internalKeys = {
  pck: `pck_${randomBytes(20).toString("hex")}`,
  ssk: `ssk_${randomBytes(20).toString("hex")}`,
  sak: `sak_${randomBytes(20).toString("hex")}`,
};
const backend = await startBackend(
  {
    NODE_ENV: "production",
    STACK_DATABASE_CONNECTION_STRING: database.url,
    STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
    STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: internalKeys.pck,
    STACK_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY: internalKeys.ssk,
    // Production refuses a fresh database without an admin key for the internal project.
    STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: internalKeys.sak,
  },
  { quiet: true },
);
const children: ChildProcess[] = [];
const results: { name: string; result: LoadResult; floorName: string; floor: number; floorUnit: string; ratio: number }[] = [];

try {
  const api = `${backend.url}/api/v1`;
  const internalHeaders = { "content-type": "application/json", "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client" };
  const owner = await json(`${api}/auth/password/sign-up`, {
    method: "POST",
    headers: internalHeaders,
    body: JSON.stringify({ email: `owner-${randomUUID()}@example.com`, password: PASSWORD }),
  });
  const me = await json(`${api}/users/me`, { headers: { ...internalHeaders, "x-hexclave-access-token": owner.access_token } });
  const project = await json(`${api}/internal/projects`, {
    method: "POST",
    headers: { ...internalHeaders, "x-hexclave-access-token": owner.access_token },
    body: JSON.stringify({ display_name: "bench", owner_team_id: me.selected_team_id }),
  });
  const clientHeaders = { "content-type": "application/json", "x-hexclave-project-id": project.id, "x-hexclave-access-type": "client" };

  console.log(`Signing up ${USERS} users…`);
  const users: { email: string; accessToken: string; userId: string }[] = [];
  for (let i = 0; i < USERS; i++) {
    const email = `bench-${i}-${randomUUID().slice(0, 8)}@example.com`;
    const signUp = await json(`${api}/auth/password/sign-up`, { method: "POST", headers: clientHeaders, body: JSON.stringify({ email, password: PASSWORD }) });
    users.push({ email, accessToken: signUp.access_token, userId: signUp.user_id });
  }
  console.log("Setting up nested permissions and API keys…");
  const rbac = await setUpRbacBench(api, project.id, owner.access_token, users);

  const jwks = await json(`${api}/projects/${project.id}/.well-known/jwks.json`, {});
  const floorPort = await freePort();
  const floor = spawnTs(here("./floor-server.ts"), { FLOOR_PORT: String(floorPort), DATABASE_URL: database.url, JWKS_JSON: JSON.stringify(jwks) });
  children.push(floor);
  await waitForLine(floor, "floor ready");
  const floorUrl = `http://127.0.0.1:${floorPort}`;

  const meRequests = (path: string) =>
    users.map((user) => ({ method: "GET", path, headers: { ...clientHeaders, "x-hexclave-access-token": user.accessToken } }));
  const run = (url: string, requests: Parameters<typeof load>[0]["requests"], seconds = READ_SECONDS) =>
    load({ url, connections: CONNECTIONS, seconds, requests });
  const hashRate = async () => {
    const child = spawnTs(here("./hash-floor.ts"), { HASH_SECONDS: String(HASH_SECONDS) });
    children.push(child);
    const output = await waitForLine(child, "hashesPerSecond");
    return JSON.parse(output.trim().split("\n").pop()!).hashesPerSecond as number;
  };
  let next = 0;
  const signInRequest = {
    method: "POST",
    path: "/api/v1/auth/password/sign-in",
    headers: clientHeaders,
    setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ email: users[next++ % USERS]!.email, password: PASSWORD }) }),
  };
  const signUpRequest = {
    method: "POST",
    path: "/api/v1/auth/password/sign-up",
    headers: clientHeaders,
    setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ email: `load-${randomUUID()}@example.com`, password: PASSWORD }) }),
  };

  // Each figure and its floor are measured in alternating rounds, so a slow stretch of the machine hits both alike.
  console.log("Warming up…");
  await run(floorUrl, meRequests("/me"), 2);
  await run(backend.url, meRequests("/api/v1/users/me"), 2);
  await run(backend.url, [signInRequest], 2);
  await run(backend.url, rbac.permissionChecks, 2);
  await run(backend.url, rbac.keyChecks, 2);
  const rounds = {
    bare: [] as LoadResult[],
    floorMe: [] as LoadResult[],
    ourMe: [] as LoadResult[],
    permission: [] as LoadResult[],
    keyCheck: [] as LoadResult[],
    hash: [] as number[],
    signIn: [] as LoadResult[],
    signUp: [] as LoadResult[],
  };
  // Reads first, alternating which side goes first, before the write-heavy rounds leave Postgres busy with their aftermath.
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`GET /users/me, round ${round} of ${ROUNDS}…`);
    rounds.bare.push(await run(floorUrl, [{ method: "GET", path: "/bare" }]));
    const ours = async () => {
      rounds.ourMe.push(await run(backend.url, meRequests("/api/v1/users/me")));
      rounds.permission.push(await run(backend.url, rbac.permissionChecks));
      rounds.keyCheck.push(await run(backend.url, rbac.keyChecks));
    };
    if (round % 2 === 1) {
      rounds.floorMe.push(await run(floorUrl, meRequests("/me")));
      await ours();
    } else {
      await ours();
      rounds.floorMe.push(await run(floorUrl, meRequests("/me")));
    }
  }
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`Password hashing, round ${round} of ${ROUNDS}…`);
    rounds.hash.push(await hashRate());
    rounds.signIn.push(await run(backend.url, [signInRequest], HASH_SECONDS));
    rounds.signUp.push(await run(backend.url, [signUpRequest], HASH_SECONDS));
    const last = (list: LoadResult[]) => list[list.length - 1]!.requestsPerSecond.toFixed(0);
    console.log(`  hash ${rounds.hash[round - 1]!.toFixed(0)}/s, sign-in ${last(rounds.signIn)} req/s, sign-up ${last(rounds.signUp)} req/s`);
  }
  const bare = combine(rounds.bare);
  const floorMe = combine(rounds.floorMe);
  const ourMe = combine(rounds.ourMe);
  const permission = combine(rounds.permission);
  const keyCheck = combine(rounds.keyCheck);
  const hashesPerSecond = rounds.hash.reduce((sum, value) => sum + value, 0) / ROUNDS;
  const signIn = combine(rounds.signIn);
  const signUp = combine(rounds.signUp);
  results.push({ name: "GET /api/v1/users/me", result: ourMe, floorName: "Hono + ES256 verify + 1 PK SELECT", floor: floorMe.requestsPerSecond, floorUnit: "req/s", ratio: ourMe.requestsPerSecond / floorMe.requestsPerSecond });
  for (const [name, result] of [
    ["GET /team-permissions (3-level nested check)", permission],
    ["POST /user-api-keys/check", keyCheck],
  ] as const) {
    results.push({ name, result, floorName: "Hono + ES256 verify + 1 PK SELECT", floor: floorMe.requestsPerSecond, floorUnit: "req/s", ratio: result.requestsPerSecond / floorMe.requestsPerSecond });
  }
  results.push({ name: "POST /auth/password/sign-in", result: signIn, floorName: "argon2id hashes/s, same settings", floor: hashesPerSecond, floorUnit: "hash/s", ratio: signIn.requestsPerSecond / hashesPerSecond });
  results.push({ name: "POST /auth/password/sign-up", result: signUp, floorName: "argon2id hashes/s, same settings", floor: hashesPerSecond, floorUnit: "hash/s", ratio: signUp.requestsPerSecond / hashesPerSecond });
  results.push({ name: "(floor) Hono + ES256 verify + 1 PK SELECT", result: floorMe, floorName: "", floor: Number.NaN, floorUnit: "", ratio: Number.NaN });

  const rows = [
    "| endpoint | req/s | p99 (ms) | non-2xx | floor | floor value | ratio |",
    "|---|---:|---:|---:|---|---:|---:|",
    ...results.map((r) =>
      Number.isNaN(r.ratio)
        ? `| ${r.name} | ${r.result.requestsPerSecond.toFixed(0)} | ${r.result.p99Ms} | ${r.result.non2xx + r.result.errors} | | | |`
        : `| ${r.name} | ${r.result.requestsPerSecond.toFixed(0)} | ${r.result.p99Ms} | ${r.result.non2xx + r.result.errors} | ${r.floorName} | ${r.floor.toFixed(0)} ${r.floorUnit} | ${(r.ratio * 100).toFixed(0)}% |`,
    ),
    `| (reference) bare Hono route | ${bare.requestsPerSecond.toFixed(0)} | ${bare.p99Ms} | ${bare.non2xx} | | | |`,
  ];
  const table = `${CONNECTIONS} connections; ${ROUNDS} alternating rounds per figure of ${READ_SECONDS} s (reads) and ${HASH_SECONDS} s (password routes); req/s: the median second, averaged over rounds; p99: the worst round; Postgres at 127.0.0.1, ${new Date().toISOString().slice(0, 10)}\n\n${rows.join("\n")}`;
  console.log(`\n${table}\n`);
  const doc = here("../../../docs/benchmarks.md");
  const current = readFileSync(doc, "utf8");
  const marker = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
  if (marker.test(current)) writeFileSync(doc, current.replace(marker, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`));
} finally {
  for (const child of children) child.kill("SIGTERM");
  await backend.stop();
  await database.drop();
}
