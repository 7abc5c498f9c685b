import { type Socket, createSocket } from "node:dgram";
import ipaddr from "ipaddr.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinnedResolver, webhookResolverFor } from "./dns-resolver";
import { postWebhook, systemResolver } from "./http-delivery";

// A real DNS server on loopback, small enough to write out: one question in, its records (TTL 0) out, NXDOMAIN for
// names it does not hold.
const ZONE: Record<string, { A?: string[]; AAAA?: string[] }> = {
  "both.hooks.test": { A: ["93.184.215.14"], AAAA: ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"] },
  "v4.hooks.test": { A: ["93.184.215.14"] },
  "loopback.hooks.test": { A: ["127.0.0.1"] },
};
const TYPES = { 1: "A", 28: "AAAA" } as const;

function answer(query: Buffer): Buffer {
  let end = 12;
  const labels: string[] = [];
  while (query[end]! > 0) {
    labels.push(query.subarray(end + 1, end + 1 + query[end]!).toString("ascii"));
    end += query[end]! + 1;
  }
  const type = query.readUInt16BE(end + 1) as keyof typeof TYPES;
  const records = ZONE[labels.join(".").toLowerCase()];
  const addresses = records?.[TYPES[type]] ?? [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  // QR and AA set, RD echoed; RCODE 3 (NXDOMAIN) for a name not in the zone.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (records ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses.length, 6);
  const rrs = addresses.map((address) => {
    const data = Buffer.from(ipaddr.parse(address).toByteArray());
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0);
    rr.writeUInt16BE(type, 2);
    rr.writeUInt16BE(1, 4);
    rr.writeUInt32BE(0, 6);
    rr.writeUInt16BE(data.length, 10);
    return Buffer.concat([rr, data]);
  });
  return Buffer.concat([header, query.subarray(12, end + 5), ...rrs]);
}

let server: Socket;
let servers: string[];
let closedPort: number;

beforeAll(async () => {
  server = createSocket("udp4");
  server.on("message", (query, from) => server.send(answer(query), from.port, from.address));
  await new Promise<void>((resolve) => server.bind(0, "127.0.0.1", resolve));
  servers = [`127.0.0.1:${server.address().port}`];
  // A port nothing listens on: bound, read, released.
  const probe = createSocket("udp4");
  await new Promise<void>((resolve) => probe.bind(0, "127.0.0.1", resolve));
  closedPort = probe.address().port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(() => server.close());

describe("pinnedResolver", () => {
  it("answers every address of both families from the servers it is given", async () => {
    await expect(pinnedResolver(servers)("both.hooks.test")).resolves.toEqual([
      { address: "93.184.215.14", family: 4 },
      { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
    ]);
  });

  it("takes a name with addresses of one family only", async () => {
    await expect(pinnedResolver(servers)("v4.hooks.test")).resolves.toEqual([{ address: "93.184.215.14", family: 4 }]);
  });

  it("fails for a name the servers do not know", async () => {
    await expect(pinnedResolver(servers)("missing.hooks.test")).rejects.toMatchObject({ code: "ENOTFOUND" });
  });

  it("never falls back to the system's resolver or /etc/hosts", async () => {
    await expect(pinnedResolver([`127.0.0.1:${closedPort}`])("localhost")).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});

describe("webhookResolverFor", () => {
  it("uses the system's resolver unless DNS servers are set", () => {
    expect(webhookResolverFor(undefined)).toBe(systemResolver);
    expect(webhookResolverFor([])).toBe(systemResolver);
    expect(webhookResolverFor(servers)).not.toBe(systemResolver);
  });

  it("has deliveries check what the pinned servers answer, before connecting", async () => {
    const outcome = await postWebhook("https://loopback.hooks.test/hook", {}, "{}", {
      policy: { allowPrivateNetworks: false, isDevelopment: false },
      resolver: webhookResolverFor(servers),
    });
    expect(outcome).toEqual({ kind: "error", error: "Refused: loopback.hooks.test resolves to 127.0.0.1 is a loopback address." });
  });
});
