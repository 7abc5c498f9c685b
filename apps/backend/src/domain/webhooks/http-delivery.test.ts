import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook } from "./http-delivery";

const loopbackAllowed = { policy: { allowPrivateNetworks: true, isDevelopment: false } };
let server: Server;
let base: string;
let redirectsFollowed = 0;
let connections = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    if (request.url === "/silent") return; // never answers
    if (request.url === "/huge") return response.writeHead(200).end("x".repeat(1024 * 1024));
    if (request.url === "/redirect") return response.writeHead(302, { location: `${base}/followed` }).end();
    if (request.url === "/followed") redirectsFollowed++;
    response.writeHead(204).end();
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("postWebhook", () => {
  it("gives up on a receiver that does not answer in time, saying so", async () => {
    expect(await postWebhook(`${base}/silent`, {}, "{}", { ...loopbackAllowed, timeoutMs: 200 })).toEqual({ kind: "error", error: "No answer within 0.2 s." });
  });

  it("reads no more of an answer than its cap", async () => {
    const outcome = await postWebhook(`${base}/huge`, {}, "{}", { ...loopbackAllowed, maxBodyBytes: 4096 });
    expect(outcome).toMatchObject({ kind: "response", status: 200 });
    expect(outcome.kind === "response" && outcome.body.length).toBe(4096);
  });

  it("takes a redirect as the answer, without following it", async () => {
    expect(await postWebhook(`${base}/redirect`, {}, "{}", loopbackAllowed)).toMatchObject({ kind: "response", status: 302 });
    expect(redirectsFollowed).toBe(0);
  });

  it("refuses a refused address before connecting", async () => {
    const strict = { policy: { allowPrivateNetworks: false, isDevelopment: false } };
    expect(await postWebhook(`${base}/hook`, {}, "{}", strict)).toEqual({ kind: "error", error: "Refused: 127.0.0.1 is a loopback address." });
    const viaName = await postWebhook(`${base.replace("127.0.0.1", "hooks.example.test")}/hook`, {}, "{}", { ...strict, resolver: async () => [{ address: "127.0.0.1", family: 4 }] });
    expect(viaName).toEqual({ kind: "error", error: "Refused: hooks.example.test resolves to 127.0.0.1 is a loopback address." });
  });

  it("keeps a connection open for the next delivery, but never hands it to a stricter policy", async () => {
    const resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    const url = `${base.replace("127.0.0.1", "pooled.example.test")}/hook`;
    const before = connections;
    for (let i = 0; i < 3; i++) expect(await postWebhook(url, {}, "{}", { ...loopbackAllowed, resolver })).toMatchObject({ kind: "response", status: 204 });
    expect(connections - before).toBe(1);
    // The socket open to loopback is not reused under a policy that refuses loopback: its lookup refuses again.
    const strict = await postWebhook(url, {}, "{}", { policy: { allowPrivateNetworks: false, isDevelopment: false }, resolver });
    expect(strict).toEqual({ kind: "error", error: "Refused: pooled.example.test resolves to 127.0.0.1 is a loopback address." });
    expect(connections - before).toBe(1);
  });
});
