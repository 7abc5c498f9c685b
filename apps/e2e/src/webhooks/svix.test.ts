import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackendProcess } from "../harness/backend-process";
import { responseCheckEnv } from "../harness/global-setup";
import { testEnv } from "../harness/rest";
import { type WebhookDeployment, apiOf, waitFor, webhookDeployment } from "./deployment";
import { startSvixStandIn } from "./svix-stand-in";

// With STACK_SVIX_API_KEY, events go to Svix through the svix client (here to a local stand-in of its API).

let deployment: WebhookDeployment;
let backend: BackendProcess;
let svix: Awaited<ReturnType<typeof startSvixStandIn>>;
let api: ReturnType<typeof apiOf>;

beforeAll(async () => {
  svix = await startSvixStandIn("testsk_hexclave_e2e");
  deployment = await webhookDeployment({ ...responseCheckEnv(testEnv()), STACK_SVIX_API_KEY: "testsk_hexclave_e2e", STACK_SVIX_SERVER_URL: svix.url });
  backend = await deployment.start();
  api = apiOf(backend.url, deployment.keys);
});
afterAll(async () => {
  await backend?.stop();
  await svix?.close();
  await deployment?.drop();
});

describe("the Svix hand-off", () => {
  it("answers svix-token with an app portal token of the project's application", async () => {
    const answer = await api<{ token: string; url: string }>("POST", "/webhooks/svix-token", {}, "admin");
    expect(answer.status).toBe(201);
    expect(answer.body.token).toMatch(/^appsk_/);
    expect(answer.body.url).toMatch(/^https:\/\//);
    expect([...svix.apps.keys()]).toEqual(["internal"]);
    expect((await api("POST", "/webhooks/svix-token", {}, "server")).status).toBe(401);
  });

  it("hands each event to Svix once, with its type, its id as the idempotency key and the catalog payload", async () => {
    const team = await api<{ id: string }>("POST", "/teams", { display_name: "Via Svix" });
    await api("DELETE", `/teams/${team.body.id}`);
    await waitFor(() => svix.messages.length >= 2, 10_000, "two messages at Svix");
    expect(svix.messages.map((message) => [message.appId, message.eventType])).toEqual([
      ["internal", "team.created"],
      ["internal", "team.deleted"],
    ]);
    expect(svix.messages[0]!.payload).toEqual({ type: "team.created", data: team.body });
    expect(svix.messages[0]!.eventId).toMatch(/^msg_/);
    const { rows } = await deployment.db.query("select count(*)::int as n from webhook_events where svix_relayed_at is null");
    expect(rows[0].n).toBe(0);
  });
});
