import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { type AddressPolicy, addressRefusal, ipLiteralOf } from "./url-policy";

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
        for (const { address } of addresses) {
          const refusal = addressRefusal(address, policy);
          if (refusal) return callback(new RefusedAddress(`${hostname} resolves to ${refusal}`), "", 0);
        }
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : addresses;
        if (options.all) return (callback as unknown as (error: null, all: { address: string; family: number }[]) => void)(null, wanted);
        const first = wanted[0] ?? addresses[0]!;
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
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
        lookup: guardedLookup(options.resolver ?? systemResolver, options.policy),
        // A connection of its own each time: every delivery resolves and checks its addresses anew.
        agent: false,
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
