import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackendProcess } from "../harness/backend-process";
import { responseCheckEnv } from "../harness/global-setup";
import { testEnv } from "../harness/rest";
import { type WebhookDeployment, apiOf, startReceiver, waitFor, webhookDeployment } from "./deployment";

// FT rows for webhooks: nothing lost when the delivering instance is SIGKILLed, nothing sent twice by two instances.

let deployment: WebhookDeployment;
const running: BackendProcess[] = [];

beforeAll(async () => {
  deployment = await webhookDeployment(responseCheckEnv(testEnv()));
});
afterAll(async () => {
  await Promise.all(running.map((backend) => backend.stop()));
  await deployment?.drop();
});

/** Adds an endpoint and queues `count` team.created events through an instance whose worker is off. */
async function queueEvents(url: string, count: number): Promise<{ secret: string; endpointId: string }> {
  const writer = await deployment.start({ STACK_WEBHOOK_WORKER_INTERVAL_MS: "0" });
  try {
    const api = apiOf(writer.url, deployment.keys);
    const endpoint = await api<{ id: string; secret: string }>("POST", "/internal/webhooks/endpoints", { url }, "admin");
    for (let made = 0; made < count; made += 20) {
      await Promise.all(Array.from({ length: Math.min(20, count - made) }, (_, i) => api("POST", "/teams", { display_name: `fault-${made + i}` })));
    }
    return { secret: endpoint.body.secret, endpointId: endpoint.body.id };
  } finally {
    await writer.stop();
  }
}

async function eventIdsOf(endpointId: string): Promise<string[]> {
  const { rows } = await deployment.db.query("select event_id from webhook_deliveries where endpoint_id = $1 order by event_id", [endpointId]);
  return rows.map((row: { event_id: string }) => row.event_id);
}

async function undelivered(endpointId: string): Promise<number> {
  const { rows } = await deployment.db.query("select count(*)::int as n from webhook_deliveries where endpoint_id = $1 and status <> 'delivered'", [endpointId]);
  return rows[0].n;
}

describe("webhook delivery under faults", () => {
  it("delivers every committed event despite SIGKILLs and a receiver failing 30% of requests; repeats carry the same webhook-id", async () => {
    const receiver = await startReceiver({ failRate: 0.3 });
    const { secret, endpointId } = await queueEvents(receiver.url, 200);
    receiver.state.secrets.push(secret);
    const ids = await eventIdsOf(endpointId);
    expect(ids).toHaveLength(200);

    let kills = 0;
    while (kills < 4) {
      const victim = await deployment.start();
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 600));
      victim.process.kill("SIGKILL");
      await new Promise((resolve) => victim.process.once("exit", resolve));
      kills++;
    }
    running.push(await deployment.start());
    await waitFor(async () => (await undelivered(endpointId)) === 0, 45_000, "every delivery");

    const copies = new Map<string, string[]>();
    for (const event of receiver.state.received) copies.set(event.id, [...(copies.get(event.id) ?? []), event.body]);
    expect([...copies.keys()].sort()).toEqual(ids);
    // A repeat is the same event: same id, same body.
    for (const bodies of copies.values()) expect(new Set(bodies).size).toBe(1);
    expect(receiver.state.unverified).toBe(0);
    const repeated = [...copies.values()].filter((bodies) => bodies.length > 1).length;
    console.log(`WH-FT: 200 events, ${kills} SIGKILLs, receiver failing 30%: all delivered, ${repeated} received more than once (same webhook-id)`);
    await Promise.all(running.splice(0).map((backend) => backend.stop()));
    await receiver.close();
  }, 120_000);

  it("delivers each event exactly once with two instances sharing the queue", async () => {
    const receiver = await startReceiver();
    const { secret, endpointId } = await queueEvents(receiver.url, 150);
    receiver.state.secrets.push(secret);
    // Leases well above any delivery's time here, so only a real retry could repeat one.
    for (let i = 0; i < 2; i++) running.push(await deployment.start({ STACK_WEBHOOK_CLAIM_LEASE_SECONDS: "30" }));
    await waitFor(async () => (await undelivered(endpointId)) === 0, 30_000, "every delivery");
    const received = receiver.state.received.map((event) => event.id);
    expect(received.sort()).toEqual(await eventIdsOf(endpointId));
    expect(new Set(received).size).toBe(received.length);
    await receiver.close();
  }, 90_000);
});
