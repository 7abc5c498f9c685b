import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackendProcess } from "../harness/backend-process";
import { responseCheckEnv } from "../harness/global-setup";
import { testEnv } from "../harness/rest";
import { type WebhookDeployment, apiOf, startReceiver, waitFor, webhookDeployment } from "./deployment";

// FT rows for webhooks: nothing lost and order kept when the delivering instance is SIGKILLed, nothing sent twice by two instances.

const EVENTS = 1000;
const KILLS = 8;

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

/** The endpoint's event ids in the order the events were committed. */
async function eventIdsOf(endpointId: string): Promise<string[]> {
  const { rows } = await deployment.db.query("select event_id from webhook_deliveries where endpoint_id = $1 order by event_seq", [endpointId]);
  return rows.map((row: { event_id: string }) => row.event_id);
}

async function undelivered(endpointId: string): Promise<number> {
  const { rows } = await deployment.db.query("select count(*)::int as n from webhook_deliveries where endpoint_id = $1 and status <> 'delivered'", [endpointId]);
  return rows[0].n;
}

describe("webhook delivery under faults", () => {
  it("delivers every committed event in order despite 8 SIGKILLs and a receiver failing 30% of requests; repeats carry the same webhook-id", async () => {
    const receiver = await startReceiver({ failRate: 0.3 });
    const { secret, endpointId } = await queueEvents(receiver.url, EVENTS);
    receiver.state.secrets.push(secret);
    const ids = await eventIdsOf(endpointId);
    expect(ids).toHaveLength(EVENTS);

    // Short leases and retries, so the queue recovers from each kill quickly; each instance dies at a random point
    // of its run, mid-delivery as often as not.
    const fast = { STACK_WEBHOOK_CLAIM_LEASE_SECONDS: "1", STACK_WEBHOOK_RETRY_SCHEDULE_SECONDS: "0.02,0.05,0.1,0.2,0.5,1,1,1,1,1" };
    const deliveredAtKill: number[] = [];
    for (let kills = 0; kills < KILLS; kills++) {
      const victim = await deployment.start(fast);
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1500));
      victim.process.kill("SIGKILL");
      await new Promise((resolve) => victim.process.once("exit", resolve));
      deliveredAtKill.push(EVENTS - (await undelivered(endpointId)));
    }
    running.push(await deployment.start(fast));
    await waitFor(async () => (await undelivered(endpointId)) === 0, 150_000, "every delivery");

    const copies = new Map<string, string[]>();
    for (const event of receiver.state.received) copies.set(event.id, [...(copies.get(event.id) ?? []), event.body]);
    expect([...copies.keys()].sort()).toEqual([...ids].sort());
    // First arrivals follow commit order: a retried or re-sent delivery held back the ones behind it.
    expect([...copies.keys()]).toEqual(ids);
    // A repeat is the same event: same id, same body.
    for (const bodies of copies.values()) expect(new Set(bodies).size).toBe(1);
    expect(receiver.state.unverified).toBe(0);
    const repeated = [...copies.values()].filter((bodies) => bodies.length > 1).length;
    console.log(
      `WH-FT: ${EVENTS} events, ${KILLS} SIGKILLs (delivered before each: ${deliveredAtKill.join(", ")}), receiver failing 30% of ${receiver.state.requests} requests: all delivered in order, ${repeated} received more than once (same webhook-id)`,
    );
    await Promise.all(running.splice(0).map((backend) => backend.stop()));
    await receiver.close();
  }, 300_000);

  it("delivers each event exactly once with two instances sharing the queue", async () => {
    const receiver = await startReceiver();
    const { secret, endpointId } = await queueEvents(receiver.url, 150);
    receiver.state.secrets.push(secret);
    // Leases well above any delivery's time here, so only a real retry could repeat one.
    for (let i = 0; i < 2; i++) running.push(await deployment.start({ STACK_WEBHOOK_CLAIM_LEASE_SECONDS: "30" }));
    await waitFor(async () => (await undelivered(endpointId)) === 0, 30_000, "every delivery");
    const received = receiver.state.received.map((event) => event.id);
    expect([...received].sort()).toEqual((await eventIdsOf(endpointId)).sort());
    expect(new Set(received).size).toBe(received.length);
    await receiver.close();
  }, 90_000);
});
