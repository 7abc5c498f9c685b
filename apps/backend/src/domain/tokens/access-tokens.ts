import { KnownErrors } from "@stackframe/stack-shared";
import { SignJWT, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import type { JwtKeyring } from "../../lib/jwt-keys";
import {
  type AccessTokenClaims,
  WELL_KNOWN_API_URLS,
  audienceFor,
  issuerFor,
  parseAudience,
  tokenKindOf,
} from "./access-token-claims";

export type VerifiedToken =
  | { status: "valid"; claims: AccessTokenClaims }
  | { status: "expired"; claims: Partial<AccessTokenClaims> }
  | { status: "invalid" };

// Created projects get UUIDs; seeded ones have short names (`internal`, `demo`). Either way an id is a plain slug,
// never something that could change the meaning of the issuer URL it is part of.
const PROJECT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_TOKEN_LENGTH = 8192;
const MAX_FUTURE_IAT_SECONDS = 60;
const CACHE_LIMIT = 50_000;
const ACCESS_TOKEN_TYPES = new Set(["jwt", "at+jwt", "application/at+jwt"]);
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * RFC 7515 §7.1: the compact form is unpadded base64url. Decoders forgive padding, the standard alphabet and stray
 * trailing bits, so one token would have many spellings; only the one the signer wrote is accepted.
 */
export function isCanonicalCompactJws(token: string): boolean {
  if (!COMPACT_JWS.test(token)) return false;
  return token.split(".").every((part) => Buffer.from(part, "base64url").toString("base64url") === part);
}

export type AccessTokenService = ReturnType<typeof createAccessTokenService>;

/** The claims of a valid access token, or the known error the SDKs refresh on (expired) or give up on (unparsable). */
export async function validAccessTokenClaims(accessTokens: AccessTokenService, token: string): Promise<AccessTokenClaims> {
  const result = await accessTokens.verify(token);
  if (result.status === "invalid") throw new KnownErrors.UnparsableAccessToken();
  if (result.status === "expired") {
    const { exp, project_id, sub, refresh_token_id } = result.claims;
    throw new KnownErrors.AccessTokenExpired({
      expiredAt: typeof exp === "number" ? new Date(exp * 1000) : null,
      projectId: project_id ?? null,
      userId: sub ?? null,
      refreshTokenId: refresh_token_id ?? null,
    });
  }
  return result.claims;
}

export function createAccessTokenService(options: { keyring: JwtKeyring; apiUrl: string; lifetimeSeconds: number }) {
  const apiUrls = [...new Set([options.apiUrl, ...WELL_KNOWN_API_URLS])];
  // A verified signature stays verified, so each distinct token pays for ES256 once; expiry is rechecked on every hit.
  const verified = new Map<string, AccessTokenClaims>();
  // Concurrent requests with a token not yet verified share one verification instead of each paying for ES256.
  const inFlight = new Map<string, Promise<VerifiedToken>>();

  async function sign(claims: Omit<AccessTokenClaims, "iat" | "exp" | "iss" | "aud" | "role">): Promise<string> {
    const kind = tokenKindOf(claims);
    const audience = audienceFor(claims.project_id, kind);
    const key = options.keyring.signingKeyFor(audience);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...claims, role: "authenticated" })
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer(issuerFor(options.apiUrl, claims.project_id, kind))
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + options.lifetimeSeconds)
      .sign(key.privateKey);
  }

  async function verifyUncached(token: string): Promise<VerifiedToken> {
    // Only the exact string a verification accepted is cached, so the cache needs no second canonical check.
    if (!isCanonicalCompactJws(token)) return { status: "invalid" };
    let kid: unknown;
    let aud: unknown;
    try {
      const header = decodeProtectedHeader(token);
      const payload = decodeJwt(token);
      // RFC 8725 §3.11: a token that says it is something else (an ID token, a refresh token) is not an access token.
      if (header.typ !== undefined && !ACCESS_TOKEN_TYPES.has(String(header.typ).toLowerCase())) return { status: "invalid" };
      if (payload.token_use !== undefined && payload.token_use !== "access") return { status: "invalid" };
      kid = header.kid;
      aud = payload.aud;
    } catch {
      return { status: "invalid" };
    }
    if (typeof kid !== "string" || kid.length > 64 || typeof aud !== "string" || aud.length > 128) {
      return { status: "invalid" };
    }
    const audience = parseAudience(aud);
    if (!audience || !PROJECT_ID.test(audience.projectId)) return { status: "invalid" };
    // The key comes only from our own derivation for this audience: never from jku, x5u, jwk or the header's alg.
    const key = options.keyring.findKey(aud, kid);
    if (!key) return { status: "invalid" };
    try {
      const { payload } = await jwtVerify(token, key.publicKey, {
        algorithms: ["ES256"],
        audience: aud,
        issuer: apiUrls.map((url) => issuerFor(url, audience.projectId, audience.kind)),
        requiredClaims: ["exp", "iat", "sub"],
      });
      const claims = payload as unknown as AccessTokenClaims;
      if (claims.iat > Math.floor(Date.now() / 1000) + MAX_FUTURE_IAT_SECONDS) return { status: "invalid" };
      // Tokens from before restricted users existed carry no is_restricted: anonymous users were the only restricted ones.
      claims.is_restricted ??= claims.is_anonymous;
      if (typeof claims.sub !== "string" || tokenKindOf(claims) !== audience.kind) return { status: "invalid" };
      if (claims.project_id !== undefined && claims.project_id !== audience.projectId) return { status: "invalid" };
      claims.project_id = audience.projectId;
      return { status: "valid", claims };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        return { status: "expired", claims: error.payload as Partial<AccessTokenClaims> };
      }
      return { status: "invalid" };
    }
  }

  async function verify(token: string): Promise<VerifiedToken> {
    if (token.length > MAX_TOKEN_LENGTH) return { status: "invalid" };
    const cached = verified.get(token);
    if (cached) {
      if (cached.exp * 1000 > Date.now()) return { status: "valid", claims: cached };
      verified.delete(token);
      return { status: "expired", claims: cached };
    }
    let pending = inFlight.get(token);
    if (!pending) {
      pending = verifyUncached(token).then((result) => {
        inFlight.delete(token);
        if (result.status === "valid") {
          if (verified.size >= CACHE_LIMIT) verified.delete(verified.keys().next().value!);
          verified.set(token, result.claims);
        }
        return result;
      });
      inFlight.set(token, pending);
    }
    return pending;
  }

  return { sign, verify };
}
