import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { type SignedInUser, type TestProject, api, createTestProject, expectKnownError, projectHeaders, signUpWithPassword, testEnv } from "../harness/rest";
import { decodeHeader, jwksOf } from "./token-helpers";

// JW-11: rotating the access-token signing keys (docs/configuration.md). The suite's backend plays an instance not yet
// rotated (generation 0); two more on the same database play one rotated to generation 1, and one that has also revoked
// the previous key.

let project: TestProject;
let user: SignedInUser;
let rotated: BackendProcess;
let retired: BackendProcess;

beforeAll(async () => {
  // Instances behind one load balancer share its public URL, and with it every token's issuer.
  const env = { ...backendEnv(testEnv()), NEXT_PUBLIC_STACK_API_URL: testEnv().backendUrl };
  [rotated, retired, project] = await Promise.all([
    startBackend({ ...env, STACK_SIGNING_KEY_GENERATION: "1" }, { quiet: true }),
    startBackend({ ...env, STACK_SIGNING_KEY_GENERATION: "1", STACK_SIGNING_KEY_REVOKED_BEFORE: "1" }, { quiet: true }),
    createTestProject("Key rotation"),
  ]);
  user = await signUpWithPassword(project);
});
afterAll(() => Promise.all([rotated?.stop(), retired?.stop()]));

const jwksAt = async (baseUrl: string, query = "") => (await api(`/api/v1/projects/${project.projectId}/.well-known/jwks.json${query}`, { baseUrl })).body.keys as { kid: string }[];
const meAt = (baseUrl: string | undefined, accessToken: string) =>
  api("/api/v1/users/me", { baseUrl, headers: projectHeaders(project, "client", { "access-token": accessToken }) });

async function signInAt(baseUrl: string): Promise<string> {
  const response = await api("/api/v1/auth/password/sign-in", { baseUrl, headers: projectHeaders(project, "client"), body: { email: user.email, password: user.password } });
  expect(response.status).toBe(200);
  return response.body.access_token;
}

describe("key rotation (JW-11)", () => {
  it("publishes current + next before a rotation, and current + next + previous after it", async () => {
    const before = (await jwksOf(project.projectId)).keys.map((key) => key.kid);
    const after = (await jwksAt(rotated.url)).map((key) => key.kid);
    expect(before).toHaveLength(2);
    expect(after).toHaveLength(3);
    // The old instance's next key is the new one's current, and its current stays published as the previous.
    expect(after[0]).toBe(before[1]);
    expect(after).toContain(before[0]);
    expect(decodeHeader(await signInAt(rotated.url)).kid).toBe(before[1]);
  });

  it("rotates the restricted and anonymous audiences' keys alike", async () => {
    expect(await jwksAt(rotated.url, "?include_anonymous=true")).toHaveLength(9);
    expect(await jwksAt(retired.url, "?include_anonymous=true")).toHaveLength(6);
  });

  it("keeps verifying tokens signed before the rotation, on the rotated instance and with its JWKS", async () => {
    expect((await meAt(rotated.url, user.accessToken)).status).toBe(200);
    const { payload } = await jwtVerify(user.accessToken, createLocalJWKSet({ keys: (await jwksAt(rotated.url)) as never }), { algorithms: ["ES256"] });
    expect(payload.sub).toBe(user.userId);
  });

  it("lets an instance not yet rotated verify the tokens of one already rotated", async () => {
    expect((await meAt(undefined, await signInAt(rotated.url))).status).toBe(200);
  });

  it("needs no downtime: under load, tokens of both generations verify on both instances while the rotation rolls", async () => {
    const tokens = [user.accessToken, await signInAt(rotated.url)];
    const instances = [testEnv().backendUrl, rotated.url];
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = Array.from({ length: 20 }, (_, i) => meAt(instances[i % 2], tokens[Math.floor(i / 2) % 2]!));
      statuses.push(...(await Promise.all(batch)).map((response) => response.status));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(statuses).toHaveLength(200);
  });

  describe("after the previous key is revoked", () => {
    it("drops its kid from the JWKS", async () => {
      const previousKid = decodeHeader(user.accessToken).kid;
      const kids = (await jwksAt(retired.url)).map((key) => key.kid);
      expect(kids).toHaveLength(2);
      expect(kids).not.toContain(previousKid);
    });

    it("refuses the tokens it signed with 401, and the SDK's refresh gets one of the current key", async () => {
      const response = await meAt(retired.url, user.accessToken);
      expectKnownError(response, "UNPARSABLE_ACCESS_TOKEN", 401);
      const refreshed = await api("/api/v1/auth/sessions/current/refresh", {
        baseUrl: retired.url,
        method: "POST",
        headers: projectHeaders(project, "client", { "refresh-token": user.refreshToken }),
      });
      expect(refreshed.status).toBe(200);
      expect((await meAt(retired.url, refreshed.body.access_token)).body.id).toBe(user.userId);
    });

    it("still accepts the tokens of the current key", async () => {
      expect((await meAt(retired.url, await signInAt(rotated.url))).status).toBe(200);
    });
  });
});
