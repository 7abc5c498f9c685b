import { sign } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  testEnv,
} from "../harness/rest";
import { b64url, decodePayload, resignedWith, serverSigningKey } from "./token-helpers";

// Access tokens presented where they do not belong, or not as access tokens at all. Signature and alg attacks are in
// access-tokens.test.ts; this file covers what a token is bound to (JW-07), what it is (JW-08), its crit header (JW-10)
// and malformed credential headers (JW-12).

let a: TestProject;
let b: TestProject;
let user: SignedInUser;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestProject("Token abuse A"), createTestProject("Token abuse B")]);
  user = await signUpWithPassword(a);
});

const me = (token: string, project: TestProject = a) => api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": token }) });

function expectUnparsable(response: ApiResponse) {
  expectKnownError(response, "UNPARSABLE_ACCESS_TOKEN", 401);
  expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
}

/** ES256 over exactly the header and payload given, with the server's key for an audience (`aud` by default). */
function signedRaw(header: Record<string, unknown>, payload: Record<string, unknown>, keyAudience = String(payload.aud)): string {
  const key = serverSigningKey(keyAudience);
  const input = `${b64url(JSON.stringify({ alg: "ES256", kid: key.kid, ...header }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${sign("sha256", Buffer.from(input), { key: key.privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
}

describe("issuer and audience binding (JW-07)", () => {
  const issuer = (projectId: string, path = "projects", base = testEnv().backendUrl) => `${base}/api/v1/${path}/${projectId}`;

  it("accepts the token as issued, and under the hosted issuers a self-hosted deployment also trusts (control)", async () => {
    expect((await me(user.accessToken)).status).toBe(200);
    expect((await me(await resignedWith(user.accessToken, { iss: issuer(a.projectId, "projects", "https://api.stack-auth.com") }))).status).toBe(200);
  });

  it("refuses another project's issuer", async () => {
    expectUnparsable(await me(await resignedWith(user.accessToken, { iss: issuer(b.projectId) })));
  });

  it("refuses an issuer on another host", async () => {
    expectUnparsable(await me(await resignedWith(user.accessToken, { iss: issuer(a.projectId, "projects", "https://evil.example.com") })));
  });

  it("refuses the anonymous and restricted issuers on a normal user's token", async () => {
    expectUnparsable(await me(await resignedWith(user.accessToken, { iss: issuer(a.projectId, "projects-anonymous-users") })));
    expectUnparsable(await me(await resignedWith(user.accessToken, { iss: issuer(a.projectId, "projects-restricted-users") })));
  });

  it("refuses a missing issuer", async () => {
    expectUnparsable(await me(await resignedWith(user.accessToken, { iss: undefined })));
  });

  it("refuses a token re-addressed to project B, whether signed with A's key or with B's", async () => {
    const withAKey = signedRaw({}, { ...decodePayload(user.accessToken), aud: b.projectId }, a.projectId);
    for (const token of [withAKey, await resignedWith(user.accessToken, { aud: b.projectId })]) {
      expectUnparsable(await me(token, b));
      expectUnparsable(await me(token, a));
    }
  });

  it("refuses a missing audience, an audience array, and an audience suffix that does not match the claims", async () => {
    expectUnparsable(await me(await resignedWith(user.accessToken, { aud: undefined })));
    expectUnparsable(await me(signedRaw({}, { ...decodePayload(user.accessToken), aud: [a.projectId] })));
    expectUnparsable(await me(await resignedWith(user.accessToken, { aud: `${a.projectId}:restricted` })));
    expectUnparsable(await me(await resignedWith(user.accessToken, { aud: `${a.projectId}:anon` })));
    expectUnparsable(await me(await resignedWith(user.accessToken, { aud: `${a.projectId}:admin` })));
  });

  it("refuses a genuine project token as an admin access token for the project", async () => {
    const response = await api("/api/v1/internal/projects/current", {
      headers: { "x-hexclave-project-id": a.projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": user.accessToken },
    });
    expectKnownError(response, "ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN", 401);
  });
});

describe("type confusion (JW-08)", () => {
  // Stack Auth's access tokens carry no typ (header {alg, kid}), so none can be required; the server's keys sign
  // access tokens only, and every other credential is refused where an access token is expected, and vice versa.
  it("refuses a refresh token, a publishable key and a secret key as the access token", async () => {
    for (const credential of [user.refreshToken, a.publishableClientKey, a.secretServerKey]) expectUnparsable(await me(credential));
  });

  it("refuses a refresh token as the admin access token", async () => {
    const response = await api("/api/v1/internal/projects/current", {
      headers: { "x-hexclave-project-id": a.projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": a.owner.refreshToken },
    });
    expectKnownError(response, "UNPARSABLE_ADMIN_ACCESS_TOKEN", 401);
  });

  it("refuses an access token as the refresh token, on both refresh endpoints", async () => {
    // The token endpoint's schema caps refresh_token at 256 characters, which every access token exceeds.
    expectKnownError(await refreshWithOAuth(a.projectId, user.accessToken), "SCHEMA_ERROR", 400);
    const viaHeader = await api("/api/v1/auth/sessions/current/refresh", { method: "POST", headers: projectHeaders(a, "client", { "refresh-token": user.accessToken }) });
    expectKnownError(viaHeader, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("refuses a token signed by the server that declares itself another kind of token", async () => {
    // Regression: such a token was accepted, since only the signature and claims were checked.
    expectUnparsable(await me(await resignedWith(user.accessToken, {}, { typ: "id_token+jwt" })));
    expectUnparsable(await me(await resignedWith(user.accessToken, { token_use: "id" })));
  });
});

describe("crit header (JW-10)", () => {
  const payload = () => decodePayload(user.accessToken);

  it("accepts the same raw signing without crit (control)", async () => {
    expect((await me(signedRaw({}, payload()))).status).toBe(200);
  });

  it("refuses an unknown critical extension, RFC 7515 §4.1.11", async () => {
    expectUnparsable(await me(signedRaw({ crit: ["x-hexclave-test"], "x-hexclave-test": true }, payload())));
  });

  it("refuses a critical extension that is named but absent, an empty crit and a registered name in crit", async () => {
    expectUnparsable(await me(signedRaw({ crit: ["x-hexclave-test"] }, payload())));
    expectUnparsable(await me(signedRaw({ crit: [] }, payload())));
    expectUnparsable(await me(signedRaw({ crit: ["alg"] }, payload())));
  });

  it("refuses an unencoded payload (b64: false, RFC 7797)", async () => {
    expectUnparsable(await me(signedRaw({ crit: ["b64"], b64: false }, payload())));
  });
});

describe("malformed credential headers (JW-12)", () => {
  const huge = "a".repeat(100 * 1024);

  it("refuses non-tokens in x-hexclave-access-token with 401, never a 5xx", async () => {
    for (const value of ["a.b", "a.b.c", "!!!.@@@.###", `Bearer ${user.accessToken}`, "Basic dXNlcjpwYXNz", "k".repeat(9000), `${user.accessToken}.x`]) {
      expectUnparsable(await me(value));
    }
  });

  it("treats an empty access token as none, like every empty credential header", async () => {
    // Empty headers count as absent (the SDKs send "" for unset keys), so this is no user, not a 401.
    expectKnownError(await me(""), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
  });

  it("answers a 100 KB access token with 431 or 401", async () => {
    expect([401, 431]).toContain((await me(huge)).status);
  });

  it("refuses a malformed admin access token with 401", async () => {
    for (const value of ["a.b", "!!!", `Bearer ${a.owner.accessToken}`]) {
      const response = await api("/api/v1/internal/projects/current", {
        headers: { "x-hexclave-project-id": a.projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": value },
      });
      expectKnownError(response, "UNPARSABLE_ADMIN_ACCESS_TOKEN", 401);
    }
  });

  it("answers the Authorization: Bearer route with 401 for an empty, short, non-base64 or Basic credential, and 431 or 401 for 100 KB", async () => {
    const cron = (authorization?: string) => api("/api/latest/internal/email-queue-step?only_one_step=true", { headers: { authorization } });
    // No header at all is a SCHEMA_ERROR, as Stack Auth's API declares it part of the request.
    expectKnownError(await cron(undefined), "SCHEMA_ERROR", 400);
    for (const authorization of ["Bearer", "Bearer ", "Bearer a.b", "Bearer !!!", `Basic ${Buffer.from(`cron:${testEnv().cronSecret}`).toString("base64")}`, testEnv().cronSecret]) {
      expect((await cron(authorization)).status).toBe(401);
    }
    expect([401, 431]).toContain((await cron(`Bearer ${huge}`)).status);
    expect((await cron(`Bearer ${testEnv().cronSecret}`)).status).toBe(200);
  });

  it("ignores an access token sent as Authorization: Bearer on a project route, without a 5xx", async () => {
    const response = await api("/api/v1/users/me", { headers: { ...projectHeaders(a, "client"), authorization: `Bearer ${user.accessToken}` } });
    expectKnownError(response, "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
  });
});
