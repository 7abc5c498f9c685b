// Webhook delivery: deliveries/s from the queue to a local receiver with one and two backend instances, and the
// latency from commit to delivery at a steady 100 events/s (target p99 < 1 s). Run by `pnpm bench` (alone:
// BENCH_ONLY=webhooks); prints a table and keeps it in docs/benchmarks.md between the webhooks markers.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { apiOf, webhookDeployment } from "../src/webhooks/deployment";

const TEAMS = Number(process.env.BENCH_WEBHOOK_TEAMS ?? 500);
const ENDPOINTS = 4;
const RATE = 100;
const STEADY_SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** A receiver that answers 204 at once and notes when each event arrived, by team name. */
async function startSink() {
  const arrivals = new Map<string, number>();
  let count = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      count++;
      const name = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { data: { display_name?: string } }).data.display_name;
      if (name && !arrivals.has(name)) arrivals.set(name, performance.now());
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, arrivals, count: () => count, close: () => server.close() };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * q))]!;
};

/** Queues TEAMS events for ENDPOINTS endpoints with every worker off, then times `instances` backends draining them. */
async function throughput(instances: number): Promise<number> {
  const deployment = await webhookDeployment({ STACK_WEBHOOK_CLAIM_LEASE_SECONDS: "60" });
  const sink = await startSink();
  try {
    const writer = await deployment.start({ STACK_WEBHOOK_WORKER_INTERVAL_MS: "0" });
    const api = apiOf(writer.url, deployment.keys);
    for (let i = 0; i < ENDPOINTS; i++) await api("POST", "/internal/webhooks/endpoints", { url: sink.url }, "admin");
    for (let made = 0; made < TEAMS; made += 25) await Promise.all(Array.from({ length: 25 }, (_, i) => api("POST", "/teams", { display_name: `t-${made + i}` })));
    await writer.stop();
    const total = TEAMS * ENDPOINTS;
    const started = performance.now();
    const workers = await Promise.all(Array.from({ length: instances }, () => deployment.start({ STACK_WEBHOOK_WORKER_INTERVAL_MS: "250" })));
    // Counted from the first instance's start: the start-up of the others is part of the figure.
    while (sink.count() < total) await sleep(20);
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(workers.map((worker) => worker.stop()));
    return total / seconds;
  } finally {
    sink.close();
    await deployment.drop();
  }
}

/** A steady RATE teams/s through the API of one instance with its worker at its default interval; commit → arrival. */
async function latency(): Promise<{ p50: number; p99: number; max: number; events: number }> {
  const deployment = await webhookDeployment({ STACK_WEBHOOK_WORKER_INTERVAL_MS: "250", STACK_WEBHOOK_CLAIM_LEASE_SECONDS: "60" });
  const sink = await startSink();
  const backend = await deployment.start();
  try {
    const api = apiOf(backend.url, deployment.keys);
    await api("POST", "/internal/webhooks/endpoints", { url: sink.url }, "admin");
    const committed = new Map<string, number>();
    const requests: Promise<unknown>[] = [];
    const start = performance.now();
    for (let i = 0; i < RATE * STEADY_SECONDS; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const name = `steady-${i}`;
      // The answer comes after the commit: the time it arrives is an upper bound of the commit's.
      requests.push(api("POST", "/teams", { display_name: name }).then(() => committed.set(name, performance.now())));
    }
    await Promise.all(requests);
    while (sink.arrivals.size < committed.size) await sleep(20);
    const delays = [...committed].map(([name, at]) => Math.max(0, sink.arrivals.get(name)! - at));
    return { p50: quantile(delays, 0.5), p99: quantile(delays, 0.99), max: Math.max(...delays), events: delays.length };
  } finally {
    await backend.stop();
    sink.close();
    await deployment.drop();
  }
}

export async function reportWebhooks(): Promise<void> {
  const rows: string[] = [];
  for (const instances of [1, 2]) {
    console.log(`Webhooks: ${TEAMS * ENDPOINTS} deliveries, ${instances} instance(s)…`);
    rows.push(`| ${instances} | ${TEAMS * ENDPOINTS} (${TEAMS} events × ${ENDPOINTS} endpoints) | ${(await throughput(instances)).toFixed(0)} deliveries/s |`);
  }
  console.log(`Webhooks: ${RATE} events/s for ${STEADY_SECONDS} s, commit → delivery…`);
  const steady = await latency();
  const table = [
    "| instances | deliveries | queued → delivered to a local receiver |",
    "|---:|---:|---:|",
    ...rows,
    "",
    `At a steady ${RATE} events/s for ${STEADY_SECONDS} s (${steady.events} events, one instance, worker interval 250 ms), commit → delivery: p50 ${steady.p50.toFixed(0)} ms, p99 ${steady.p99.toFixed(0)} ms, max ${steady.max.toFixed(0)} ms (target p99 < 1 s).`,
  ].join("\n");
  console.log(`\nWebhook delivery\n${table}\n`);
  const doc = here("../../../docs/benchmarks.md");
  const marker = /<!-- webhooks:start -->[\s\S]*<!-- webhooks:end -->/;
  const current = readFileSync(doc, "utf8");
  if (marker.test(current)) writeFileSync(doc, current.replace(marker, `<!-- webhooks:start -->\n${table}\n<!-- webhooks:end -->`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await reportWebhooks();
