import { crc32 } from "node:zlib";
import { randomBase32 } from "../../lib/crypto";

/**
 * The key string of user and team API keys:
 * `{pk|sk}_` + 45-char secret + 32-hex id + `user`|`team` + flag + `574ck4u7h` + 8-hex CRC32 of all before.
 * The fixed marker lets secret scanners find keys; the checksum lets them, and us, drop typos and look-alikes
 * without a database lookup.
 */
export type ApiKeyType = "user" | "team";
export type ParsedApiKey = { value: string; id: string; type: ApiKeyType; isPublic: boolean; isSelfHosted: boolean };

export const API_KEY_MARKER = "574ck4u7h";
const SECRET_LENGTH = 45;
const SELF_HOSTED_FLAG = 1;
const PUBLIC_FLAG = 2;

// The secret allows any lowercase alphanumerics, so keys minted by the upstream service (another base32 alphabet) parse too.
const BODY = `(pk|sk)_[a-z0-9]{${SECRET_LENGTH}}([0-9a-f]{32})(user|team)([0-3])${API_KEY_MARKER}`;
const KEY_PATTERN = new RegExp(`^${BODY}([0-9a-f]{8})$`);
// No word boundaries: a key with a right checksum glued to other text is still that key, and still leaked.
const EMBEDDED_KEY_PATTERN = new RegExp(`${BODY}[0-9a-f]{8}`, "g");

function checksumOf(text: string): string {
  return crc32(text).toString(16).padStart(8, "0");
}

function dashedUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A new key string for the key row `id`; only its SHA-256 is stored. */
export function generateApiKey(input: { id: string; type: ApiKeyType; isPublic: boolean }): string {
  // This backend is the self-hosted build, so the self-hosted bit is always set.
  const flag = SELF_HOSTED_FLAG | (input.isPublic ? PUBLIC_FLAG : 0);
  const body = `${input.isPublic ? "pk" : "sk"}_${randomBase32(SECRET_LENGTH)}${input.id.replaceAll("-", "").toLowerCase()}${input.type}${flag.toString(32)}${API_KEY_MARKER}`;
  return body + checksumOf(body);
}

/** The parts of a well-formed key with a right checksum; null for anything else, without touching the database. */
export function parseApiKey(value: string): ParsedApiKey | null {
  const match = KEY_PATTERN.exec(value);
  if (!match) return null;
  const [, prefix, idHex, type, flagChar, checksum] = match;
  const flag = Number.parseInt(flagChar!, 32);
  const isPublic = (flag & PUBLIC_FLAG) !== 0;
  if ((prefix === "pk") !== isPublic) return null;
  if (checksumOf(value.slice(0, -8)) !== checksum) return null;
  return { value, id: dashedUuid(idHex!), type: type as ApiKeyType, isPublic, isSelfHosted: (flag & SELF_HOSTED_FLAG) !== 0 };
}

/** Cheap pre-filter: could this text contain a key at all? */
export function mayContainApiKey(text: string): boolean {
  return text.includes(API_KEY_MARKER);
}

/** Every valid key (checksum included) found anywhere inside the text, e.g. a query string or a pasted log line. */
export function findApiKeys(text: string): ParsedApiKey[] {
  if (!mayContainApiKey(text)) return [];
  const found: ParsedApiKey[] = [];
  for (const match of text.matchAll(EMBEDDED_KEY_PATTERN)) {
    const parsed = parseApiKey(match[0]);
    if (parsed && !found.some((key) => key.value === parsed.value)) found.push(parsed);
  }
  return found;
}

/** The last four characters, the only part of a key shown again after creation. */
export function lastFourOf(value: string): string {
  return value.slice(-4);
}
