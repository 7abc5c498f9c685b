import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { type Deployment, deployment, outboxIds, queueEmails, waitUntilAllSent } from "../harness/email-deployment";
import { listEmails } from "../harness/maildev";

// No email lost when a sender is killed mid-send, and two instances sharing the outbox through leases, on databases of their own.

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
