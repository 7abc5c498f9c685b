import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { createFreshDatabase, startBackend } from "./backend-process";
import { type MailDev, startMailDev } from "./maildev";

// No import of ./rest: the benchmark uses this file outside vitest.
async function post(url: string, headers: Record<string, string>, body: unknown, method = "POST"): Promise<void> {
  const response = await fetch(url, { method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
}

/** A database, a maildev and the backend settings for both, apart from the main test deployment. */
export type Deployment = { env: Record<string, string>; keys: { publishableClientKey: string; superSecretAdminKey: string }; maildev: MailDev; db: pg.Pool; drop: () => Promise<void> };

export async function deployment(): Promise<Deployment> {
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
    CRON_SECRET: randomBytes(24).toString("base64url"),
  };
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  const drop = async () => {
    await db.end();
    await maildev.stop();
    await database.drop();
  };
  return { env, keys, maildev, db, drop };
}

/** Queues `count` sign-in emails through the API of an instance whose worker is off, so they all wait in the outbox. */
export async function queueEmails(target: Deployment, count: number): Promise<void> {
  const writer = await startBackend({ ...target.env, STACK_EMAIL_WORKER_INTERVAL_MS: "0" }, { quiet: true });
  try {
    const admin = { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "admin", "x-hexclave-super-secret-admin-key": target.keys.superSecretAdminKey };
    await post(`${writer.url}/api/v1/internal/projects/current`, admin, { config: { magic_link_enabled: true } }, "PATCH");
    const headers = { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "x-hexclave-publishable-client-key": target.keys.publishableClientKey };
    for (let sent = 0; sent < count; sent += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, count - sent) }, () =>
          post(`${writer.url}/api/v1/auth/otp/send-sign-in-code`, headers, {
            email: `outbox-${randomUUID().slice(0, 12)}@example.com`,
            callback_url: "http://localhost:3000/handler/magic-link-callback",
          }),
        ),
      );
    }
  } finally {
    await writer.stop();
  }
}

export async function outboxIds(target: Deployment): Promise<string[]> {
  return (await target.db.query("select id from email_outbox order by id")).rows.map((row: { id: string }) => row.id);
}

export async function waitUntilAllSent(target: Deployment, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await target.db.query("select count(*)::int as n from email_outbox where status <> 'sent'");
    if (rows[0].n === 0) return;
    if (Date.now() > deadline) throw new Error(`${rows[0].n} emails still unsent`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
