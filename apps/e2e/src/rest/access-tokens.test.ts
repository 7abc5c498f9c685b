import { createPublicKey } from "node:crypto";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, exportJWK, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SignedInUser, type TestProject, api, createTestProject, expectKnownError, projectHeaders, signUpWithPassword, testEnv, refreshWithOAuth } from "../harness/rest";
import {
  attackerKeyPair,
  decodeHeader,
  decodePayload,
  hs256Token,
  jwksOf,
  nowSeconds,
  resignedWith,
  serverSigningKey,
  signWithKey,
  unsignedToken,
} from "./token-helpers";

let a: TestProject;
let b: TestProject;
let user: SignedInUser;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestProject("A"), createTestProject("B")]);
  user = await signUpWithPassword(a);
});

const me = (project: TestProject, token: string) => api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": token }) });

async function expectRejected(token: string) {
  const response = await me(a, token);
  expectKnownError(response, "UNPARSABLE_ACCESS_TOKEN", 401);
  // JW-01: bearer clients learn why (RFC 6750 §3).
  expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
}

const refreshViaOAuth = (refreshToken: string, clientId: string) => refreshWithOAuth(clientId, refreshToken);

describe("the access token from sign-up", () => {
  const CLAIMS = [
    "sub", "iat", "exp", "iss", "aud", "project_id", "branch_id", "refresh_token_id", "role", "name", "email",
    "email_verified", "selected_team_id", "signed_up_at", "is_anonymous", "is_restricted", "restricted_reason", "requires_totp_mfa",
  ];

  it("carries exactly the claims of Stack Auth's tokens", () => {
    expect(Object.keys(decodePayload(user.accessToken)).sort()).toEqual([...CLAIMS].sort());
  });

  it("has Stack Auth's claim values for a normal user", () => {
    const claims = decodePayload(user.accessToken);
    expect(claims).toMatchObject({
      sub: user.userId,
      aud: a.projectId,
      iss: `${testEnv().backendUrl}/api/v1/projects/${a.projectId}`,
      project_id: a.projectId,
      branch_id: "main",
      role: "authenticated",
      email: user.email,
      email_verified: false,
      is_anonymous: false,
      is_restricted: false,
      restricted_reason: null,
      requires_totp_mfa: false,
    });
    expect(claims.refresh_token_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(claims.name === null || typeof claims.name === "string").toBe(true);
    expect(claims.selected_team_id === null || typeof claims.selected_team_id === "string").toBe(true);
    expect(claims.exp - claims.iat).toBe(600);
  });

  it("has signed_up_at in seconds", () => {
    const { signed_up_at } = decodePayload(user.accessToken);
    expect(Number.isInteger(signed_up_at)).toBe(true);
    expect(Math.abs(signed_up_at - Date.now() / 1000)).toBeLessThan(600);
  });

  it("is ES256 with a kid from the JWKS, and verifies against it", async () => {
    const header = decodeHeader(user.accessToken);
    expect(header.alg).toBe("ES256");
    const jwks = await jwksOf(a.projectId);
    expect(jwks.keys.map((key) => key.kid)).toContain(header.kid);
    const { payload } = await jwtVerify(user.accessToken, createLocalJWKSet(jwks), { algorithms: ["ES256"], audience: a.projectId });
    expect(payload.sub).toBe(user.userId);
  });
});

describe("JWKS", () => {
  it("publishes 2 EC P-256 ES256 public keys for the normal audience", async () => {
    const response = await api(`/api/v1/projects/${a.projectId}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.body.keys).toHaveLength(2);
    for (const key of response.body.keys) {
      expect(key).toEqual({ kty: "EC", alg: "ES256", crv: "P-256", kid: expect.any(String), x: expect.any(String), y: expect.any(String) });
    }
    expect(new Set(response.body.keys.map((key: { kid: string }) => key.kid)).size).toBe(2);
  });

  it("is cacheable: public, max-age=3600", async () => {
    const response = await api(`/api/v1/projects/${a.projectId}/.well-known/jwks.json`);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("adds the restricted and anonymous audiences' keys with include_anonymous=true", async () => {
    const base = (await jwksOf(a.projectId)).keys.map((key) => key.kid);
    const all = (await jwksOf(a.projectId, "?include_anonymous=true")).keys.map((key) => key.kid);
    expect(all).toHaveLength(6);
    expect(all).toEqual(expect.arrayContaining(base));
  });

  it("adds 2 keys with include_restricted=true", async () => {
    expect((await jwksOf(a.projectId, "?include_restricted=true")).keys).toHaveLength(4);
  });

  it("answers 404 for an unknown project", async () => {
    expect((await api("/api/v1/projects/00000000-0000-4000-8000-000000000000/.well-known/jwks.json")).status).toBe(404);
  });
});

describe("rejected access tokens", () => {
  it("an expired token → ACCESS_TOKEN_EXPIRED with its details", async () => {
    const exp = nowSeconds() - 3600;
    const token = await resignedWith(user.accessToken, { iat: exp - 600, exp });
    const response = await me(a, token);
    expectKnownError(response, "ACCESS_TOKEN_EXPIRED", 401);
    expect(response.body.details).toEqual({
      expired_at_millis: exp * 1000,
      project_id: a.projectId,
      user_id: user.userId,
      refresh_token_id: decodePayload(user.accessToken).refresh_token_id,
    });
  });

  it("a changed payload with the original signature → UNPARSABLE_ACCESS_TOKEN", async () => {
    const [header, , signature] = user.accessToken.split(".");
    const payload = Buffer.from(JSON.stringify({ ...decodePayload(user.accessToken), name: "Mallory" })).toString("base64url");
    await expectRejected(`${header}.${payload}.${signature}`);
  });

  it("the original token with its signature stripped is rejected", async () => {
    const [header, payload] = user.accessToken.split(".");
    await expectRejected(`${header}.${payload}.`);
  });

  describe("alg none (JW-01)", () => {
    const noneToken = (alg: string, trailingDot: boolean) => {
      const token = unsignedToken({ alg, kid: decodeHeader(user.accessToken).kid, typ: "JWT" }, decodePayload(user.accessToken));
      return trailingDot ? token : token.slice(0, -1);
    };

    it("alg none with a trailing dot is rejected", () => expectRejected(noneToken("none", true)));
    it("alg none without a trailing dot is rejected", () => expectRejected(noneToken("none", false)));
    it("alg NoNe is rejected", () => expectRejected(noneToken("NoNe", true)));

    it("a write with an alg-none token changes nothing", async () => {
      const response = await api("/api/v1/users/me", {
        method: "PATCH",
        headers: projectHeaders(a, "client", { "access-token": noneToken("none", true) }),
        body: { display_name: "pwned" },
      });
      expectKnownError(response, "UNPARSABLE_ACCESS_TOKEN", 401);
      const stored = await api(`/api/v1/users/${user.userId}`, { headers: projectHeaders(a, "server") });
      expect(stored.body.display_name).not.toBe("pwned");
    });
  });

  describe("HS256 signed with the public key (JW-02)", () => {
    let jwk: Record<string, unknown>;
    let pem: string;
    let jwksJson: string;
    beforeAll(async () => {
      const jwks = await jwksOf(a.projectId);
      jwk = { ...jwks.keys.find((key) => key.kid === decodeHeader(user.accessToken).kid)! };
      pem = createPublicKey({ key: jwk as any, format: "jwk" }).export({ type: "spki", format: "pem" }) as string;
      jwksJson = JSON.stringify(jwks);
    });
    const forge = (secret: string) => hs256Token({ kid: jwk.kid, typ: "JWT" }, decodePayload(user.accessToken), secret);

    it("with the PEM as the HMAC secret is rejected", () => expectRejected(forge(pem)));
    it("with the PEM after leading whitespace is rejected", () => expectRejected(forge(`\n  ${pem}`)));
    it("with the PEM after a prefix is rejected", () => expectRejected(forge(`key:${pem}`)));
    it("with the JWK JSON string is rejected", () => expectRejected(forge(JSON.stringify(jwk))));
    it("with the JWKS JSON string is rejected", () => expectRejected(forge(jwksJson)));
  });

  describe("valid signatures from keys that are not the server's, with the right kid (JW-03)", () => {
    for (const alg of ["ES256", "ES384", "RS256", "PS256"] as const) {
      it(`${alg} from an attacker key is rejected`, async () => {
        const { privateKey } = await attackerKeyPair(alg);
        await expectRejected(await signWithKey(decodePayload(user.accessToken), { alg, kid: decodeHeader(user.accessToken).kid }, privateKey));
      });
    }
  });

  describe("kid (JW-04)", () => {
    for (const [label, kid] of [
      ["unknown", "unknown-kid-1"],
      ["a path", "../../dev/null"],
      ["SQL", "' OR 1=1--"],
      ["10 KB long", "k".repeat(10 * 1024)],
    ] as const) {
      it(`a kid that is ${label} is rejected even with the server's real signature`, async () => {
        await expectRejected(await resignedWith(user.accessToken, {}, { kid }));
      });
    }

    it("the server's second published key (other kid) does not verify a signature of the first", async () => {
      const other = (await jwksOf(a.projectId)).keys.find((key) => key.kid !== decodeHeader(user.accessToken).kid)!;
      const [, payload, signature] = user.accessToken.split(".");
      const header = Buffer.from(JSON.stringify({ alg: "ES256", kid: other.kid })).toString("base64url");
      await expectRejected(`${header}.${payload}.${signature}`);
    });
  });

  describe("key references in the header (JW-05)", () => {
    let server: Server;
    let hits = 0;
    let baseUrl: string;
    let attacker: Awaited<ReturnType<typeof attackerKeyPair>>;
    let attackerJwk: Record<string, unknown>;
    beforeAll(async () => {
      attacker = await attackerKeyPair("ES256");
      attackerJwk = { ...(await exportJWK(attacker.publicKey)), alg: "ES256", kid: "attacker" };
      server = createServer((_req, res) => {
        hits++;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ keys: [attackerJwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const cases: [string, () => Record<string, unknown>][] = [
      ["jku to the attacker's JWKS", () => ({ kid: "attacker", jku: `${baseUrl}/jwks.json` })],
      ["jku with the real kid", () => ({ kid: decodeHeader(user.accessToken).kid, jku: `${baseUrl}/jwks.json` })],
      ["x5u to an attacker URL", () => ({ kid: decodeHeader(user.accessToken).kid, x5u: `${baseUrl}/cert.pem` })],
      ["an embedded attacker jwk", () => ({ kid: decodeHeader(user.accessToken).kid, jwk: attackerJwk })],
    ];
    for (const [label, header] of cases) {
      it(`${label}, signed by the attacker key, is rejected without fetching anything`, async () => {
        const token = await signWithKey(decodePayload(user.accessToken), { alg: "ES256", ...header() }, attacker.privateKey);
        await expectRejected(token);
        expect(hits).toBe(0);
      });
    }
  });

  describe("time claims signed with the server's key (JW-06)", () => {
    it("nbf in the future is rejected", async () => {
      await expectRejected(await resignedWith(user.accessToken, { nbf: nowSeconds() + 3600 }));
    });

    it("iat far in the future is rejected", async () => {
      await expectRejected(await resignedWith(user.accessToken, { iat: nowSeconds() + 3600, exp: nowSeconds() + 4200 }));
    });

    it("a missing exp is rejected", async () => {
      await expectRejected(await resignedWith(user.accessToken, { exp: undefined }));
    });

    it("a re-signed unchanged token is accepted (control for the cases above)", async () => {
      const response = await me(a, await resignedWith(user.accessToken, {}));
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(user.userId);
    });

    it("a token signed with the key of another project's audience is rejected", async () => {
      const key = serverSigningKey(b.projectId);
      await expectRejected(await signWithKey(decodePayload(user.accessToken), { alg: "ES256", kid: key.kid }, key.privateKey));
    });
  });

  it("a token of project A sent to project B → INVALID_PROJECT_FOR_ACCESS_TOKEN", async () => {
    const response = await me(b, user.accessToken);
    expectKnownError(response, "INVALID_PROJECT_FOR_ACCESS_TOKEN", 401);
    expect(response.body.details).toEqual({ expected_project_id: b.projectId, actual_project_id: a.projectId });
  });

  describe("a deleted user's token", () => {
    let doomed: SignedInUser;
    beforeAll(async () => {
      doomed = await signUpWithPassword(a);
      const deleted = await api(`/api/v1/users/${doomed.userId}`, { method: "DELETE", headers: projectHeaders(a, "server"), body: {} });
      expect(deleted.status).toBe(200);
    });

    it("GET /users/me → CANNOT_GET_OWN_USER_WITHOUT_USER", async () => {
      expectKnownError(await me(a, doomed.accessToken), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    });

    it("its refresh token no longer refreshes", async () => {
      expectKnownError(await refreshViaOAuth(doomed.refreshToken, a.projectId), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    });
  });
});

describe("refresh", () => {
  it("POST /auth/oauth/token (form, no project headers) returns a Bearer access token for the same session", async () => {
    const response = await refreshViaOAuth(user.refreshToken, a.projectId);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ access_token: expect.any(String), token_type: "Bearer" });
    expect(decodePayload(response.body.access_token)).toMatchObject({
      sub: user.userId,
      refresh_token_id: decodePayload(user.accessToken).refresh_token_id,
    });
    expect((await me(a, response.body.access_token)).body.id).toBe(user.userId);
  });

  it("a wrong refresh token → REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", async () => {
    expectKnownError(await refreshViaOAuth("a".repeat(45), a.projectId), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("project A's refresh token with project B's client_id → REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", async () => {
    expectKnownError(await refreshViaOAuth(user.refreshToken, b.projectId), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("POST /auth/sessions/current/refresh with x-hexclave-refresh-token returns {access_token}", async () => {
    const response = await api("/api/v1/auth/sessions/current/refresh", {
      method: "POST",
      headers: projectHeaders(a, "client", { "refresh-token": user.refreshToken }),
    });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(["access_token"]);
    expect(decodePayload(response.body.access_token).sub).toBe(user.userId);
  });

  describe("after sign-out", () => {
    let signedOut: SignedInUser;
    beforeAll(async () => {
      signedOut = await signUpWithPassword(a);
      const response = await api("/api/v1/auth/sessions/current", {
        method: "DELETE",
        headers: projectHeaders(a, "client", { "access-token": signedOut.accessToken }),
        body: {},
      });
      expect(response.status).toBe(200);
    });

    it("the refresh token no longer refreshes via /auth/oauth/token", async () => {
      expectKnownError(await refreshViaOAuth(signedOut.refreshToken, a.projectId), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    });

    it("the refresh token no longer refreshes via /auth/sessions/current/refresh", async () => {
      const response = await api("/api/v1/auth/sessions/current/refresh", {
        method: "POST",
        headers: projectHeaders(a, "client", { "refresh-token": signedOut.refreshToken }),
      });
      expectKnownError(response, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    });
  });
});
