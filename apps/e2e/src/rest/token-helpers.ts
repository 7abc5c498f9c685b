import { createHmac } from "node:crypto";
import { type JWK, type JWTPayload, type KeyLike, SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from "jose";
import { JwtKeyring } from "../../../backend/src/lib/jwt-keys";
import { api, testEnv } from "../harness/rest";

/** The backend's own signing key for an audience (derived from the test server secret, as the backend does). */
export function serverSigningKey(audience: string) {
  return new JwtKeyring(testEnv().serverSecret).signingKeyFor(audience);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

export function decodePayload(token: string): Record<string, any> {
  return decodeJwt(token) as Record<string, any>;
}

export function decodeHeader(token: string): Record<string, any> {
  return decodeProtectedHeader(token) as Record<string, any>;
}

/**
 * Signs a payload with the server's real ES256 key for the payload's `aud`, with no claims added: what the caller
 * gives is exactly what the token holds (so `exp` can be left out, `nbf`/`iat` set freely).
 */
export async function signWithServerKey(payload: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const key = serverSigningKey(String(payload.aud));
  return new SignJWT(payload).setProtectedHeader({ alg: "ES256", kid: key.kid, ...header }).sign(key.privateKey);
}

/** A copy of a real token's claims, re-signed by the server's key with some claims changed (undefined removes one). */
export async function resignedWith(token: string, changes: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const payload: Record<string, unknown> = { ...decodePayload(token), ...changes };
  for (const [name, value] of Object.entries(changes)) if (value === undefined) delete payload[name];
  return signWithServerKey(payload, header);
}

/** An unsigned token: header and payload as given, signature part as given (empty by default). */
export function unsignedToken(header: Record<string, unknown>, payload: Record<string, unknown>, signature = ""): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${signature}`;
}

/** HS256 over header.payload with an arbitrary byte string as the secret (the algorithm-confusion attack). */
export function hs256Token(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string | Buffer): string {
  const input = `${b64url(JSON.stringify({ ...header, alg: "HS256" }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}

/** A key pair the server has never seen, for signatures that are valid but not the server's. */
export async function attackerKeyPair(alg: "ES256" | "ES384" | "RS256" | "PS256" = "ES256") {
  return generateKeyPair(alg, { extractable: true });
}

export async function signWithKey(
  payload: Record<string, unknown>,
  header: Record<string, unknown> & { alg: string },
  privateKey: KeyLike | Uint8Array,
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader(header).sign(privateKey);
}

export async function jwksOf(projectId: string, query = ""): Promise<{ keys: (JWK & { kid: string })[] }> {
  const response = await api(`/api/v1/projects/${projectId}/.well-known/jwks.json${query}`);
  if (response.status !== 200) throw new Error(`JWKS fetch failed: ${response.status} ${response.text}`);
  return response.body;
}
