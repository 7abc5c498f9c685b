import { type Server, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackendProcess } from "../harness/backend-process";
import { responseCheckEnv } from "../harness/global-setup";
import { testEnv } from "../harness/rest";
import { type WebhookDeployment, apiOf, waitFor, webhookDeployment } from "./deployment";

// WH rows: a server that does not allow private networks refuses to save an endpoint there, and refuses every delivery
// to one before connecting, saying why in the delivery log.

let deployment: WebhookDeployment;
let backend: BackendProcess;
let api: ReturnType<typeof apiOf>;
// Listens on loopback (both families) and counts connections: none may arrive.
let trap: Server;
let trapV6: Server | null = null;
let connections = 0;

async function listen(server: Server, host: string, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  deployment = await webhookDeployment({ ...responseCheckEnv(testEnv()), STACK_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "false" });
  backend = await deployment.start();
  api = apiOf(backend.url, deployment.keys);
  trap = createServer((socket) => {
    connections++;
    socket.destroy();
  });
});
afterAll(async () => {
  trap?.close();
  trapV6?.close();
  await backend?.stop();
  await deployment?.drop();
});

describe("the SSRF guard", () => {
  it("refuses to save an endpoint at loopback, link-local or private addresses, or at a name resolving to one", async () => {
    const refused = {
      "https://127.0.0.1:8443/hook": "127.0.0.1 is a loopback address.",
      "https://[::1]/hook": "::1 is a loopback address.",
      "https://169.254.169.254/latest/meta-data/": "169.254.169.254 is a link-local address (cloud metadata services live there).",
      "https://10.0.0.1/hook": "10.0.0.1 is a private address.",
      "https://localhost/hook": "localhost resolves to",
      // http is refused outright outside development.
      "http://127.0.0.1/hook": "webhooks are sent over https only.",
    };
    const { body: created } = await api<{ id: string }>("POST", "/internal/webhooks/endpoints", { url: "https://93.184.216.34/hook" }, "admin");
    for (const [url, why] of Object.entries(refused)) {
      const answer = await api<{ code: string; details: { reason: string } }>("POST", "/internal/webhooks/endpoints", { url }, "admin");
      expect(answer, url).toMatchObject({ status: 400, body: { code: "WEBHOOK_ENDPOINT_URL_NOT_ALLOWED" } });
      expect(answer.body.details.reason, url).toContain(why);
      const moved = await api("PATCH", `/internal/webhooks/endpoints/${created.id}`, { url }, "admin");
      expect(moved, url).toMatchObject({ status: 400, body: { code: "WEBHOOK_ENDPOINT_URL_NOT_ALLOWED" } });
    }
    const listed = await api<{ items: { url: string }[] }>("GET", "/internal/webhooks/endpoints", undefined, "admin");
    expect(listed.body.items.map((endpoint) => endpoint.url)).toEqual(["https://93.184.216.34/hook"]);
    await api("DELETE", `/internal/webhooks/endpoints/${created.id}`, undefined, "admin");
  });

  it("refuses every delivery to them, before connecting, with a delivery log entry, for endpoints saved while they were allowed", async () => {
    const port = await listen(trap, "127.0.0.1");
    trapV6 = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await listen(trapV6, "::1", port).catch(() => undefined);
    const targets = {
      [`https://127.0.0.1:${port}/hook`]: "Refused: 127.0.0.1 is a loopback address.",
      [`https://[::1]:${port}/hook`]: "Refused: ::1 is a loopback address.",
      "https://169.254.169.254/latest/meta-data/": "Refused: 169.254.169.254 is a link-local address (cloud metadata services live there).",
      "https://10.0.0.1/hook": "Refused: 10.0.0.1 is a private address.",
      "https://[::ffff:10.0.0.1]/hook": "Refused: ::ffff:a00:1 is a private address.",
      [`https://localhost:${port}/hook`]: "Refused: localhost resolves to",
    };
    // The operator allowed private networks when these were saved, and no longer does.
    await backend.stop();
    const permissive = await deployment.start({ STACK_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" });
    const permissiveApi = apiOf(permissive.url, deployment.keys);
    const endpoints: [string, string][] = [];
    for (const [url, why] of Object.entries(targets)) {
      const created = await permissiveApi<{ id: string }>("POST", "/internal/webhooks/endpoints", { url }, "admin");
      expect(created.status, url).toBe(201);
      endpoints.push([created.body.id, why]);
    }
    await permissive.stop();
    backend = await deployment.start();
    api = apiOf(backend.url, deployment.keys);

    await api("POST", "/teams", { display_name: "SSRF bait" });
    for (const [id, why] of endpoints) {
      let entry: { last_error: string | null; last_response_status: number | null } | undefined;
      await waitFor(
        async () => {
          const log = await api<{ items: { last_error: string | null; last_response_status: number | null }[] }>("GET", `/internal/webhooks/endpoints/${id}/deliveries`, undefined, "admin");
          entry = log.body.items[0];
          return Boolean(entry?.last_error);
        },
        10_000,
        `the refusal of ${why}`,
      );
      expect(entry!.last_error).toContain(why);
      expect(entry!.last_response_status).toBeNull();
    }
    const test = await api<{ success: boolean; error_message: string }>("POST", "/internal/send-test-webhook", { endpoint_id: endpoints[0]![0] }, "admin");
    expect(test.body).toEqual({ success: false, error_message: targets[`https://127.0.0.1:${port}/hook`] });
    expect(connections).toBe(0);
  });
});
