import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../app";
import { redirectLog } from "../lib/json-log";
import { createTestServices } from "../testing/test-services";

// A client that hangs up halfway through its body (a closed tab, a dropped phone connection) is routine: one log line
// says so, and nothing is logged as a server fault.

let services: Awaited<ReturnType<typeof createTestServices>>;
let server: ServerType;
let port: number;
const lines: Record<string, unknown>[] = [];
let restoreLog: () => void;

beforeAll(async () => {
  services = await createTestServices();
  const app = createApp(services);
  restoreLog = redirectLog((line) => lines.push(JSON.parse(line)));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      port = info.port;
      resolve();
    });
  });
}, 60_000);
afterAll(async () => {
  restoreLog();
  await new Promise((resolve) => server.close(resolve));
  await services.close();
});

/** Sends the headers and the first part of a body that claims to be longer, then destroys the socket. */
async function sendHalfABodyAndHangUp(path: string): Promise<void> {
  const socket = connect(port, "127.0.0.1");
  await new Promise((resolve) => socket.once("connect", resolve));
  const body = JSON.stringify({ email: "aborted@example.com", password: "a password that is never finished" });
  socket.write(
    [
      `POST ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      "Content-Type: application/json",
      `Content-Length: ${body.length}`,
      "X-Hexclave-Project-Id: internal",
      "X-Hexclave-Access-Type: client",
      "",
      body.slice(0, 20),
    ].join("\r\n"),
  );
  // Long enough for the server to have started reading the body.
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.destroy();
}

describe("a client hanging up mid-body", () => {
  it("logs one request_aborted line with the request id and route, and no error", { timeout: 15_000 }, async () => {
    const stderr = vi.spyOn(process.stderr, "write");
    const consoleError = vi.spyOn(console, "error");
    lines.length = 0;
    await sendHalfABodyAndHangUp("/api/v1/auth/password/sign-in");
    await expect.poll(() => lines.filter((line) => line.log === "request_aborted").length, { timeout: 5000 }).toBe(1);
    // Whatever else the request would write (its answer, a security event) has had time to arrive by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      log: "request_aborted",
      time: expect.any(String),
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      route: "POST /api/v1/auth/password/sign-in",
    });
    expect(stderr).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
    stderr.mockRestore();
    consoleError.mockRestore();
  });
});
