// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { TokenPair } from "@stackframe/stack-shared";

// The canonical prefix first: emitted by us, preferred when reading.
const AUTHORIZATION_PREFIXES = ["hexclave_", "stackauth_"] as const;

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(base64: string): string {
  const normalized = base64.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(normalized.padEnd(Math.ceil(normalized.length / 4) * 4, "="));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

function tokensFromJson(value: unknown): TokenPair | null {
  if (typeof value !== "object" || value === null) return null;
  const { accessToken, refreshToken } = value as Record<string, unknown>;
  const pair = {
    accessToken: typeof accessToken === "string" && accessToken !== "" ? accessToken : null,
    refreshToken: typeof refreshToken === "string" && refreshToken !== "" ? refreshToken : null,
  };
  return pair.accessToken === null && pair.refreshToken === null ? null : pair;
}

/** `Bearer hexclave_<base64(JSON {accessToken, refreshToken})>`, or null when signed out. */
export function formatAuthorizationHeader(tokens: TokenPair): string | null {
  if (tokens.accessToken === null && tokens.refreshToken === null) return null;
  return `Bearer hexclave_${toBase64(JSON.stringify(tokens))}`;
}

/**
 * Tokens from an `Authorization` value in either brand (`hexclave_` or the older `stackauth_`).
 * Null when the header is absent or is some other kind of credential; malformed SDK headers are null too,
 * so a bad header reads as "signed out" rather than failing the request.
 */
export function parseAuthorizationHeader(value: string | null | undefined): TokenPair | null {
  const match = /^Bearer\s+(\S+)$/i.exec(value?.trim() ?? "");
  const credential = match?.[1];
  if (!credential) return null;
  const prefix = AUTHORIZATION_PREFIXES.find((candidate) => credential.startsWith(candidate));
  if (!prefix) return null;
  try {
    return tokensFromJson(JSON.parse(fromBase64(credential.slice(prefix.length))));
  } catch {
    return null;
  }
}

/** The legacy `x-stack-auth` header: plain JSON `{accessToken, refreshToken}`. */
export function parseStackAuthHeader(value: string | null | undefined): TokenPair | null {
  if (!value) return null;
  try {
    return tokensFromJson(JSON.parse(value));
  } catch {
    return null;
  }
}
