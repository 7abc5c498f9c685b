import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redirectLog } from "./json-log";
import { createTurnstileVerifier } from "./turnstile";

// Test double: a real HTTP server on loopback that speaks the siteverify protocol, since Cloudflare's endpoint cannot
// be reached from the machines these tests run on.
type Handler = (form: URLSearchParams, res: ServerResponse) => void;
let handler: Handler = (_, res) => res.end();
const received: URLSearchParams[] = [];
const contentTypes: (string | undefined)[] = [];
let server: Server;
let url: string;
let restoreLog: () => void;
const logged: string[] = [];

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const form = await readForm(req);
    received.push(form);
    contentTypes.push(req.headers["content-type"]);
    handler(form, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/turnstile/v0/siteverify`;
  restoreLog = redirectLog((line) => logged.push(line));
});
afterAll(async () => {
  restoreLog();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  received.length = 0;
  contentTypes.length = 0;
  logged.length = 0;
});

const verifier = (timeoutMs = 2000) => createTurnstileVerifier({ secretKey: "test-secret", siteverifyUrl: url, timeoutMs });

describe("the siteverify client", () => {
  it("posts secret, token and client IP as a form", async () => {
    handler = (_, res) => json(res, 200, { success: true });
    await verifier()("the-token", "203.0.113.7");
    expect(contentTypes).toEqual(["application/x-www-form-urlencoded"]);
    expect(Object.fromEntries(received[0]!)).toEqual({ secret: "test-secret", response: "the-token", remoteip: "203.0.113.7" });
  });

  it("leaves remoteip out when the client IP is unknown", async () => {
    handler = (_, res) => json(res, 200, { success: true });
    await verifier()("the-token", null);
    expect(received[0]!.has("remoteip")).toBe(false);
  });

  it("returns a passed token with the hostname and action it was solved for", async () => {
    handler = (form, res) => json(res, 200, { success: form.get("response") === "good", hostname: "app.example.com", action: "sign_up_with_credential" });
    expect(await verifier()("good", null)).toEqual({ success: true, hostname: "app.example.com", action: "sign_up_with_credential", errorCodes: [] });
  });

  it("returns a refused token with its error codes", async () => {
    handler = (_, res) => json(res, 200, { success: false, "error-codes": ["invalid-input-response"] });
    expect(await verifier()("bad", null)).toEqual({ success: false, hostname: null, action: null, errorCodes: ["invalid-input-response"] });
  });

  it("gives no answer, and logs why, when siteverify answers an HTTP error", async () => {
    handler = (_, res) => json(res, 500, { success: true });
    expect(await verifier()("good", null)).toBeNull();
    expect(logged.join("")).toContain("bot_challenge_siteverify_failed");
    expect(logged.join("")).not.toContain("test-secret");
  });

  it("gives no answer when the body is not a siteverify result", async () => {
    handler = (_, res) => json(res, 200, { ok: true });
    expect(await verifier()("good", null)).toBeNull();
    handler = (_, res) => res.end("<html>not json</html>");
    expect(await verifier()("good", null)).toBeNull();
  });

  it("gives up after its timeout when siteverify does not answer", async () => {
    // The request is left hanging; without the timeout the test would run into vitest's own.
    handler = () => {};
    expect(await verifier(200)("good", null)).toBeNull();
  });

  it("gives no answer when nothing listens at the URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = createTurnstileVerifier({ secretKey: "s", siteverifyUrl: `http://127.0.0.1:${port}/`, timeoutMs: 2000 });
    expect(await unreachable("good", null)).toBeNull();
  });
});
