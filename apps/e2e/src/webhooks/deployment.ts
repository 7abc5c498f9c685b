import { randomBytes } from "node:crypto";
import { type IncomingHttpHeaders, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { Webhook } from "svix";
import { type BackendOptions, type BackendProcess, createFreshDatabase, startBackend } from "../harness/backend-process";

// No import of vitest: the benchmark uses this file too.

/** A database of its own and the settings of backends on it, with the internal project's keys to drive it. */
export type WebhookDeployment = {
  env: Record<string, string>;
  db: pg.Pool;
  start: (env?: Record<string, string>, options?: BackendOptions) => Promise<BackendProcess>;
  drop: () => Promise<void>;
  keys: { secretServerKey: string; superSecretAdminKey: string };
};

export async function webhookDeployment(env: Record<string, string> = {}): Promise<WebhookDeployment> {
  const database = await createFreshDatabase("hexclave_webhooks");
  const keys = { secretServerKey: `ssk_${randomBytes(20).toString("hex")}`, superSecretAdminKey: `sak_${randomBytes(20).toString("hex")}` };
  const settings = {
    STACK_DATABASE_CONNECTION_STRING: database.url,
    STACK_SERVER_SECRET: randomBytes(32).toString("base64url"),
    STACK_SEED_INTERNAL_PROJECT_SECRET_SERVER_KEY: keys.secretServerKey,
    STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY: keys.superSecretAdminKey,
    // Receivers of the tests listen on 127.0.0.1; retries within a second, leases of two.
    STACK_WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
    STACK_WEBHOOK_RETRY_SCHEDULE_SECONDS: "0.2,0.4,0.8,1,1,1,1,1,1,1",
    STACK_WEBHOOK_CLAIM_LEASE_SECONDS: "2",
    STACK_WEBHOOK_WORKER_INTERVAL_MS: "20",
    ...env,
  };
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  // An idle client whose connection the server drops is replaced on the next query; unhandled, it would end the run.
  db.on("error", () => {});
  return {
    env: settings,
    db,
    keys,
    start: (extra = {}, options = { quiet: true }) => startBackend({ ...settings, ...extra }, options),
    drop: async () => {
      await db.end();
      await database.drop();
    },
  };
}

/** Calls the API of the internal project as its server or admin. */
export function apiOf(backendUrl: string, keys: WebhookDeployment["keys"]) {
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown, access: "server" | "admin" = "server") => {
    const headers: Record<string, string> = { "x-hexclave-project-id": "internal", "x-hexclave-access-type": access };
    if (access === "server") headers["x-hexclave-secret-server-key"] = keys.secretServerKey;
    else headers["x-hexclave-super-secret-admin-key"] = keys.superSecretAdminKey;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${backendUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

export type Received = { id: string; type: string; data: Record<string, unknown>; headers: IncomingHttpHeaders; body: string; at: number };

/**
 * A receiver on 127.0.0.1 that verifies every request with the svix package's Webhook, as apps do, and keeps the
 * verified ones. `failRate` answers that share of requests 500 (before reading them as delivered); a request that does
 * not verify is answered 400 and counted in `unverified`.
 */
export async function startReceiver(options: { failRate?: number; respond?: (headers: IncomingHttpHeaders) => { status: number; headers?: Record<string, string> } | null } = {}) {
  const state = { secrets: [] as string[], received: [] as Received[], unverified: 0, requests: 0 };
  const server: Server = createServer((request, response) => {
    // A sender SIGKILLed mid-request resets the connection; that is the fault under test, not an error of the receiver.
    request.on("error", () => {});
    response.on("error", () => {});
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      state.requests++;
      const custom = options.respond?.(request.headers);
      if (custom) return response.writeHead(custom.status, custom.headers).end();
      if (options.failRate && Math.random() < options.failRate) return response.writeHead(500).end("try again");
      const body = Buffer.concat(chunks).toString("utf8");
      const verified = state.secrets.some((secret) => {
        try {
          new Webhook(secret).verify(body, request.headers as Record<string, string>);
          return true;
        } catch {
          return false;
        }
      });
      if (!verified) {
        state.unverified++;
        return response.writeHead(400).end("bad signature");
      }
      const parsed = JSON.parse(body) as { type: string; data: Record<string, unknown> };
      state.received.push({ id: String(request.headers["webhook-id"]), type: parsed.type, data: parsed.data, headers: request.headers, body, at: Date.now() });
      response.writeHead(204).end();
    });
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { state, url: `http://127.0.0.1:${port}/webhooks`, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
