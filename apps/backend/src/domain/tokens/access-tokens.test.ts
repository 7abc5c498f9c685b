import { SignJWT, UnsecuredJWT, decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { JwtKeyring } from "../../lib/jwt-keys";
import { createAccessTokenService } from "./access-tokens";

const keyring = new JwtKeyring("unit-test-secret-0123456789");
const service = createAccessTokenService({ keyring, apiUrl: "http://localhost:8102", lifetimeSeconds: 600 });
const PROJECT = "3f1c8a52-9a4e-4d7b-8f0a-2b6c1d9e7f10";

const claims = {
  sub: "0b8f1a2c-3d4e-4f50-8a6b-7c8d9e0f1a2b",
  project_id: PROJECT,
  branch_id: "main",
  refresh_token_id: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  name: null,
  email: "a@example.com",
  email_verified: false,
  selected_team_id: null,
  signed_up_at: 1_700_000_000,
  is_anonymous: false,
  is_restricted: false,
  restricted_reason: null,
  requires_totp_mfa: false,
};

async function signWith(payload: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const key = keyring.signingKeyFor(PROJECT);
  return new SignJWT(payload).setProtectedHeader({ alg: "ES256", kid: key.kid, ...header }).sign(key.privateKey);
}

const base = () => {
  const now = Math.floor(Date.now() / 1000);
  return { ...claims, role: "authenticated", iss: `http://localhost:8102/api/v1/projects/${PROJECT}`, aud: PROJECT, iat: now, exp: now + 600 };
};

describe("access tokens", () => {
  // Regression: a token with "==" appended, or spelt in the standard base64 alphabet, was accepted.
  it("refuses every spelling of a valid token but the canonical unpadded base64url one", async () => {
    const token = await service.sign(claims);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const standard = (part: string) => Buffer.from(part, "base64url").toString("base64");
    const lastChar = signature.at(-1)!;
    // The signature's last character carries 4 unused bits: a neighbour in the alphabet decodes to the same bytes.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sameBytes = alphabet[(alphabet.indexOf(lastChar) ^ 1) % 64]!;
    const variants = [
      `${token}==`,
      `${header}.${payload}.${signature}=`,
      `${header}==.${payload}.${signature}`,
      `${standard(header)}.${standard(payload)}.${standard(signature)}`,
      `${header}.${payload}.${signature.slice(0, -1)}${sameBytes}`,
      ` ${token}`,
      `${token}.`,
    ].filter((variant) => variant !== token);
    expect(variants.length).toBeGreaterThanOrEqual(6);
    for (const variant of variants) expect((await service.verify(variant)).status, variant).toBe("invalid");
    expect((await service.verify(token)).status).toBe("valid");
  });

  it("verifies a token it signed, with every claim the SDK requires", async () => {
    const token = await service.sign(claims);
    const result = await service.verify(token);
    expect(result.status).toBe("valid");
    expect(decodeJwt(token)).toMatchObject({ ...claims, role: "authenticated", aud: PROJECT });
  });

  it("accepts the hosted Stack Auth and Hexclave issuers", async () => {
    for (const iss of [`https://api.stack-auth.com/api/v1/projects/${PROJECT}`, `https://api.hexclave.com/api/v1/projects/${PROJECT}`]) {
      expect((await service.verify(await signWith({ ...base(), iss }))).status).toBe("valid");
    }
  });

  it("rejects a foreign issuer", async () => {
    expect((await service.verify(await signWith({ ...base(), iss: `https://evil.example/api/v1/projects/${PROJECT}` }))).status).toBe("invalid");
  });

  it("reports an expired token as expired, with its claims", async () => {
    const result = await service.verify(await signWith({ ...base(), iat: 1_000, exp: 2_000 }));
    expect(result).toMatchObject({ status: "expired", claims: { sub: claims.sub } });
  });

  it("rejects alg none, a tampered payload, and an unknown kid", async () => {
    const unsigned = new UnsecuredJWT(base()).encode();
    expect((await service.verify(unsigned)).status).toBe("invalid");
    const [header, , signature] = (await service.sign(claims)).split(".");
    const tampered = Buffer.from(JSON.stringify({ ...base(), sub: "someone-else" })).toString("base64url");
    expect((await service.verify(`${header}.${tampered}.${signature}`)).status).toBe("invalid");
    expect((await service.verify(await signWith(base(), { kid: "../../etc/passwd" }))).status).toBe("invalid");
  });

  it("rejects an iat far in the future, a future nbf, and a missing exp", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await service.verify(await signWith({ ...base(), iat: now + 3600, exp: now + 7200 }))).status).toBe("invalid");
    expect((await service.verify(await signWith({ ...base(), nbf: now + 3600 }))).status).toBe("invalid");
    const { exp: _exp, ...noExp } = base();
    expect((await service.verify(await signWith(noExp))).status).toBe("invalid");
  });

  it("rejects an audience suffix that disagrees with the anonymous claim", async () => {
    expect((await service.verify(await signWith({ ...base(), aud: `${PROJECT}:anon` }))).status).toBe("invalid");
  });

  it("derives the same keys from the same secret and different keys per audience", () => {
    const again = new JwtKeyring("unit-test-secret-0123456789");
    expect(again.signingKeyFor(PROJECT).jwk).toEqual(keyring.signingKeyFor(PROJECT).jwk);
    expect(keyring.signingKeyFor(`${PROJECT}:anon`).kid).not.toBe(keyring.signingKeyFor(PROJECT).kid);
    expect(keyring.keysFor(PROJECT)).toHaveLength(2);
  });
});

describe("access-token verification cache", () => {
  it("verifies a token once for many concurrent requests", async () => {
    const counting = createAccessTokenService({ keyring, apiUrl: "http://localhost:8102", lifetimeSeconds: 600 });
    const token = await counting.sign(claims);
    const results = await Promise.all(Array.from({ length: 20 }, () => counting.verify(token)));
    expect(results.every((r) => r.status === "valid")).toBe(true);
    // Every caller gets the very same claims object: one verification served them all.
    const first = (results[0] as { claims: object }).claims;
    expect(results.every((r) => (r as { claims: object }).claims === first)).toBe(true);
  });
});
