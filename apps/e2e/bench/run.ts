// `pnpm bench`: throughput and p99 of the backend's hot paths on real Postgres, each beside its floor
// measured in the same run on the same machine. Prints a table and writes it to docs/benchmarks.md.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createFreshDatabase, freePort, startBackend } from "../src/harness/backend-process";
import { type LoadResult, load } from "./load";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
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

const database = await createFreshDatabase("hexclave_bench");
const internalKeys = { pck: `pck_${randomBytes(20).toString("hex")}`, ssk: `ssk_${randomBytes(20).toString("hex")}` };
const backend = await startBackend(
  {
    NODE_ENV: "production",
    STACK_DATABASE_CONNECTION_STRING: database.url,
    STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
    STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: internalKeys.pck,
    STACK_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY: internalKeys.ssk,
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
  const users: { email: string; accessToken: string }[] = [];
  for (let i = 0; i < USERS; i++) {
    const email = `bench-${i}-${randomUUID().slice(0, 8)}@example.com`;
    const signUp = await json(`${api}/auth/password/sign-up`, { method: "POST", headers: clientHeaders, body: JSON.stringify({ email, password: PASSWORD }) });
    users.push({ email, accessToken: signUp.access_token });
  }

  const jwks = await json(`${api}/projects/${project.id}/.well-known/jwks.json`, {});
  const floorPort = await freePort();
  const floor = spawnTs(here("./floor-server.ts"), { FLOOR_PORT: String(floorPort), DATABASE_URL: database.url, JWKS_JSON: JSON.stringify(jwks) });
  children.push(floor);
  await waitForLine(floor, "floor ready");
  const floorUrl = `http://127.0.0.1:${floorPort}`;

  const meRequests = (path: string) =>
    users.map((user) => ({ method: "GET", path, headers: { ...clientHeaders, "x-hexclave-access-token": user.accessToken } }));
  const run = (url: string, requests: Parameters<typeof load>[0]["requests"], seconds = SECONDS) =>
    load({ url, connections: CONNECTIONS, seconds, requests });

  console.log("Measuring GET /users/me and its floors…");
  await run(floorUrl, meRequests("/me"), 2);
  await run(backend.url, meRequests("/api/v1/users/me"), 2);
  const bare = await run(floorUrl, [{ method: "GET", path: "/bare" }]);
  const floorMe = await run(floorUrl, meRequests("/me"));
  const ourMe = await run(backend.url, meRequests("/api/v1/users/me"));
  results.push({ name: "GET /api/v1/users/me", result: ourMe, floorName: "Hono + ES256 verify + 1 PK SELECT", floor: floorMe.requestsPerSecond, floorUnit: "req/s", ratio: ourMe.requestsPerSecond / floorMe.requestsPerSecond });

  console.log("Measuring the argon2id hash rate…");
  const hashFloor = spawnTs(here("./hash-floor.ts"), {});
  children.push(hashFloor);
  const hashesPerSecond = JSON.parse((await waitForLine(hashFloor, "hashesPerSecond")).trim().split("\n").pop()!).hashesPerSecond as number;

  console.log("Measuring password sign-in and sign-up…");
  let next = 0;
  const signIn = await run(backend.url, [
    {
      method: "POST",
      path: "/api/v1/auth/password/sign-in",
      headers: clientHeaders,
      setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ email: users[next++ % USERS]!.email, password: PASSWORD }) }),
    },
  ]);
  results.push({ name: "POST /auth/password/sign-in", result: signIn, floorName: "argon2id hashes/s, same settings", floor: hashesPerSecond, floorUnit: "hash/s", ratio: signIn.requestsPerSecond / hashesPerSecond });
  const signUp = await run(backend.url, [
    {
      method: "POST",
      path: "/api/v1/auth/password/sign-up",
      headers: clientHeaders,
      setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ email: `load-${randomUUID()}@example.com`, password: PASSWORD }) }),
    },
  ]);
  results.push({ name: "POST /auth/password/sign-up", result: signUp, floorName: "argon2id hashes/s, same settings", floor: hashesPerSecond, floorUnit: "hash/s", ratio: signUp.requestsPerSecond / hashesPerSecond });

  const rows = [
    "| endpoint | req/s | p99 (ms) | non-2xx | floor | floor value | ratio |",
    "|---|---:|---:|---:|---|---:|---:|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.result.requestsPerSecond.toFixed(0)} | ${r.result.p99Ms} | ${r.result.non2xx + r.result.errors} | ${r.floorName} | ${r.floor.toFixed(0)} ${r.floorUnit} | ${(r.ratio * 100).toFixed(0)}% |`,
    ),
    `| (reference) bare Hono route | ${bare.requestsPerSecond.toFixed(0)} | ${bare.p99Ms} | ${bare.non2xx} | | | |`,
  ];
  const table = `${CONNECTIONS} connections, ${SECONDS} s per measurement, Postgres at 127.0.0.1, ${new Date().toISOString().slice(0, 10)}\n\n${rows.join("\n")}`;
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
