import { REQUEST_HEADER_NAMES } from "@stackframe/stack-shared";
import fc from "fast-check";
import { type FuzzWorld, type JsonSchema, PROTOTYPE_KEYS, allIds, idFor, junkString, junkValue, mutatedBody, percentEncode, toJsonText, valueOfSchema, withKey } from "./fuzz-values";

export type FuzzRoute = {
  method: string;
  /** Hono's pattern, e.g. `/api/v1/users/:user_id`. */
  path: string;
  query: { name: string; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | undefined;
};

export type FuzzRequest = { method: string; url: string; headers: Record<string, string>; body?: string | Uint8Array };
export type FuzzBody = { text: string | Uint8Array | undefined; contentType: string | undefined };

type OpenApiOperation = {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
export type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

const API_PREFIX = "/api/v1";
const API_PREFIXES = ["/api/v1", "/api/latest"];

/**
 * Every route the app serves, from Hono's own route table, with the query and body schemas of the OpenAPI document
 * where the route has them. `/api/latest` mounts the same routes as `/api/v1`, so each is listed once.
 */
export function discoverRoutes(routes: readonly { method: string; path: string }[], doc: OpenApiDocument): FuzzRoute[] {
  const found = new Map<string, FuzzRoute>();
  for (const { method, path } of routes) {
    // Middleware is registered under ALL; routes have a concrete method.
    if (method === "ALL" || path.startsWith("/api/latest") || found.has(`${method} ${path}`)) continue;
    const operation = path.startsWith(API_PREFIX)
      ? doc.paths[path.slice(API_PREFIX.length).replace(/:([A-Za-z0-9_]+)/g, "{$1}") || "/"]?.[method.toLowerCase()]
      : undefined;
    found.set(`${method} ${path}`, {
      method,
      path,
      query: (operation?.parameters ?? []).filter((p) => p.in === "query").map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema })),
      body: operation?.requestBody?.content["application/json"]?.schema,
    });
  }
  return [...found.values()];
}

const TWO_MIB_PLUS = `"${"a".repeat(2 * 1024 * 1024)}"`;
const MALFORMED_JSON = ['{"a":', "\uFEFF{}", "NaN", '{"a":1,}', "[", '"open', '{"a":1}{"b":2}', '{"a" 1}', "{'a':1}", "undefined", " ", "\u0000"];
const INVALID_UTF8 = [
  Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
  Uint8Array.from([0x22, 0xc0, 0xaf, 0x22]),
  Uint8Array.from([0x22, 0xed, 0xa0, 0x80, 0x22]),
];
const json = (value: fc.Arbitrary<unknown>) => value.map(toJsonText);

/** Duplicate keys: JSON.parse keeps the last, so junk can sit in front of a valid value or replace it. */
const withDuplicateKey = (valid: string, key: string, junk: string) => (valid.startsWith("{") && valid !== "{}" ? `{${JSON.stringify(key)}:${junk},${valid.slice(1)}` : valid);

const FIELD_NAMES = ["api_key", "code", "email", "password", "user_id", "team_id", "display_name", "callback_url", "refresh_token"];

/** An object with one to three of our usual fields, each shaped as its name says. */
function namedFields(world: FuzzWorld): fc.Arbitrary<unknown> {
  return fc
    .subarray(FIELD_NAMES, { minLength: 1, maxLength: 3 })
    .chain((names) => fc.record(Object.fromEntries(names.map((name) => [name, valueOfSchema({ type: "string" }, world, name)]))));
}

function chaoticBody(route: FuzzRoute, world: FuzzWorld): fc.Arbitrary<FuzzBody> {
  const shaped = route.body ? json(valueOfSchema(route.body, world)) : fc.constant("{}");
  const text = fc.oneof(
    { weight: route.body ? 6 : 0, arbitrary: route.body ? json(mutatedBody(route.body, world)) : shaped },
    { weight: 3, arbitrary: json(fc.jsonValue({ maxDepth: 4, stringUnit: "binary" })) },
    // Routes without a body schema in the document still get objects with fields of the names we use.
    { weight: route.body ? 0 : 4, arbitrary: json(namedFields(world)) },
    { weight: 2, arbitrary: json(junkValue) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 2, max: 100 }), fc.constantFrom(["[", "]"], ['{"a":', "}"])).map(([depth, [open, close]]) => open.repeat(depth) + "1" + close.repeat(depth)) },
    { weight: 1, arbitrary: fc.tuple(shaped, fc.constantFrom(...PROTOTYPE_KEYS, "email", "user_id"), json(junkValue)).map(([valid, key, junk]) => withDuplicateKey(valid, key, junk)) },
    { weight: 1, arbitrary: fc.constantFrom<string | Uint8Array>(...INVALID_UTF8) },
    { weight: 1, arbitrary: fc.constantFrom("a".repeat(65 * 1024), TWO_MIB_PLUS) },
  );
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant("application/json") },
    { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json\u00a0", undefined) },
  );
  const formKeys = fc.constantFrom("grant_type", "refresh_token", "client_id", "client_secret", "x");
  const form = fc
    .dictionary(formKeys, fc.oneof(junkString, fc.constantFrom("refresh_token", "internal", ...world.leakableSecrets)))
    .map((fields): FuzzBody => ({ text: new URLSearchParams(fields).toString(), contentType: "application/x-www-form-urlencoded" }));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<FuzzBody>({ text: undefined, contentType: undefined }) },
    { weight: 8, arbitrary: fc.record({ text, contentType }) },
    { weight: 1, arbitrary: form },
  );
}

function cleanBody(route: FuzzRoute, world: FuzzWorld): fc.Arbitrary<FuzzBody> {
  if (!route.body) return fc.constant({ text: undefined, contentType: undefined });
  return json(valueOfSchema(route.body, world)).map((text) => ({ text, contentType: "application/json" }));
}

function queryValue(schema: JsonSchema, world: FuzzWorld, name: string, clean: boolean): fc.Arbitrary<string> {
  const shaped = valueOfSchema(schema, world, name).map((value) => (typeof value === "string" ? value : JSON.stringify(value) ?? ""));
  if (clean) return shaped;
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 1, arbitrary: junkString },
    { weight: 1, arbitrary: fc.constantFrom("", "true", "false", "0", "10001", "-1", "me", ...allIds(world)) },
  );
}

/** A query string: schema-shaped pairs and, unless clean, unknown and repeated keys, empty values and hand-made encodings. */
function queryOf(route: FuzzRoute, world: FuzzWorld, clean: boolean): fc.Arbitrary<string> {
  const pairOf = ({ name, schema }: FuzzRoute["query"][number]) => fc.tuple(fc.constant(name), queryValue(schema, world, name, clean));
  const toText = (pairs: [string, string][]) => pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`);
  const required = fc.tuple(...route.query.filter((p) => p.required).map(pairOf));
  const optional = fc.subarray(route.query.filter((p) => !p.required)).chain((params) => fc.tuple(...params.map(pairOf)));
  const junkPair = fc.tuple(fc.oneof(junkString, fc.constantFrom(...PROTOTYPE_KEYS)), junkString);
  const known = route.query.map(pairOf);
  const encoded = clean
    ? fc.tuple(required, optional).map(([r, o]) => toText([...r, ...o]))
    : fc.array(known.length ? fc.oneof({ weight: 6, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: junkPair }) : junkPair, { maxLength: 5 }).map(toText);
  const raw = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("%", "%zz", "%FF", "%C3%28", "%ED%A0%80", "a=%00", "=", "&&", "a=b=c", "a", "a[]=1&a[]=2", "a.b=1", "+=+", "user_id=me&user_id=junk") },
    // A credential in a URL counts as leaked: refused, and revoked.
    { weight: 1, arbitrary: fc.constantFrom(...world.leakableSecrets).map((secret) => `x=${secret}`) },
  );
  const extras = clean ? fc.constant([]) : fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(raw, { minLength: 1, maxLength: 2 }) });
  return fc.tuple(encoded, extras, fc.constantFrom("", "?")).map(([list, more, empty]) => {
    const parts = [...list, ...more];
    return parts.length ? `?${parts.join("&")}` : empty;
  });
}

/** A path parameter: an id that exists, `me`, a fresh UUID in either case, or (unless clean) junk in raw and encoded form. */
function pathParam(world: FuzzWorld, name: string, clean: boolean): fc.Arbitrary<string> {
  const valid = [
    { weight: 6, arbitrary: idFor(world, name).map(percentEncode) },
    { weight: name.endsWith("user_id") ? 2 : 1, arbitrary: fc.constant("me") },
  ];
  if (clean) return fc.oneof(...valid);
  return fc.oneof(
    ...valid,
    { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
    { weight: 2, arbitrary: junkString.map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom("%", "%zz", "%FF", "%C3%28", "%00", "%2F", "..", ".", "%2e%2e", "a%20b", "me%00") },
  );
}

const isHeaderValue = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value);

/** Headers of one access type in either brand; unless clean, one header may be junk and more headers come along. */
function headersOf(world: FuzzWorld, clean: boolean, identities = Object.keys(world.identities)): fc.Arbitrary<Record<string, string>> {
  const junkHeader = fc.tuple(
    fc.constantFrom(...REQUEST_HEADER_NAMES),
    fc.oneof(junkString.filter(isHeaderValue), fc.constantFrom("client", "server", "admin", "internal", "true", ...world.leakableSecrets)),
  );
  const flags: [string, string][] = [
    ["override-error-status", "true"],
    ["allow-anonymous-user", "true"],
    ["allow-restricted-user", "true"],
    ["branch-id", "main"],
  ];
  const never = fc.constant(null);
  return fc
    .record({
      identity: fc.constantFrom(...identities),
      brand: fc.constantFrom("x-hexclave-", "x-stack-"),
      flags: fc.subarray(flags),
      junk: clean ? never : fc.option(junkHeader, { freq: 3 }),
      authorization: clean ? never : fc.option(fc.constantFrom("Bearer ", "Bearer x", "Basic eA==", "Bearer hexclave_e30="), { freq: 8 }),
      contentLength: clean ? never : fc.option(fc.constantFrom("abc", "-1", "1e10", "0"), { freq: 30 }),
    })
    .map(({ identity, brand, flags, junk, authorization, contentLength }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of [...Object.entries(world.identities[identity]!), ...flags, ...(junk ? [junk] : [])]) headers[`${brand}${name}`] = value;
      if (authorization) headers.authorization = authorization;
      if (contentLength) headers["content-length"] = contentLength;
      return headers;
    });
}

const asIs = (path: string) => path;
/** Other spellings of a path, which must reach the same route or none: never a different one, never a 5xx. */
const PATH_SPELLINGS = [
  (path: string) => `${path}/`,
  (path: string) => path.replace("/api/", "/api//"),
  (path: string) => path.toUpperCase(),
  (path: string) => path.replace(/\/([^/]+)$/, "/./$1"),
  (path: string) => path.replace(/\/([^/]+)$/, "/x/../$1"),
  // The host's own slash stays: only a slash between two segments is encoded.
  (path: string) => path.replace(/(.)\/([^/]+)$/, "$1%2F$2"),
];

/**
 * One request to a route. Two in five are clean (a real identity, ids that exist, schema-shaped parts), so they get past
 * the checks and reach the handler; the rest break any part.
 */
export function requestTo(
  route: FuzzRoute,
  world: FuzzWorld,
  options: { body?: fc.Arbitrary<FuzzBody>; cleanIdentities?: string[] } = {},
): fc.Arbitrary<FuzzRequest> {
  const { body, cleanIdentities } = options;
  const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
  const clean = fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 3, arbitrary: fc.constant(false) });
  return clean.chain((isClean) =>
    fc
      .record({
        prefix: fc.constantFrom(...API_PREFIXES),
        params: fc.tuple(...names.map((name) => pathParam(world, name, isClean))),
        query: queryOf(route, world, isClean),
        headers: headersOf(world, isClean, isClean ? cleanIdentities : undefined),
        body: body ?? (isClean ? cleanBody(route, world) : chaoticBody(route, world)),
        method: isClean ? fc.constant(route.method) : fc.oneof({ weight: 30, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom("HEAD", "OPTIONS") }),
        spelling: isClean ? fc.constant(asIs) : fc.oneof({ weight: 12, arbitrary: fc.constant(asIs) }, { weight: 1, arbitrary: fc.constantFrom(...PATH_SPELLINGS) }),
      })
      .map(({ prefix, params, query, headers, body, method, spelling }) => {
        let path = route.path.startsWith(API_PREFIX) ? prefix + route.path.slice(API_PREFIX.length) : route.path;
        names.forEach((name, i) => {
          path = path.replace(`:${name}`, () => params[i]!);
        });
        path = spelling(path);
        const sendsBody = body.text !== undefined && method !== "GET" && method !== "HEAD";
        const contentType: Record<string, string> = sendsBody && body.contentType ? { "content-type": body.contentType } : {};
        return { method, url: `http://localhost${path}${query}`, headers: { ...headers, ...contentType }, ...(sendsBody ? { body: body.text } : {}) };
      }),
  );
}

/** Bodies nested thousands of levels deep: bare, and inside a schema-shaped object. */
export function deeplyNestedBody(route: FuzzRoute, world: FuzzWorld): fc.Arbitrary<FuzzBody> {
  const nest = fc.tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom(["[", "]"], ['{"a":', "}"], ['[{"a":', "}]"]));
  const deep = nest.map(([depth, [open, close]]) => open.repeat(depth) + "1" + close.repeat(depth));
  const keys = [...Object.keys(route.body?.properties ?? {}), "metadata"];
  const inShape = fc.tuple(route.body ? valueOfSchema(route.body, world) : fc.constant({}), fc.constantFrom(...keys), deep).map(([value, key, nested]) => {
    const object = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const marker = "\u0001deep\u0001";
    return toJsonText(withKey(object, key, marker)).replace(JSON.stringify(marker), nested);
  });
  return fc.record({ text: fc.oneof(deep, inShape), contentType: fc.constant("application/json") });
}
