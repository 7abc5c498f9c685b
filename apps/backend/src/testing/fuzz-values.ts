import fc from "fast-check";

/** The subset of JSON Schema that zod-to-openapi emits for our routes. */
export type JsonSchema = {
  /** OpenAPI 3.1 writes a nullable type as a list with "null". */
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
};

/** Ids and credentials of a seeded world, so generated requests can name things that exist. */
export type FuzzWorld = {
  /** Project headers by access type, named without their brand prefix (`project-id`, `access-type`, …). */
  identities: Record<string, Record<string, string>>;
  /** Ids that exist, by the name of the parameter or field that takes them (`user_id`, `team_id`, `id`, …). */
  ids: Record<string, string[]>;
  /** Real credentials that a request may leak in its URL (refused, and revoked, by design). */
  leakableSecrets: string[];
  /** The signed-in user's sign-in email and password, so some sign-ins succeed. */
  email: string;
  password: string;
  /** One-time codes that were mailed and may still work. */
  codes: string[];
};

const UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
export const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

/** Number literals JSON.stringify cannot write: JSON.parse reads them as Infinity, 0, -0 or a rounded integer. */
const RAW_NUMBERS = ["1e400", "-1e400", "1e-400", "-0", "123456789012345678901234567890", "1E+2", "0.1e-999999"];
const RAW_MARK = "\u0001raw:";
const rawNumber = fc.constantFrom(...RAW_NUMBERS).map((literal) => `${RAW_MARK}${literal}\u0001`);

export function toJsonText(value: unknown): string {
  return (JSON.stringify(value) ?? "null").replace(/"\\u0001raw:([^"\\]*)\\u0001"/g, "$1");
}

export const junkString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.string({ unit: "grapheme", maxLength: 24 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\uD800",
    "x\uDFFFy",
    "\uD83D",
    "\uFEFF",
    "\u202E",
    "İ",
    "ﬃ",
    "me",
    "null",
    "true",
    "-1",
    "NaN",
    "Infinity",
    "%00",
    "%",
    "../..",
    "' or 1=1 --",
    "$1",
    "😀".repeat(300),
    "a".repeat(5000),
    "00000000-0000-0000-0000-000000000000",
    "FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF",
    "javascript:alert(1)",
    "http://localhost:3000/",
    "https://evil.example/",
    "a@example.com",
    "data:image/png;base64,AAAA",
    ...PROTOTYPE_KEYS,
  ),
);

const junkNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 8.64e15 + 1, 1e21, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  rawNumber,
);

export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: junkString },
  { weight: 2, arbitrary: junkNumber },
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom([], {}, [null], { "": "" }),
  fc.jsonValue({ maxDepth: 3, stringUnit: "binary" }),
);

/** Sets an own property, so `__proto__` becomes a key of the JSON instead of changing the prototype. */
export function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const clampInt = (value: number | undefined, fallback: number) => Math.max(-(2 ** 31) + 1, Math.min(2 ** 31 - 1, value ?? fallback));

const IMAGE = "data:image/png;base64,iVBORw0KGgo=";

export const allIds = (world: FuzzWorld) => Object.values(world.ids).flat();

/** An id for a parameter or field: mostly one of its own kind, sometimes one of another kind, sometimes a fresh UUID. */
export function idFor(world: FuzzWorld, name: string): fc.Arbitrary<string> {
  const kind = name.endsWith("user_id") ? "user_id" : name.endsWith("team_id") ? "team_id" : name;
  const own = world.ids[kind] ?? [];
  return fc.oneof(
    { weight: own.length ? 6 : 0, arbitrary: own.length ? fc.constantFrom(...own) : fc.constant("") },
    { weight: 2, arbitrary: fc.constantFrom(...allIds(world)) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

/** Strings named like a field of ours take the shape that field wants, so more requests get past validation. */
function stringByName(name: string, schema: JsonSchema, world: FuzzWorld): fc.Arbitrary<string> | null {
  const pick = (...values: string[]) => fc.constantFrom(...values);
  if (name === "client_id") return pick("internal", ...allIds(world));
  if (name === "client_secret") return pick("pck_unit", "wrong");
  if (name === "refresh_token" || name === "api_key") return fc.oneof(pick(...world.leakableSecrets), fc.string({ maxLength: 50 }));
  if (name === "grant_type") return pick("refresh_token", "authorization_code", "password");
  if (schema.pattern === UUID_PATTERN || (!schema.pattern && (name.endsWith("_id") || name === "id"))) return idFor(world, name);
  if (schema.pattern) {
    // Short strings, unless the field's minimum is longer (a PKCE challenge has 43 characters at least).
    const maxLength = Math.max(Math.min(schema.maxLength ?? 24, 24), schema.minLength ?? 0);
    return fc.stringMatching(new RegExp(schema.pattern)).filter((value) => value.length <= maxLength);
  }
  if (name.includes("email") || name === "value") return fc.oneof(fc.emailAddress(), pick(world.email, "FUZZ@Example.COM"));
  if (name.includes("image_url")) return pick(IMAGE, "https://example.com/a.png");
  if (name.includes("url") || name === "domain") return pick("http://localhost:3000/callback", "https://example.com/x", "http://localhost:8101/handler?x=1");
  if (name === "handler_path") return pick("/handler", "/");
  if (name.includes("password")) return fc.oneof(pick(world.password), fc.string({ minLength: 8, maxLength: 20 }));
  if (name === "code") {
    const base32 = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz234567");
    return fc.oneof(pick(...world.codes), pick(...world.codes).map((code) => code.toUpperCase()), fc.string({ unit: base32, minLength: 45, maxLength: 45 }));
  }
  return null;
}

/** OpenAPI 3.1's `type: ["string", "null"]` and `anyOf: [..., { type: "null" }]` as one type and a nullable flag. */
function withNullableFlag(schema: JsonSchema): JsonSchema & { type?: string } {
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const options = schema.anyOf?.filter((option) => option.type !== "null");
  const nullable = schema.nullable === true || types.includes("null") || options?.length !== schema.anyOf?.length;
  return { ...schema, type: types.find((type) => type !== "null"), anyOf: options?.length ? options : undefined, nullable };
}

/** Values that satisfy a schema, or nearly: the fields are shaped right and named like the real ones. */
export function valueOfSchema(given: JsonSchema, world: FuzzWorld, name = "", depth = 0): fc.Arbitrary<unknown> {
  const schema = withNullableFlag(given);
  const nullable = (arbitrary: fc.Arbitrary<unknown>) => (schema.nullable ? fc.oneof({ weight: 4, arbitrary }, fc.constant(null)) : arbitrary);
  if (schema.anyOf) return nullable(fc.oneof(...schema.anyOf.map((option) => valueOfSchema(option, world, name, depth))));
  if (schema.enum) return nullable(fc.constantFrom(...schema.enum));
  switch (schema.type) {
    case "string": {
      const byName = stringByName(name, schema, world);
      const maxLength = Math.min(schema.maxLength ?? 40, 40);
      return nullable(byName ?? fc.string({ minLength: Math.min(schema.minLength ?? 0, maxLength), maxLength }));
    }
    case "integer":
      return nullable(fc.integer({ min: clampInt(schema.minimum, -1000), max: clampInt(schema.maximum, 1_000_000) }));
    case "number":
      return nullable(fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true }));
    case "boolean":
      return nullable(fc.boolean());
    case "array":
      return nullable(fc.array(schema.items ? valueOfSchema(schema.items, world, name, depth + 1) : junkValue, { maxLength: Math.min(schema.maxItems ?? 3, 3) }));
    case "object": {
      if (!schema.properties || depth > 4) return nullable(fc.jsonValue({ maxDepth: 2 }));
      const fields = Object.fromEntries(Object.entries(schema.properties).map(([key, field]) => [key, valueOfSchema(field, world, key, depth + 1)]));
      const required = schema.required ?? [];
      const optional = Object.keys(fields).filter((key) => !required.includes(key));
      // Also the required fields with a single optional one: routes that refuse some fields for some callers (a
      // client's narrower body) then see bodies they accept.
      const minimal = fc.option(fc.constantFrom(...(optional.length ? optional : [""])), { nil: undefined }).chain((extra) => {
        const keys = [...required, ...(extra ? [extra] : [])];
        return fc.record(Object.fromEntries(keys.map((key) => [key, fields[key]!])));
      });
      return nullable(fc.oneof(fc.record(fields, { requiredKeys: required }), minimal));
    }
    default:
      // Untyped fields are free JSON (metadata).
      return nullable(fc.jsonValue({ maxDepth: 3 }));
  }
}

/** A schema-shaped object with one field broken: replaced by junk, removed, or joined by an unknown or prototype key. */
export function mutatedBody(schema: JsonSchema, world: FuzzWorld): fc.Arbitrary<unknown> {
  return valueOfSchema(schema, world).chain((value) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return fc.constant(value);
    const object = value as Record<string, unknown>;
    const keys = [...Object.keys(schema.properties ?? {}), ...PROTOTYPE_KEYS, "unknown_field"];
    return fc.oneof(
      fc.tuple(fc.constantFrom(...keys), junkValue).map(([key, junk]) => withKey(object, key, junk)),
      fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key))),
      fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom({ polluted: true }, { prototype: { polluted: true } }, null)).map(([key, junk]) =>
        withKey(object, key, junk),
      ),
    );
  });
}

/** encodeURIComponent, except that a lone surrogate becomes its (invalid) three UTF-8 bytes instead of throwing. */
export function percentEncode(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    out += code >= 0xd800 && code <= 0xdfff
      ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join("")
      : encodeURIComponent(char);
  }
  return out;
}
