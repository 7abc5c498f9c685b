import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { type AddressPolicy, addressRefusal, ipLiteralOf, resolvedRefusal } from "./url-policy";

/** Resolves a host name to every address it has; tests pass one that answers without DNS. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type HttpOutcome =
  | { kind: "response"; status: number; body: string; retryAfterSeconds: number | null }
  | { kind: "error"; error: string };

export type PostOptions = { policy: AddressPolicy; resolver?: Resolver; timeoutMs?: number; maxBodyBytes?: number };

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BODY_BYTES = 4096;

class RefusedAddress extends Error {}

/**
 * The connect-time lookup: every address the name resolves to must pass the policy, or the connection is refused
 * before a packet leaves. The socket connects to the addresses checked here, so a name that changes its answer
 * between a check and the connect (DNS rebinding) gains nothing.
 */
function guardedLookup(resolver: Resolver, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), "", 0);
        const refusal = resolvedRefusal(hostname, addresses, policy);
        if (refusal) return callback(new RefusedAddress(refusal), "", 0);
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : addresses;
        if (options.all) return (callback as unknown as (error: null, all: { address: string; family: number }[]) => void)(null, wanted);
        const first = wanted[0] ?? addresses[0]!;
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}

// Sockets idle longer than this are closed rather than kept for the next delivery; Node also honours a shorter
// `Keep-Alive: timeout=` a receiver announces, so a socket is not reused just as the receiver closes it.
const IDLE_SOCKET_MS = 4000;
type Agents = { http: http.Agent; https: https.Agent };
const agentsByResolver = new WeakMap<Resolver, Map<string, Agents>>();

/**
 * Connections are kept open between deliveries to the same receiver: each one is made through the guarded lookup, so
 * it goes to an address that was checked when it was opened, and a name that resolves elsewhere later cannot move an
 * open connection. Without this an endpoint would pay a TCP and TLS handshake for every event, and since an endpoint
 * takes one delivery at a time that bounds its rate. The pool is per resolver and policy, so a socket opened under a
 * laxer policy is never handed to a stricter one.
 */
function agentsFor(resolver: Resolver, policy: AddressPolicy): Agents {
  let byPolicy = agentsByResolver.get(resolver);
  if (!byPolicy) {
    byPolicy = new Map();
    agentsByResolver.set(resolver, byPolicy);
  }
  const key = `${policy.allowPrivateNetworks}:${policy.isDevelopment}`;
  let agents = byPolicy.get(key);
  if (!agents) {
    const options = { keepAlive: true, maxFreeSockets: 64, timeout: IDLE_SOCKET_MS, lookup: guardedLookup(resolver, policy) };
    agents = { http: new http.Agent(options), https: new https.Agent(options) };
    byPolicy.set(key, agents);
  }
  return agents;
}

function retryAfterOf(value: string | string[] | undefined): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return null;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim());
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * POSTs a delivery: no redirects followed (a 3xx is the answer), a time limit on the whole exchange, and at most
 * `maxBodyBytes` of the answer read. A refused address, a timeout or a network failure is an error outcome that says
 * why, in words safe for the delivery log (never the body or the headers sent).
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<HttpOutcome> {
  const target = new URL(url);
  const literal = ipLiteralOf(target.hostname);
  // Node connects to an IP literal without a lookup, so it is checked here.
  if (literal) {
    const refusal = addressRefusal(literal, options.policy);
    if (refusal) return Promise.resolve({ kind: "error", error: `Refused: ${refusal}.` });
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const client = target.protocol === "https:" ? https : http;
  const agents = agentsFor(options.resolver ?? systemResolver, options.policy);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Hexclave-Webhooks/1" },
        agent: target.protocol === "https:" ? agents.https : agents.http,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const text = Buffer.concat(chunks).subarray(0, maxBodyBytes).toString("utf8");
          finish({ kind: "response", status: response.statusCode ?? 0, body: text, retryAfterSeconds: retryAfterOf(response.headers["retry-after"]) });
        };
        response.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // Past the cap the rest is not read.
          if (size >= maxBodyBytes) {
            done();
            response.destroy();
          }
        });
        response.on("end", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: "error", error: `No answer within ${timeoutMs / 1000} s.` });
      request.destroy();
    }, timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error instanceof RefusedAddress) return finish({ kind: "error", error: `Refused: ${error.message}.` });
      finish({ kind: "error", error: `Could not deliver: ${error.message}.` });
    });
    request.end(body);
  });
}
