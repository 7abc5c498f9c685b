import { KnownErrors } from "@stackframe/stack-shared";
import type { Context } from "hono";

export type BodyFormat = "json" | "json-or-form";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Reads the body while counting, so an oversized or lying Content-Length is refused before it is buffered. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw new KnownErrors.PayloadTooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new KnownErrors.PayloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Parses a request body by its Content-Type (wire 00 §6). JSON routes refuse other media types with 415,
 * which also stops cross-site "simple" requests (text/plain, forms) from reaching them.
 */
export async function parseRequestBody(c: Context, format: BodyFormat, limit: number): Promise<unknown> {
  if (c.req.method === "GET" || c.req.method === "HEAD") return undefined;
  const bytes = await readLimited(c.req.raw, limit);
  if (bytes.byteLength === 0) return undefined;
  const contentType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
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
    return Object.fromEntries(new URLSearchParams(text));
  }
  throw new KnownErrors.UnsupportedMediaType(contentType);
}
