import { type Server, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackendProcess } from "../harness/backend-process";
import { responseCheckEnv } from "../harness/global-setup";
import { testEnv } from "../harness/rest";
import { startDnsServer } from "./dns-server";
import { type WebhookDeployment, apiOf, waitFor, webhookDeployment } from "./deployment";

// WH rows: deliveries resolve names through a real DNS server (STACK_WEBHOOK_DNS_SERVERS); a name that answers loopback,
// or that rebinds to it between one lookup and the next, never gets a connection to loopback.

const LOOPBACK_NAME = "loopback.hooks.test";
const MOVED_NAME = "moved.hooks.test";
const REBINDING_NAME = "rebind.hooks.test";
// Public to the policy, yet no host anywhere: the unassigned 3ffe::/16 (the 6bone's, returned in 2006). A public IPv4
// address would go wherever this machine's egress sends it; this one ends as a network error, reaching nothing.
const UNREACHABLE_PUBLIC = "3ffe:1900:4545:3:200:f8ff:fe21:67cf";
const NETWORK_ERROR = /^(Could not deliver: |No answer within )/;

type Delivery = { event_type: string; status: string; attempts: number; last_error: string | null; last_response_status: number | null };

let dns: Awaited<ReturnType<typeof startDnsServer>>;
let deployment: WebhookDeployment;
let backend: BackendProcess;
let api: ReturnType<typeof apiOf>;
// Listens where the names point on loopback and counts connections: none may arrive.
let trap: Server;
let trapPort: number;
let connections = 0;

beforeAll(async () => {
  dns = await startDnsServer({
    [LOOPBACK_NAME]: [{ A: ["127.0.0.1"] }],
    // Public when the endpoint is saved, loopback from then on.
    [MOVED_NAME]: [{ AAAA: [UNREACHABLE_PUBLIC] }, { A: ["127.0.0.1"] }, { A: ["127.0.0.1"] }, { A: ["127.0.0.1"] }],
    // Each lookup asks A and AAAA once: public on the odd lookups, loopback on the even ones.
    [REBINDING_NAME]: [{ AAAA: [UNREACHABLE_PUBLIC] }, { A: ["127.0.0.1"] }],
  });
  trap = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
  trapPort = (trap.address() as { port: number }).port;
  deployment = await webhookDeployment({
    ...responseCheckEnv(testEnv()),
    STACK_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "false",
    STACK_WEBHOOK_DNS_SERVERS: dns.address,
    // Two attempts per event, and a lease longer than any attempt, so each attempt is exactly one lookup.
    STACK_WEBHOOK_RETRY_SCHEDULE_SECONDS: "0.2",
    STACK_WEBHOOK_CLAIM_LEASE_SECONDS: "60",
  });
  backend = await deployment.start();
  api = apiOf(backend.url, deployment.keys);
});
afterAll(async () => {
  trap?.close();
  await backend?.stop();
  await deployment?.drop();
  await dns?.close();
});

async function endpointAt(hostname: string): Promise<string> {
  const created = await api<{ id: string }>("POST", "/internal/webhooks/endpoints", { url: `https://${hostname}:${trapPort}/hook`, event_types: ["team.created"] }, "admin");
  expect(created.status).toBe(201);
  return created.body.id;
}

async function sendTest(endpointId: string) {
  const sent = await api<{ success: boolean; error_message?: string }>("POST", "/internal/send-test-webhook", { endpoint_id: endpointId }, "admin");
  expect(sent.status).toBe(200);
  return sent.body;
}

async function deliveriesOf(endpointId: string): Promise<Delivery[]> {
  return (await api<{ items: Delivery[] }>("GET", `/internal/webhooks/endpoints/${endpointId}/deliveries`, undefined, "admin")).body.items;
}

/** Creates a team and waits until the endpoint's delivery of it has used up its attempts. */
async function failedTeamDelivery(endpointId: string): Promise<Delivery> {
  await api("POST", "/teams", { display_name: "DNS bait" });
  let delivery: Delivery | undefined;
  await waitFor(
    async () => {
      delivery = (await deliveriesOf(endpointId)).find((entry) => entry.event_type === "team.created" && entry.status === "failed");
      return delivery !== undefined;
    },
    60_000,
    "the team delivery to fail",
  );
  return delivery!;
}

describe("deliveries through the operator's DNS servers", () => {
  it("refuse to save a name that resolves to loopback, and refuse deliveries to one that moved there since, saying why", async () => {
    const saved = await api("POST", "/internal/webhooks/endpoints", { url: `https://${LOOPBACK_NAME}:${trapPort}/hook` }, "admin");
    expect(saved).toMatchObject({
      status: 400,
      body: { code: "WEBHOOK_ENDPOINT_URL_NOT_ALLOWED", details: { reason: `${LOOPBACK_NAME} resolves to 127.0.0.1 is a loopback address.` } },
    });
    expect(dns.queries(LOOPBACK_NAME)).toEqual({ A: 1, AAAA: 1 });

    const endpointId = await endpointAt(MOVED_NAME);
    const refusal = `Refused: ${MOVED_NAME} resolves to 127.0.0.1 is a loopback address.`;
    expect(await sendTest(endpointId)).toEqual({ success: false, error_message: refusal });
    expect(await failedTeamDelivery(endpointId)).toMatchObject({ attempts: 2, last_error: refusal, last_response_status: null });
    expect(dns.queries(MOVED_NAME)).toEqual({ A: 4, AAAA: 4 });
    expect(connections).toBe(0);
  });

  it("connect only to the addresses they checked when a name rebinds to loopback between lookups", { timeout: 120_000 }, async () => {
    // Saved on a public answer.
    const endpointId = await endpointAt(REBINDING_NAME);
    expect(dns.queries(REBINDING_NAME)).toEqual({ A: 1, AAAA: 1 });
    const refusal = `Refused: ${REBINDING_NAME} resolves to 127.0.0.1 is a loopback address.`;

    expect(await sendTest(endpointId)).toEqual({ success: false, error_message: refusal });
    expect(dns.queries(REBINDING_NAME)).toEqual({ A: 2, AAAA: 2 });
    const publicLookup = await sendTest(endpointId);
    expect(publicLookup.success).toBe(false);
    expect(publicLookup.error_message).toMatch(NETWORK_ERROR);
    expect(connections).toBe(0);
    expect(dns.queries(REBINDING_NAME)).toEqual({ A: 3, AAAA: 3 });

    // The event's first attempt gets the loopback answer, its retry the public one.
    const delivery = await failedTeamDelivery(endpointId);
    expect(delivery).toMatchObject({ attempts: 2, last_response_status: null });
    expect(delivery.last_error).toMatch(NETWORK_ERROR);
    // One lookup per attempt: a second lookup between the check and the connect would have reached the trap.
    expect(dns.queries(REBINDING_NAME)).toEqual({ A: 5, AAAA: 5 });

    const tests = (await deliveriesOf(endpointId)).filter((entry) => entry.event_type === "stack.test");
    expect(tests.map((entry) => ({ status: entry.status, last_response_status: entry.last_response_status }))).toEqual([
      { status: "failed", last_response_status: null },
      { status: "failed", last_response_status: null },
    ]);
    expect(tests[0]!.last_error).toMatch(NETWORK_ERROR);
    expect(tests[1]!.last_error).toBe(refusal);
    expect(connections).toBe(0);
  });
});
