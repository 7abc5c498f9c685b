import { verify } from "node:crypto";
import { KnownErrors } from "@stackframe/stack-shared";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../app-env";
import { revokeLeakedKey } from "../domain/api-keys/api-keys";
import type { BackendConfig } from "../lib/config";
import { StatusError } from "../lib/status-error";
import { z } from "../lib/zod";
import type { OperationDoc } from "./openapi";
import { successResponse } from "./schemas/common";
import { validateRequest } from "./validation";

const PATH = "/integrations/credential-scanning/revoke";
const BODY_LIMIT_BYTES = 64 * 1024;
const bodySchema = z.object({ api_key: z.string().max(1000) }).strict();
const emptyObject = z.object({}).strict();

/**
 * GitHub secret-scanning partner signature: base64 ECDSA-SHA256 (DER) over the raw body, by the key the identifier names.
 * A forged or unsigned report must revoke nothing.
 */
export function isSignedLeakReport(
  keys: BackendConfig["credentialScanningPublicKeys"],
  payload: Uint8Array,
  keyIdentifier: string | undefined,
  signature: string | undefined,
): boolean {
  const key = keys.find((candidate) => candidate.keyIdentifier === keyIdentifier);
  if (!key || !signature) return false;
  try {
    return verify("sha256", payload, key.key, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/** The raw body, refused past the limit before it is all buffered. The signature covers these exact bytes. */
async function readRawBody(c: Context<AppEnv>): Promise<Uint8Array> {
  const declared = c.req.header("content-length");
  if (declared !== undefined && Number(declared) > BODY_LIMIT_BYTES) throw new KnownErrors.PayloadTooLarge(BODY_LIMIT_BYTES);
  const body = c.req.raw.body;
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts);
    size += value.byteLength;
    if (size > BODY_LIMIT_BYTES) {
      await reader.cancel();
      throw new KnownErrors.PayloadTooLarge(BODY_LIMIT_BYTES);
    }
    parts.push(value);
  }
}

function parseJson(c: Context<AppEnv>, raw: Uint8Array): unknown {
  if (raw.byteLength === 0) return undefined;
  const contentType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType !== "application/json") throw new KnownErrors.UnsupportedMediaType(contentType);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw new KnownErrors.BodyParsingError("The request body is not valid JSON.");
  }
}

export const credentialScanningOperation: OperationDoc = {
  method: "post",
  path: PATH,
  summary: "Report an API key as leaked, which revokes it",
  tags: ["Integrations"],
  access: "none",
  readsProjectHeaders: false,
  headers: z
    .object({
      "github-public-key-identifier": z.string().optional(),
      "github-public-key-signature": z.string().optional().openapi({ description: "Base64 ECDSA-SHA256 over the raw body; required once signing keys are configured." }),
    })
    .strict(),
  body: bodySchema,
  response: { status: 200, description: "Revoked", schema: successResponse },
  otherResponses: [{ status: 401, description: "The report is not signed by a configured key", schema: z.string(), mediaType: "text/plain" }],
  errors: [KnownErrors.ApiKeyNotFound, KnownErrors.PublicApiKeyCannotBeRevoked, KnownErrors.ApiKeyExpired],
};

/**
 * POST /integrations/credential-scanning/revoke: whoever holds a full key may report it leaked, so no project
 * auth is asked. A plain Hono route rather than a `defineRoute`: a signed report must be checked against its raw bytes,
 * which the shared body parser does not keep.
 */
export function credentialScanningRoutes() {
  const app = new Hono<AppEnv>();
  app.post(PATH, async (c) => {
    const services = c.get("services");
    const raw = await readRawBody(c);
    const keys = services.config.credentialScanningPublicKeys;
    if (keys.length > 0 && !isSignedLeakReport(keys, raw, c.req.header("github-public-key-identifier"), c.req.header("github-public-key-signature"))) {
      throw new StatusError(401, "The leak report is not signed by a configured credential-scanning key.");
    }
    const { body } = validateRequest("POST", () => new URL(c.req.url).pathname, { params: emptyObject, query: emptyObject, body: bodySchema }, {
      params: {},
      query: c.req.query(),
      body: parseJson(c, raw),
    });
    await revokeLeakedKey(services.db, services.projects, body.api_key);
    return c.json({ success: true });
  });
  return app;
}
