import { type KnownError, KnownErrors } from "@stackframe/stack-shared";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { writeLogRecord } from "../lib/json-log";
import { schemaError } from "./validation";

export type BodyFormat = "json" | "json-or-form";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function headerOf(c: Context<AppEnv>, name: string): string | undefined {
  const incoming = c.env?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client hung up mid-body (Node's "aborted", ECONNRESET). Nobody waits for an answer and it is no server fault:
 * one line says so, and the request ends as a malformed one, which is neither a security event nor an error.
 */
function requestAborted(c: Context<AppEnv>): KnownError {
  writeLogRecord({ log: "request_aborted", time: new Date().toISOString(), request_id: c.get("requestId"), route: `${c.req.method} ${new URL(c.req.url).pathname}` });
  return new KnownErrors.BodyParsingError("The request body ended before it was complete.");
}

async function readCounting(c: Context<AppEnv>, chunks: AsyncIterable<Uint8Array>, limit: number, abort: () => unknown): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > limit) {
        await abort();
        throw new KnownErrors.PayloadTooLarge(limit);
      }
      parts.push(chunk);
    }
  } catch (error) {
    if (error instanceof KnownErrors.PayloadTooLarge) throw error;
    throw requestAborted(c);
  }
  return Buffer.concat(parts);
}

/**
 * Reads the body while counting, so an oversized or lying Content-Length is refused before it is buffered.
 * On Node the request stream is read directly: a fetch Request and its web stream cost more than the rest of a
 * small POST. (@hono/node-server 2 never rebuilds a Request from a consumed stream, which makes this safe.)
 */
async function readLimited(c: Context<AppEnv>, limit: number): Promise<Uint8Array> {
  const declared = headerOf(c, "content-length");
  if (declared !== undefined && Number(declared) > limit) throw new KnownErrors.PayloadTooLarge(limit);
  const incoming = c.env?.incoming;
  if (incoming) return readCounting(c, incoming, limit, () => undefined);
  const request = c.req.raw;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks = {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    },
  };
  return readCounting(c, chunks, limit, () => reader.cancel());
}

/**
 * Name/value pairs (a query string, a form body) with one value per name. A name given twice is refused: the parts of
 * a stack that read the first value and those that read the last would act on different requests (HTTP parameter
 * pollution; RFC 6749 §3.2 forbids it on the token endpoint).
 */
export function singleValuedParameters(c: Context<AppEnv>, location: "query" | "body", pairs: Iterable<[string, string]>): Record<string, string> {
  const fields = new Map<string, string>();
  const repeated = new Set<string>();
  for (const [name, value] of pairs) {
    if (fields.has(name)) repeated.add(name);
    fields.set(name, value);
  }
  if (repeated.size > 0) {
    throw schemaError(c.req.method, new URL(c.req.url).pathname, [...repeated].map((name) => `${location}.${name} is given more than once`));
  }
  return Object.fromEntries(fields);
}

/**
 * Parses a request body by its Content-Type. JSON routes refuse other media types with 415,
 * which also stops cross-site "simple" requests (text/plain, forms) from reaching them.
 */
export async function parseRequestBody(c: Context<AppEnv>, format: BodyFormat, limit: number): Promise<unknown> {
  if (c.req.method === "GET" || c.req.method === "HEAD") return undefined;
  const bytes = await readLimited(c, limit);
  if (bytes.byteLength === 0) return undefined;
  const contentType = (headerOf(c, "content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new KnownErrors.BodyParsingError("The request body is not valid UTF-8.");
  }
  if (contentType === "application/json") {
    try {
      return JSON.parse(text);
    } catch {
      throw new KnownErrors.BodyParsingError("The request body is not valid JSON.");
    }
  }
  if (format === "json-or-form" && contentType === "application/x-www-form-urlencoded") {
    return singleValuedParameters(c, "body", new URLSearchParams(text));
  }
  throw new KnownErrors.UnsupportedMediaType(contentType);
}
