// Emails queued → delivered to maildev per second, with one and with two backend instances sharing the outbox.
// Run by `pnpm bench`; prints a table and keeps it in docs/benchmarks.md between the email markers.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type BackendProcess, startBackend } from "../src/harness/backend-process";
import { deployment, queueEmails, waitUntilAllSent } from "../src/harness/email-deployment";

const EMAILS = Number(process.env.BENCH_EMAILS ?? 1000);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Queues the emails with every worker off, then starts `instances` workers and times the outbox until it is empty. */
async function measure(instances: number): Promise<number> {
  const target = await deployment();
  const workers: BackendProcess[] = [];
  try {
    await queueEmails(target, EMAILS);
    // The workers start idle (cron-only), so the clock starts when they all may send.
    for (let i = 0; i < instances; i++) workers.push(await startBackend({ ...target.env, STACK_EMAIL_WORKER_INTERVAL_MS: "0" }, { quiet: true }));
    const started = Date.now();
    await Promise.all(
      workers.map(async (worker) => {
        for (;;) {
          const response = await fetch(`${worker.url}/api/latest/internal/email-queue-step`, { headers: { authorization: `Bearer ${target.env.CRON_SECRET}` } });
          const { sent, failed } = (await response.json()) as { sent: number; failed: number };
          if (sent + failed === 0) return;
        }
      }),
    );
    await waitUntilAllSent(target, 120_000);
    return EMAILS / ((Date.now() - started) / 1000);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await target.drop();
  }
}

export async function reportEmailThroughput(): Promise<void> {
  const rows: string[] = [];
  for (const instances of [1, 2]) {
    console.log(`Email outbox: ${EMAILS} emails, ${instances} instance(s)…`);
    const rate = await measure(instances);
    rows.push(`| ${instances} | ${EMAILS} | ${rate.toFixed(0)} emails/s |`);
  }
  const table = ["| instances | emails | queued → delivered to maildev |", "|---:|---:|---:|", ...rows].join("\n");
  console.log(`\nEmail outbox throughput\n${table}\n`);
  const doc = here("../../../docs/benchmarks.md");
  const marker = /<!-- email:start -->[\s\S]*<!-- email:end -->/;
  const current = readFileSync(doc, "utf8");
  if (marker.test(current)) writeFileSync(doc, current.replace(marker, `<!-- email:start -->\n${table}\n<!-- email:end -->`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await reportEmailThroughput();
