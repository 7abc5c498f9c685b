import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, createFreshDatabase, startBackend } from "../harness/backend-process";
import { type MailDev, listEmails, startMailDev } from "../harness/maildev";
import { api, enableMagicLinks, uniqueEmail } from "../harness/rest";

// SECURITY-TESTS FT-01 (kill -9 while sending) and JQ-01/JQ-02 (two instances, leases), on databases of their own.

type Deployment = { env: Record<string, string>; keys: { publishableClientKey: string; superSecretAdminKey: string }; maildev: MailDev; db: pg.Pool; drop: () => Promise<void> };

async function deployment(): Promise<Deployment> {
  const database = await createFreshDatabase("hexclave_faults");
  const maildev = await startMailDev();
  const keys = { publishableClientKey: `pck_${randomBytes(20).toString("hex")}`, superSecretAdminKey: `sak_${randomBytes(20).toString("hex")}` };
  const env = {
    STACK_DATABASE_CONNECTION_STRING: database.url,
    STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
    STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: keys.publishableClientKey,
    STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: keys.superSecretAdminKey,
    STACK_EMAIL_HOST: "127.0.0.1",
    STACK_EMAIL_PORT: String(maildev.smtpPort),
    STACK_EMAIL_SECURE: "false",
    STACK_EMAIL_RATE_LIMIT_PER_IP: "1000000",
    STACK_EMAIL_CLAIM_LEASE_SECONDS: "2",
  };
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  return { env, keys, maildev, db, drop: async () => (await db.end(), await maildev.stop(), await database.drop()) };
}

/** Queues `count` sign-in emails through the API of an instance whose worker is off, so they all wait in the outbox. */
async function queueEmails(target: Deployment, count: number): Promise<void> {
  const writer = await startBackend({ ...target.env, STACK_EMAIL_WORKER_INTERVAL_MS: "0" }, { quiet: true });
  try {
    await enableMagicLinks({ projectId: "internal", superSecretAdminKey: target.keys.superSecretAdminKey, baseUrl: writer.url });
    const headers = { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "x-hexclave-publishable-client-key": target.keys.publishableClientKey };
    for (let sent = 0; sent < count; sent += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, count - sent) }, async () => {
          const response = await api("/api/v1/auth/otp/send-sign-in-code", {
            baseUrl: writer.url,
            headers,
            body: { email: uniqueEmail("outbox"), callback_url: "http://localhost:3000/handler/magic-link-callback" },
          });
          if (response.status !== 200) throw new Error(`queueing failed: ${response.status} ${response.text}`);
        }),
      );
    }
  } finally {
    await writer.stop();
  }
}

async function outboxIds(target: Deployment): Promise<string[]> {
  return (await target.db.query("select id from email_outbox order by id")).rows.map((row: { id: string }) => row.id);
}

async function waitUntilAllSent(target: Deployment, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await target.db.query("select count(*)::int as n from email_outbox where status <> 'sent'");
    if (rows[0].n === 0) return;
    if (Date.now() > deadline) throw new Error(`${rows[0].n} emails still unsent`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Message-ID (`<row id@host>`, maildev strips the brackets) → how many copies arrived. */
async function deliveriesByRow(target: Deployment): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const mail of await listEmails(target.maildev.webUrl)) {
    const rowId = mail.messageId.split("@")[0]!;
    counts.set(rowId, (counts.get(rowId) ?? 0) + 1);
  }
  return counts;
}

describe("the email outbox under faults", () => {
  let fault: Deployment;
  let pair: Deployment;
  const running: BackendProcess[] = [];

  beforeAll(async () => {
    [fault, pair] = [await deployment(), await deployment()];
  }, 60_000);
  afterAll(async () => {
    await Promise.all(running.map((backend) => backend.stop()));
    await fault?.drop();
    await pair?.drop();
  });

  it("delivers every committed email despite SIGKILLs mid-send; repeats carry the row's Message-ID", async () => {
    await queueEmails(fault, 500);
    const ids = await outboxIds(fault);
    expect(ids).toHaveLength(500);

    let kills = 0;
    while (kills < 8) {
      const victim = await startBackend({ ...fault.env, STACK_EMAIL_WORKER_INTERVAL_MS: "10" }, { quiet: true });
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 500));
      victim.process.kill("SIGKILL");
      await new Promise((resolve) => victim.process.once("exit", resolve));
      kills++;
    }
    const survivor = await startBackend({ ...fault.env, STACK_EMAIL_WORKER_INTERVAL_MS: "10" }, { quiet: true });
    running.push(survivor);
    await waitUntilAllSent(fault, 60_000);

    await expect.poll(async () => (await deliveriesByRow(fault)).size, { timeout: 15_000 }).toBe(500);
    const deliveries = await deliveriesByRow(fault);
    expect([...deliveries.keys()].sort()).toEqual(ids);
    const repeated = [...deliveries.values()].filter((copies) => copies > 1).length;
    // Only rows in flight at a kill can be sent twice: at most a claimed batch (20) per kill.
    expect(repeated).toBeLessThanOrEqual(kills * 20);
    console.log(`FT-01: 500 emails, ${kills} SIGKILLs, ${repeated} delivered more than once (same Message-ID)`);
  }, 180_000);

  it("sends each email exactly once with two instances sharing the outbox", async () => {
    await queueEmails(pair, 300);
    for (let i = 0; i < 2; i++) running.push(await startBackend({ ...pair.env, STACK_EMAIL_WORKER_INTERVAL_MS: "10" }, { quiet: true }));
    await waitUntilAllSent(pair, 60_000);
    await expect.poll(async () => (await listEmails(pair.maildev.webUrl)).length, { timeout: 15_000 }).toBe(300);
    const deliveries = await deliveriesByRow(pair);
    expect(deliveries.size).toBe(300);
    expect([...deliveries.values()].every((copies) => copies === 1)).toBe(true);
  }, 120_000);
});
