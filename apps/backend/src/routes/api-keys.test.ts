import { generateKeyPairSync, sign } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { emailOutbox, teamMembers, teamPermissionGrants, teams } from "../db/schema";
import { createApiKeySet } from "../domain/projects/api-key-sets";
import { NEW_PROJECT_OVERRIDE } from "../domain/projects/config";
import { createProject } from "../domain/projects/projects";
import { INTERNAL_SERVER_HEADERS, createTestServices } from "../testing/test-services";

let services: Awaited<ReturnType<typeof createTestServices>>;
let app: ReturnType<typeof createApp>;
let projectId: string;
let tenancyId: string;

beforeAll(async () => {
  services = await createTestServices();
  app = createApp(services);
  const project = await createProject(services.db, {
    display_name: "Keys",
    owner_team_id: null,
    baseOverride: { ...NEW_PROJECT_OVERRIDE, "apiKeys.enabled.user": true, "apiKeys.enabled.team": true },
  });
  projectId = project.id;
  tenancyId = (await services.projects.getTenancy(projectId))!.id;
  await createApiKeySet(services.db, projectId, { description: "test", expiresAt: new Date("2099-01-01"), keys: { secret_server_key: "ssk_keys_test" } });
});
afterAll(() => services.close());

type Json = Record<string, any>;
const server = () => ({ "x-stack-project-id": projectId, "x-stack-access-type": "server", "x-stack-secret-server-key": "ssk_keys_test" });
const client = (accessToken?: string) => ({
  "x-stack-project-id": projectId,
  "x-stack-access-type": "client",
  ...(accessToken ? { "x-stack-access-token": accessToken } : {}),
});

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json | null = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json: json as Json, text };
}

let signUps = 0;
async function signUp(): Promise<{ userId: string; token: string }> {
  const res = await call("POST", "/auth/password/sign-up", client(), { email: `keys-${++signUps}@example.com`, password: "long enough password" });
  expect(res.status).toBe(200);
  return { userId: res.json.user_id, token: res.json.access_token };
}

async function teamWith(members: { userId: string; permissionIds: string[] }[]): Promise<string> {
  const [team] = await services.db.insert(teams).values({ tenancyId, displayName: "Key team" }).returning();
  for (const member of members) {
    await services.db.insert(teamMembers).values({ tenancyId, teamId: team!.id, userId: member.userId });
    for (const permissionId of member.permissionIds) await services.db.insert(teamPermissionGrants).values({ tenancyId, teamId: team!.id, userId: member.userId, permissionId });
  }
  return team!.id;
}

describe("user API keys", () => {
  it("creates a key for the signed-in client with 200 and the full value once", async () => {
    const { userId, token } = await signUp();
    const created = await call("POST", "/user-api-keys", client(token), { user_id: "me", description: "ci", expires_at_millis: null });
    expect(created.status).toBe(200);
    expect(created.json).toMatchObject({ type: "user", user_id: userId, description: "ci", is_public: false, value: expect.stringMatching(/^sk_/) });
    expect(created.json).not.toHaveProperty("expires_at_millis");
    const listed = await call("GET", "/user-api-keys?user_id=me", client(token));
    expect(listed.json).toEqual({ items: [{ ...created.json, value: { last_four: created.json.value.slice(-4) } }], is_paginated: false });
    const checked = await call("POST", "/user-api-keys/check", server(), { api_key: created.json.value });
    expect(checked.json).toMatchObject({ id: created.json.id, value: { last_four: created.json.value.slice(-4) } });
  });

  // AK-01: the owner of a client's key is the signed-in user, never a user named in the body.
  it("refuses a client without a session, and a client naming another user", async () => {
    const other = await signUp();
    const noSession = await call("POST", "/user-api-keys", client(), { user_id: other.userId, description: "x", expires_at_millis: null });
    expect(noSession.json.code).toBe("USER_AUTHENTICATION_REQUIRED");
    const { token } = await signUp();
    const foreign = await call("POST", "/user-api-keys", client(token), { user_id: other.userId, description: "x", expires_at_millis: null });
    expect(foreign.status).toBe(403);
    expect(foreign.json).toBeNull();
    expect((await call("GET", `/user-api-keys?user_id=${other.userId}`, server())).json.items).toEqual([]);
  });

  it("lets a client read and revoke only its own keys", async () => {
    const owner = await signUp();
    const intruder = await signUp();
    const { json: key } = await call("POST", "/user-api-keys", server(), { user_id: owner.userId, description: "k", expires_at_millis: Date.now() + 60_000 });
    expect((await call("GET", `/user-api-keys/${key.id}`, client(intruder.token))).json.code).toBe("API_KEY_NOT_FOUND");
    expect((await call("PATCH", `/user-api-keys/${key.id}`, client(intruder.token), { revoked: true })).json.code).toBe("API_KEY_NOT_FOUND");
    const revoked = await call("PATCH", `/user-api-keys/${key.id}?user_id=me`, client(owner.token), { revoked: true, description: "old" });
    expect(revoked.json).toMatchObject({ description: "old", manually_revoked_at_millis: expect.any(Number), expires_at_millis: key.expires_at_millis });
    expect((await call("PATCH", `/user-api-keys/${key.id}`, client(owner.token), { revoked: false })).json.code).toBe("SCHEMA_ERROR");
    expect((await call("POST", "/user-api-keys/check", server(), { api_key: key.value })).json.code).toBe("API_KEY_REVOKED");
  });

  it("needs user_id to list, and server access to check", async () => {
    const { token } = await signUp();
    expect((await call("GET", "/user-api-keys", server())).json.code).toBe("SCHEMA_ERROR");
    expect((await call("POST", "/user-api-keys/check", client(token), { api_key: "x" })).json.code).toBe("INSUFFICIENT_ACCESS_TYPE");
  });

  it("answers a plain-text 400 when the project has not enabled user keys", async () => {
    const res = await call("GET", "/user-api-keys?user_id=me", INTERNAL_SERVER_HEADERS);
    expect(res).toMatchObject({ status: 400, text: "User API keys are not enabled for this project." });
  });
});

describe("team API keys", () => {
  it("lets a member holding $manage_api_keys manage the team's keys, and hides the team from others", async () => {
    const manager = await signUp();
    const member = await signUp();
    const teamId = await teamWith([
      { userId: manager.userId, permissionIds: ["$manage_api_keys"] },
      { userId: member.userId, permissionIds: ["$read_members"] },
    ]);
    const created = await call("POST", "/team-api-keys", client(manager.token), { team_id: teamId, description: "deploy", expires_at_millis: null, is_public: true });
    expect(created.json).toMatchObject({ type: "team", team_id: teamId, is_public: true, value: expect.stringMatching(/^pk_/) });
    expect((await call("GET", `/team-api-keys/${created.json.id}?team_id=${teamId}`, client(manager.token))).status).toBe(200);
    for (const res of [
      await call("GET", `/team-api-keys?team_id=${teamId}`, client(member.token)),
      await call("GET", `/team-api-keys/${created.json.id}?team_id=${teamId}`, client(member.token)),
      await call("POST", "/team-api-keys", client(member.token), { team_id: teamId, description: "x", expires_at_millis: null }),
    ]) {
      expect(res.json.code).toBe("API_KEY_NOT_FOUND");
    }
    expect((await call("GET", `/team-api-keys/${created.json.id}`, server())).json.code).toBe("SCHEMA_ERROR");
    expect((await call("POST", "/user-api-keys/check", server(), { api_key: created.json.value })).json).toMatchObject({
      code: "WRONG_API_KEY_TYPE",
      details: { expected_type: "user", actual_type: "team" },
    });
  });
});

describe("credential scanning", () => {
  const report = (body: unknown, headers: Record<string, string> = {}) =>
    app.request("/api/v1/integrations/credential-scanning/revoke", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  async function newUserKey(options: { isPublic?: boolean } = {}) {
    const { userId } = await signUp();
    return (await call("POST", "/user-api-keys", server(), { user_id: userId, description: "leaky", expires_at_millis: null, is_public: options.isPublic })).json.value as string;
  }
  const noticeCount = async () =>
    (await services.db.select().from(emailOutbox).where(and(eq(emailOutbox.tenancyId, tenancyId), eq(emailOutbox.kind, "api_key_revoked")))).length;

  it("revokes a reported key without project auth, idempotently, with one notice", async () => {
    const key = await newUserKey();
    const before = await noticeCount();
    for (let i = 0; i < 2; i++) {
      const res = await report({ api_key: key });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ success: true });
    }
    expect(await noticeCount()).toBe(before + 1);
    expect((await call("POST", "/user-api-keys/check", server(), { api_key: key })).json.code).toBe("API_KEY_REVOKED");
  });

  it("refuses public and unknown keys", async () => {
    expect(((await (await report({ api_key: await newUserKey({ isPublic: true }) })).json()) as Json).code).toBe("PUBLIC_API_KEY_CANNOT_BE_REVOKED");
    expect(((await (await report({ api_key: "sk_nothing" })).json()) as Json).code).toBe("API_KEY_NOT_FOUND");
  });

  it("requires a valid signature once partner keys are configured (AK-04)", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const other = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    services.config.credentialScanningPublicKeys = [{ keyIdentifier: "k1", key: publicKey.export({ type: "spki", format: "pem" }) as string }];
    try {
      const key = await newUserKey();
      const body = JSON.stringify({ api_key: key });
      const signed = (signer = privateKey) => sign("sha256", Buffer.from(body), signer).toString("base64");
      const refused: Record<string, string>[] = [
        {},
        { "github-public-key-identifier": "k1", "github-public-key-signature": signed(other.privateKey) },
        { "github-public-key-identifier": "k2", "github-public-key-signature": signed() },
      ];
      for (const headers of refused) {
        const res = await report({ api_key: key }, headers);
        expect(res.status).toBe(401);
        expect(res.headers.get("x-stack-known-error")).toBeNull();
      }
      expect((await call("POST", "/user-api-keys/check", server(), { api_key: key })).status).toBe(200);
      const res = await report({ api_key: key }, { "github-public-key-identifier": "k1", "github-public-key-signature": signed() });
      expect(res.status).toBe(200);
      expect((await call("POST", "/user-api-keys/check", server(), { api_key: key })).json.code).toBe("API_KEY_REVOKED");
    } finally {
      services.config.credentialScanningPublicKeys = [];
    }
  });
});

describe("keys in URLs (AK-05)", () => {
  it("revokes a key found in a query string and refuses the request before routing", async () => {
    const { userId, token } = await signUp();
    const { json: key } = await call("POST", "/user-api-keys", server(), { user_id: userId, description: "url", expires_at_millis: null });
    const res = await call("GET", `/users/me?api_key=${key.value}`, client(token));
    expect(res).toMatchObject({ status: 400, json: { code: "CREDENTIAL_IN_URL" } });
    expect((await call("POST", "/user-api-keys/check", server(), { api_key: key.value })).json.code).toBe("API_KEY_REVOKED");
  });

  it("finds a percent-encoded key, and answers the same for keys that do not exist", async () => {
    const { userId } = await signUp();
    const { json: key } = await call("POST", "/user-api-keys", server(), { user_id: userId, description: "url", expires_at_millis: null });
    const encoded = [...(key.value as string)].map((char) => `%${char.charCodeAt(0).toString(16)}`).join("");
    expect((await call("GET", `/no-such-route?x=${encoded}`, server())).json.code).toBe("CREDENTIAL_IN_URL");
    expect((await call("POST", "/user-api-keys/check", server(), { api_key: key.value })).json.code).toBe("API_KEY_REVOKED");
  });

  it("lets a query string without a key through", async () => {
    expect((await call("GET", "/user-api-keys?user_id=me", server())).json.code).toBe("CANNOT_GET_OWN_USER_WITHOUT_USER");
  });
});
