import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { Webhook } from "svix";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "../../db/schema";
import { inTenancy } from "../../db/tenant-scope";
import { webhookDepsOf } from "../../services";
import { createTestServices } from "../../testing/test-services";
import { createProject } from "../projects/projects";
import type { Tenancy } from "../projects/tenancy";
import { createTeam } from "../teams/teams";
import { createUser } from "../users/create-user";
import { getUserRecord } from "../users/user-record";
import { toServerUserJson } from "../users/user-json";
import { retryDelaySeconds } from "./deliveries";
import { createEndpoint, rotateEndpointSecret, updateEndpoint } from "./endpoints";
import { runWebhookStep } from "./worker";

let services: Awaited<ReturnType<typeof createTestServices>>;
let receiver: Server;
let receiverUrl: string;
// What the receiver answers next (a status, or one with headers), then 200; and every request it got.
const answers: (number | { status: number; headers: Record<string, string> })[] = [];
const received: { headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  services = await createTestServices({
    webhooks: { workerIntervalMs: 0, claimLeaseSeconds: 30, allowPrivateNetworks: true, retryScheduleSeconds: [0.05, 0.05], svix: null },
  });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers.shift() ?? 200;
      if (typeof answer === "number") response.writeHead(answer).end("ok");
      else response.writeHead(answer.status, answer.headers).end("slow down");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // A migrated in-memory database takes a while on a busy machine.
}, 60_000);
afterAll(async () => {
  receiver.close();
  await services.close();
});

async function newTenancy(): Promise<Tenancy> {
  const project = await createProject(services.db, { display_name: "Hooks", owner_team_id: null });
  return (await services.projects.getTenancy(project.id))!;
}

const eventsOf = (tenancy: Tenancy) => services.db.select().from(webhookEvents).where(inTenancy(tenancy, webhookEvents)).orderBy(webhookEvents.seq);
const deliveriesOf = (tenancy: Tenancy) => services.db.select().from(webhookDeliveries).where(inTenancy(tenancy, webhookDeliveries)).orderBy(webhookDeliveries.eventSeq);

async function drain(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const { delivered, failed } = await runWebhookStep(webhookDepsOf(services));
    if (delivered + failed === 0) {
      const open = await services.db
        .select()
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(and(eq(webhookDeliveries.status, "pending"), eq(webhookEndpoints.enabled, true)));
      if (open.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  }
}

describe("emitting", () => {
  it("writes user creation's events in its statement, with the payload the API answers, for the endpoints whose filter takes them", async () => {
    const tenancy = await newTenancy();
    const all = await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl });
    const updatesOnly = await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl, eventTypes: ["user.updated"] });
    const { user } = await createUser(services.db, tenancy, { primaryEmail: "a@example.com", displayName: "Ada" });
    const events = await eventsOf(tenancy);
    expect(events.map((event) => event.type)).toEqual(["user.created"]);
    const stored = (await getUserRecord(services.db, tenancy, user.row.id))!;
    expect(events[0]!.data).toEqual(toServerUserJson(stored, tenancy.config));
    const deliveries = await deliveriesOf(tenancy);
    expect(deliveries.map((row) => [row.endpointId, row.eventId])).toEqual([[all.row.id, events[0]!.id]]);
    expect(deliveries.some((row) => row.endpointId === updatesOnly.row.id)).toBe(false);
  });

  it("writes nothing for a change that rolls back", async () => {
    const tenancy = await newTenancy();
    await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl });
    await expect(
      services.db.transaction(async (tx) => {
        await createTeam(tx, tenancy, { displayName: "Gone", creatorUserId: null });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await eventsOf(tenancy)).toEqual([]);
    expect(await deliveriesOf(tenancy)).toEqual([]);
  });

  it("queues nothing for a disabled endpoint", async () => {
    const tenancy = await newTenancy();
    await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl, enabled: false });
    await createTeam(services.db, tenancy, { displayName: "Quiet", creatorUserId: null });
    expect(await eventsOf(tenancy)).toHaveLength(1);
    expect(await deliveriesOf(tenancy)).toEqual([]);
  });
});

describe("delivering", () => {
  // Whatever earlier tests queued is sent first, so each test sees only its own deliveries.
  beforeEach(async () => {
    await drain();
    received.length = 0;
    answers.length = 0;
  });

  it("signs each delivery so svix verifies it, in event order, retrying a failure with the same webhook-id", async () => {
    const tenancy = await newTenancy();
    const { secret } = await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl });
    answers.push(500);
    for (const name of ["one", "two", "three"]) await createTeam(services.db, tenancy, { displayName: name, creatorUserId: null });
    await drain();
    const names = received.map(({ headers, body }) => {
      new Webhook(secret).verify(body, headers);
      return [headers["webhook-id"], (JSON.parse(body) as { data: { display_name: string } }).data.display_name];
    });
    // The first answer failed: the retry, once due, carried the same id, and held back the later events until then.
    expect(names.map(([, name]) => name)).toEqual(["one", "one", "two", "three"]);
    expect(new Set(names.filter(([, name]) => name === "one").map(([id]) => id)).size).toBe(1);
    const deliveries = await deliveriesOf(tenancy);
    expect(deliveries.map((row) => [row.status, row.attempts])).toEqual([["delivered", 2], ["delivered", 1], ["delivered", 1]]);
  });

  it("fails a delivery after the last retry, and turns the endpoint off when nothing got through", async () => {
    const tenancy = await newTenancy();
    const { row } = await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl });
    answers.push(503, 503, 503);
    await createTeam(services.db, tenancy, { displayName: "doomed", creatorUserId: null });
    await drain();
    const [delivery] = await deliveriesOf(tenancy);
    expect(delivery).toMatchObject({ status: "failed", attempts: 3, lastResponseStatus: 503, lastError: "Answered 503." });
    const [endpoint] = await services.db.select().from(webhookEndpoints).where(inTenancy(tenancy, webhookEndpoints, eq(webhookEndpoints.id, row.id)));
    expect(endpoint).toMatchObject({ enabled: false });
    expect(endpoint!.disabledReason).toContain("every delivery attempt failed");
  });

  it("holds the later events behind one that runs out of attempts, and sends them in order once the endpoint is on again", async () => {
    const tenancy = await newTenancy();
    const { row } = await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl });
    answers.push(503, 503, 503);
    for (const name of ["stuck", "next", "last"]) await createTeam(services.db, tenancy, { displayName: name, creatorUserId: null });
    await drain();
    const namesReceived = () => received.map(({ body }) => (JSON.parse(body) as { data: { display_name: string } }).data.display_name);
    expect(namesReceived()).toEqual(["stuck", "stuck", "stuck"]);
    expect((await deliveriesOf(tenancy)).map((delivery) => delivery.status)).toEqual(["failed", "pending", "pending"]);
    await updateEndpoint(services.db, tenancy, row.id, { enabled: true });
    await drain();
    expect(namesReceived()).toEqual(["stuck", "stuck", "stuck", "next", "last"]);
  });

  it("turns the endpoint off at once on 410 Gone", async () => {
    const tenancy = await newTenancy();
    await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl });
    answers.push(410);
    await createTeam(services.db, tenancy, { displayName: "gone", creatorUserId: null });
    await drain();
    const [delivery] = await deliveriesOf(tenancy);
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, lastResponseStatus: 410 });
    const [endpoint] = await services.db.select().from(webhookEndpoints).where(inTenancy(tenancy, webhookEndpoints));
    expect(endpoint!.disabledReason).toContain("410");
  });

  it("waits at least as long as a 429's Retry-After asks, longer than its backoff step", async () => {
    const tenancy = await newTenancy();
    const { row } = await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl });
    answers.push({ status: 429, headers: { "retry-after": "120" } });
    await createTeam(services.db, tenancy, { displayName: "throttled", creatorUserId: null });
    const before = Date.now();
    await runWebhookStep(webhookDepsOf(services));
    const [delivery] = await deliveriesOf(tenancy);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastResponseStatus: 429, lastError: "Answered 429." });
    // The schedule's step here is 0.05 s.
    expect(delivery!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 119_000);
    expect(received).toHaveLength(1);
    await updateEndpoint(services.db, tenancy, row.id, { enabled: false });
  });

  it("signs with both secrets during a rotation's grace period", async () => {
    const tenancy = await newTenancy();
    const created = await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: receiverUrl });
    const rotated = await rotateEndpointSecret(services.db, tenancy, "unit-test-secret-0123456789", created.row.id);
    await createTeam(services.db, tenancy, { displayName: "rotated", creatorUserId: null });
    await drain();
    const [{ headers, body }] = received as [(typeof received)[number]];
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    new Webhook(created.secret).verify(body, headers);
    new Webhook(rotated.secret).verify(body, headers);
  });

  it("refuses a name that resolves to a private address, before connecting, and logs why", async () => {
    const tenancy = await newTenancy();
    await createEndpoint(services.db, tenancy, "unit-test-secret-0123456789", { url: "https://hooks.example.test/in" });
    await createTeam(services.db, tenancy, { displayName: "ssrf", creatorUserId: null });
    const asked: string[] = [];
    const deps = {
      ...webhookDepsOf(services),
      policy: { allowPrivateNetworks: false, isDevelopment: false },
      resolver: async (hostname: string) => {
        asked.push(hostname);
        return [
          { address: "93.184.215.14", family: 4 },
          { address: "10.0.0.1", family: 4 },
        ];
      },
    };
    await runWebhookStep(deps);
    expect(asked).toEqual(["hooks.example.test"]);
    const [delivery] = await deliveriesOf(tenancy);
    expect(delivery!.lastError).toBe("Refused: hooks.example.test resolves to 10.0.0.1 is a private address.");
    expect(delivery!.lastResponseStatus).toBeNull();
  });
});

describe("retryDelaySeconds", () => {
  it("draws each wait below its step of the schedule, and has none past its end", () => {
    const schedule = [5, 300, 1800];
    expect(retryDelaySeconds(schedule, 1, () => 0.5)).toBe(2.5);
    expect(retryDelaySeconds(schedule, 2, () => 0.999)).toBeCloseTo(299.7);
    expect(retryDelaySeconds(schedule, 3, () => 0)).toBe(0.1);
    expect(retryDelaySeconds(schedule, 4)).toBeNull();
    for (let i = 0; i < 100; i++) expect(retryDelaySeconds(schedule, 2)!).toBeLessThanOrEqual(300);
  });
});
