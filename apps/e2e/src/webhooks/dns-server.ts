import { createSocket } from "node:dgram";
import dnsPacket from "dns-packet";

/** What a name answers to one query: its addresses of each family (none is an empty answer, NOERROR). */
export type DnsAnswer = { A?: string[]; AAAA?: string[] };

// RFC 1035 §4.1.1: RCODE 3, the name does not exist.
const NXDOMAIN = 3;

/**
 * An authoritative DNS server on 127.0.0.1 (UDP, a free port) for names the tests make up. Each name has a list of
 * answers: its n-th query of a type gets the n-th answer (round and round), so a name can change what it resolves to
 * from one lookup to the next, as a rebinding attacker's does. TTLs are 0: nothing may cache an answer. Counts every
 * query, by name and type.
 */
export async function startDnsServer(zone: Record<string, DnsAnswer[]>) {
  const counts = new Map<string, { A: number; AAAA: number }>();
  const socket = createSocket("udp4");
  socket.on("message", (message, from) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const name = question.name.toLowerCase();
    const answers = zone[name];
    const type = question.type === "A" || question.type === "AAAA" ? question.type : null;
    let addresses: string[] = [];
    if (answers && type) {
      const count = counts.get(name) ?? { A: 0, AAAA: 0 };
      addresses = answers[count[type] % answers.length]![type] ?? [];
      count[type]++;
      counts.set(name, count);
    }
    const response = dnsPacket.encode({
      type: "response",
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (query.flag_rd ? dnsPacket.RECURSION_DESIRED : 0) | (answers ? 0 : NXDOMAIN),
      questions: [question],
      answers: addresses.map((data) => ({ type: type!, name: question.name, ttl: 0, data })),
    });
    socket.send(response, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    /** As `STACK_WEBHOOK_DNS_SERVERS` takes it. */
    address: `127.0.0.1:${socket.address().port}`,
    queries: (name: string) => ({ ...(counts.get(name) ?? { A: 0, AAAA: 0 }) }),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
