import { type OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from "@asteasolutions/zod-to-openapi";
import type { AccessType } from "@stackframe/stack-shared";
import { z } from "../lib/zod";
import { type AccessRule, type ErrorSource, knownErrorsByStatus } from "./route-errors";
import { documentedKnownErrorSchemaFor } from "./schemas/known-errors";

type AnyZod = z.ZodTypeAny;

/** One answer a route gives. `schema: null` means no body at all; text and image answers name their media type. */
export type RouteResponse = { status: number; description: string; schema: AnyZod | null; mediaType?: "application/json" | "text/plain" | "image/*" };

/** What the OpenAPI document says of a route. */
export type OperationDoc = ErrorSource & {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tags: string[];
  access: AccessRule;
  params?: AnyZod;
  query?: AnyZod;
  body?: AnyZod;
  /** Token requests may be form-encoded (RFC 6749 §4.1.3), as OAuth libraries send them. */
  bodyFormat?: "json" | "json-or-form";
  /** Request headers the route reads beyond the project headers (documentation only; handlers read them themselves). */
  headers?: z.AnyZodObject;
  response: RouteResponse;
  /** Other answers of the route's own, e.g. a second success status, or an error body that is not a known error. */
  otherResponses?: RouteResponse[];
};

/**
 * The credentials, each an API key in a request header. The `x-stack-` names are the ones the published Stack SDKs
 * send; every header is also read as its `x-hexclave-` twin (the twin wins when both are sent). The twins are security
 * schemes of their own, not header parameters: security requirements are where OpenAPI tools (the reference page's
 * auth panel, generated clients) look for credentials, and a parameter would make a client pass its keys per call.
 */
const CREDENTIALS = {
  ProjectId: { header: "project-id", description: "The project's id (a UUID, or a seeded name such as `internal`). Needed whenever an access type is sent." },
  PublishableClientKey: {
    header: "publishable-client-key",
    description: "The project's publishable client key (`pck_…`), for the client access type; optional unless the project requires one.",
  },
  SecretServerKey: { header: "secret-server-key", description: "The project's secret server key (`ssk_…`), for the server access type." },
  SuperSecretAdminKey: { header: "super-secret-admin-key", description: "The project's super secret admin key (`sak_…`), for the admin access type." },
  AccessToken: { header: "access-token", description: "A signed-in user's access token (a JWT); optional on routes that do not need a user." },
  AdminAccessToken: {
    header: "admin-access-token",
    description: "The access token of an `internal` project user who manages the project; replaces the admin key.",
  },
} as const;

type CredentialName = keyof typeof CREDENTIALS;
const BRANDS = [
  { prefix: "x-stack-", schemePrefix: "" },
  { prefix: "x-hexclave-", schemePrefix: "Hexclave" },
] as const;

const KEY_BY_ACCESS_TYPE: Record<AccessType, CredentialName[][]> = {
  client: [["ProjectId", "PublishableClientKey"]],
  server: [["ProjectId", "SecretServerKey"]],
  admin: [["ProjectId", "SuperSecretAdminKey"], ["ProjectId", "AdminAccessToken"]],
};

export function registerSecuritySchemes(registry: OpenAPIRegistry): void {
  for (const brand of BRANDS) {
    for (const [name, credential] of Object.entries(CREDENTIALS)) {
      const twin = brand.prefix === "x-stack-" ? `x-hexclave-${credential.header}` : `x-stack-${credential.header}`;
      registry.registerComponent("securitySchemes", `${brand.schemePrefix}${name}`, {
        type: "apiKey",
        in: "header",
        name: `${brand.prefix}${credential.header}`,
        description: `${credential.description} Also read as \`${twin}\`.`,
      });
    }
  }
  registry.registerComponent("headers", "KnownErrorCode", {
    description: "The known error's code, repeated from the body (sent under both brands of header).",
    schema: { type: "string" },
  });
}

/** Each allowed access type's key, with and without a user's access token, under both brands of header. */
function securityOf(access: AccessRule): Record<string, string[]>[] {
  if (access === "none") return [];
  const sets = access.flatMap((type) => KEY_BY_ACCESS_TYPE[type].flatMap((set) => [set, [...set, "AccessToken" as const]]));
  return BRANDS.flatMap((brand) => sets.map((set) => Object.fromEntries(set.map((name) => [`${brand.schemePrefix}${name}`, []]))));
}

function requestHeadersOf(route: OperationDoc): z.AnyZodObject | undefined {
  const accessType =
    route.access === "none"
      ? {}
      : {
          "x-stack-access-type": z
            .enum(route.access as [AccessType, ...AccessType[]])
            .openapi({ description: "Which of the project's keys the request uses (also read as `x-hexclave-access-type`)." }),
        };
  const shape = { ...accessType, ...(route.headers?.shape ?? {}) };
  return Object.keys(shape).length > 0 ? z.object(shape) : undefined;
}

function responseConfigOf(response: RouteResponse): ResponseConfig {
  if (response.schema === null) return { description: response.description };
  return { description: response.description, content: { [response.mediaType ?? "application/json"]: { schema: response.schema } } };
}

function bodyContentOf(schema: AnyZod, format: OperationDoc["bodyFormat"]) {
  const json = { "application/json": { schema } };
  return format === "json-or-form" ? { ...json, "application/x-www-form-urlencoded": { schema } } : json;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is malformed or not allowed in this state",
  401: "Credentials are missing, invalid or not enough",
  403: "The caller may not do this",
  404: "Something the request names does not exist",
  409: "The request conflicts with what exists",
  413: "The body is larger than the route takes",
  415: "The body is not JSON",
};

function knownErrorResponseOf(status: number, codes: string[]): ResponseConfig {
  return {
    description: `${ERROR_DESCRIPTIONS[status] ?? "A known error"}: one of ${codes.join(", ")}.`,
    headers: { "x-stack-known-error": { $ref: "#/components/headers/KnownErrorCode" }, "x-hexclave-known-error": { $ref: "#/components/headers/KnownErrorCode" } },
    content: { "application/json": { schema: documentedKnownErrorSchemaFor(codes) } },
  };
}

/** Adds a route to the document: its parameters, body, security, success answers and known errors. */
export function registerOperation(registry: OpenAPIRegistry, route: OperationDoc): void {
  const responses: Record<string, ResponseConfig> = {};
  for (const response of [route.response, ...(route.otherResponses ?? [])]) responses[response.status] = responseConfigOf(response);
  for (const [status, codes] of knownErrorsByStatus(route)) {
    const own = responses[status];
    const error = knownErrorResponseOf(status, codes);
    // A status the route also answers with a JSON body of its own (the token endpoint's OAuth errors): either may come.
    const ownSchema = own?.content?.["application/json"]?.schema as AnyZod | undefined;
    responses[status] = ownSchema
      ? { ...error, description: `${own!.description}; or ${error.description}`, content: { "application/json": { schema: z.union([ownSchema, documentedKnownErrorSchemaFor(codes)]) } } }
      : error;
  }
  const headers = requestHeadersOf(route);
  registry.registerPath({
    method: route.method,
    path: route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}"),
    summary: route.summary,
    tags: route.tags,
    security: securityOf(route.access),
    request: {
      ...(route.params ? { params: route.params as z.AnyZodObject } : {}),
      ...(route.query ? { query: route.query as z.AnyZodObject } : {}),
      ...(headers ? { headers } : {}),
      ...(route.body ? { body: { content: bodyContentOf(route.body, route.bodyFormat) } } : {}),
    },
    responses,
  });
}

const DESCRIPTION = [
  "The REST API of Hexclave, wire-compatible with Stack Auth's REST API v1.",
  "",
  "Send the project's id and an access type (`client`, `server` or `admin`) with the matching key in `x-stack-*` headers",
  "(or their `x-hexclave-*` twins); a signed-in user's access token goes in `x-stack-access-token`. Refusals with a stable",
  "meaning are known errors: a JSON body `{ code, error, details? }` and the code again in `x-stack-known-error`.",
  "Other refusals are plain text.",
].join("\n");

/** The generator lists `{ type: "null" }` twice in a nullable union of a named schema; each alternative once is enough. */
function withoutRepeatedAlternatives<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutRepeatedAlternatives) as T;
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).map(([key, item]) => {
    const cleaned = withoutRepeatedAlternatives(item);
    if (key !== "anyOf" || !Array.isArray(cleaned)) return [key, cleaned];
    const seen = new Set<string>();
    return [key, cleaned.filter((option) => !seen.has(JSON.stringify(option)) && seen.add(JSON.stringify(option)))];
  });
  return Object.fromEntries(entries) as T;
}

export function createOpenApiDocument(registry: OpenAPIRegistry, apiUrl: string) {
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Hexclave REST API", version: "1", description: DESCRIPTION },
    servers: [{ url: `${apiUrl}/api/v1` }],
  });
  return withoutRepeatedAlternatives(document);
}
