import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { waitForEmail } from "../harness/maildev";
import {
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  patchProjectConfig,
  projectHeaders,
  signUpWithPassword,
  sql,
  testEnv,
} from "../harness/rest";
import { expectNoWrites, teamsOf } from "./team-helpers";

let project: TestProject;
let t: ReturnType<typeof teamsOf>;

beforeAll(async () => {
  project = await createTestProject("API keys");
  await patchProjectConfig(project, { client_team_creation_enabled: true, allow_user_api_keys: true, allow_team_api_keys: true });
  t = teamsOf(project);
});

// Stack Auth's key format, which secret scanners know: prefix, 45-char secret, the key's id as 32 hex, type, flag (bit0 self-hosted, bit1 public), marker, CRC32.
const KEY_FORMAT = /^(sk|pk)_([a-z0-9]{45})([0-9a-f]{32})(user|team)([0-9a-v])574ck4u7h([0-9a-f]{8})$/;
const checksumOf = (text: string) => crc32(text).toString(16).padStart(8, "0");

/** The key with one secret character changed and its checksum made right again: well-formed, but not the key. */
function forgedKey(value: string): string {
  const body = value.slice(0, -8);
  const changed = `${body.slice(0, 5)}${body[5] === "a" ? "b" : "a"}${body.slice(6)}`;
  return changed + checksumOf(changed);
}

async function createUserKey(user: SignedInUser, fields: Record<string, unknown> = {}) {
  const response = await api("/api/v1/user-api-keys", { headers: t.client(user), body: { user_id: "me", description: "ci", expires_at_millis: null, ...fields } });
  expect(response.status).toBe(200);
  return response.body as { id: string; value: string; user_id: string };
}

async function createTeamKey(user: SignedInUser, teamId: string, fields: Record<string, unknown> = {}) {
  const response = await api("/api/v1/team-api-keys", { headers: t.client(user), body: { team_id: teamId, description: "deploys", expires_at_millis: null, ...fields } });
  expect(response.status).toBe(200);
  return response.body as { id: string; value: string; team_id: string };
}

const check = (type: "user" | "team", apiKey: string): Promise<ApiResponse> => api(`/api/v1/${type}-api-keys/check`, { headers: t.server(), body: { api_key: apiKey } });
const reportLeak = (apiKey: string, baseUrl?: string) => api("/api/v1/integrations/credential-scanning/revoke", { baseUrl, body: { api_key: apiKey } });
const revokedNotices = async (to: string) =>
  (await sql("select count(*)::int as n from email_outbox where kind = 'api_key_revoked' and recipient = $1", [to]))[0].n as number;

describe("user API keys", () => {
  it("shows a new key's value once, and afterwards only its last four characters", async () => {
    const user = await signUpWithPassword(project);
    const created = await api("/api/v1/user-api-keys", { headers: t.client(user), body: { user_id: "me", description: "laptop", expires_at_millis: null } });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      description: "laptop",
      created_at_millis: expect.any(Number),
      is_public: false,
      value: expect.stringMatching(KEY_FORMAT),
      type: "user",
      user_id: user.userId,
    });
    const masked = { ...created.body, value: { last_four: created.body.value.slice(-4) } };
    expect((await api(`/api/v1/user-api-keys/${created.body.id}`, { headers: t.client(user) })).body).toEqual(masked);
    expect((await api("/api/v1/user-api-keys?user_id=me", { headers: t.client(user) })).body).toEqual({ items: [masked], is_paginated: false });
    expect((await check("user", created.body.value)).body).toEqual(masked);
  });

  it("formats keys as Stack Auth does: sk_/pk_, secret, key id, type, flag, marker and CRC32 checksum", async () => {
    const user = await signUpWithPassword(project);
    const secret = await createUserKey(user);
    const [, prefix, , idHex, type, flag, checksum] = KEY_FORMAT.exec(secret.value)!;
    expect([prefix, idHex, type]).toEqual(["sk", secret.id.replaceAll("-", ""), "user"]);
    expect(Number.parseInt(flag!, 32) & 2).toBe(0);
    expect(checksum).toBe(checksumOf(secret.value.slice(0, -8)));
    const publicKey = await createUserKey(user, { is_public: true });
    const [, publicPrefix, , , , publicFlag] = KEY_FORMAT.exec(publicKey.value)!;
    expect([publicPrefix, Number.parseInt(publicFlag!, 32) & 2]).toEqual(["pk", 2]);
    expect(publicKey).toMatchObject({ is_public: true });
  });

  it("lists a user's keys newest first, and needs user_id", async () => {
    const user = await signUpWithPassword(project);
    const first = await createUserKey(user, { description: "first" });
    const second = await createUserKey(user, { description: "second" });
    const listed = await api("/api/v1/user-api-keys?user_id=me", { headers: t.client(user) });
    expect(listed.body.items.map((key: { id: string }) => key.id)).toEqual([second.id, first.id]);
    expectKnownError(await api("/api/v1/user-api-keys", { headers: t.server() }), "SCHEMA_ERROR", 400);
  });

  it("changes the description and revokes one way", async () => {
    const user = await signUpWithPassword(project);
    const key = await createUserKey(user);
    const path = `/api/v1/user-api-keys/${key.id}`;
    const renamed = await api(path, { method: "PATCH", headers: t.client(user), body: { description: "renamed" } });
    expect(renamed.body).toMatchObject({ description: "renamed", value: { last_four: key.value.slice(-4) } });
    expect(renamed.body).not.toHaveProperty("manually_revoked_at_millis");
    const revoked = await api(path, { method: "PATCH", headers: t.client(user), body: { revoked: true } });
    expect(revoked.body.manually_revoked_at_millis).toEqual(expect.any(Number));
    expectKnownError(await api(path, { method: "PATCH", headers: t.client(user), body: { revoked: false } }), "SCHEMA_ERROR", 400);
    expect((await api(path, { headers: t.client(user) })).body.manually_revoked_at_millis).toBe(revoked.body.manually_revoked_at_millis);
  });

  it("checks keys on the server only", async () => {
    const user = await signUpWithPassword(project);
    const key = await createUserKey(user);
    expectKnownError(await api("/api/v1/user-api-keys/check", { headers: t.client(user), body: { api_key: key.value } }), "INSUFFICIENT_ACCESS_TYPE", 401);
    expect((await api("/api/v1/user-api-keys/check", { headers: t.admin(), body: { api_key: key.value } })).body.id).toBe(key.id);
  });

  it("answers API_KEY_REVOKED to a revoked key", async () => {
    const user = await signUpWithPassword(project);
    const key = await createUserKey(user);
    await api(`/api/v1/user-api-keys/${key.id}`, { method: "PATCH", headers: t.client(user), body: { revoked: true } });
    expectKnownError(await check("user", key.value), "API_KEY_REVOKED", 401);
  });

  it("answers API_KEY_EXPIRED to an expired key", async () => {
    const user = await signUpWithPassword(project);
    const key = await createUserKey(user, { expires_at_millis: Date.now() + 3600_000 });
    expect((await check("user", key.value)).body.expires_at_millis).toEqual(expect.any(Number));
    await sql("update project_api_keys set expires_at = now() - interval '1 second' where id = $1", [key.id]);
    expectKnownError(await check("user", key.value), "API_KEY_EXPIRED", 401);
  });

  it("answers WRONG_API_KEY_TYPE to a user key on the team check and a team key on the user check", async () => {
    const user = await signUpWithPassword(project);
    const userKey = await createUserKey(user);
    const team = await t.createTeamAs(user);
    const teamKey = await createTeamKey(user, team.id);
    const wrongUser = await check("team", userKey.value);
    expectKnownError(wrongUser, "WRONG_API_KEY_TYPE", 400);
    expect(wrongUser.body.details).toEqual({ expected_type: "team", actual_type: "user" });
    expect((await check("user", teamKey.value)).body.details).toEqual({ expected_type: "user", actual_type: "team" });
  });

  it("answers API_KEY_NOT_FOUND to a key with one character changed, with or without a right checksum", async () => {
    const user = await signUpWithPassword(project);
    const key = await createUserKey(user);
    const last = key.value.at(-1) === "0" ? "1" : "0";
    expectKnownError(await check("user", key.value.slice(0, -1) + last), "API_KEY_NOT_FOUND", 404);
    expectKnownError(await check("user", forgedKey(key.value)), "API_KEY_NOT_FOUND", 404);
    expectKnownError(await check("user", key.value.toUpperCase()), "API_KEY_NOT_FOUND", 404);
    expect((await check("user", key.value)).status).toBe(200);
  });

  it("stops accepting the keys of a deleted user", async () => {
    const user = await signUpWithPassword(project);
    const key = await createUserKey(user);
    expect((await api(`/api/v1/users/${user.userId}`, { method: "DELETE", headers: t.server() })).status).toBe(200);
    expectKnownError(await check("user", key.value), "API_KEY_NOT_FOUND", 404);
  });

  it("keeps a client to its own keys: another user's are refused (403) or not found", async () => {
    const owner = await signUpWithPassword(project);
    const key = await createUserKey(owner);
    const other = await signUpWithPassword(project);
    await expectNoWrites(project.projectId, async () => {
      expect((await api(`/api/v1/user-api-keys?user_id=${owner.userId}`, { headers: t.client(other) })).status).toBe(403);
      const create = await api("/api/v1/user-api-keys", { headers: t.client(other), body: { user_id: owner.userId, description: "x", expires_at_millis: null } });
      expect(create.status).toBe(403);
      expectKnownError(await api(`/api/v1/user-api-keys/${key.id}`, { headers: t.client(other) }), "API_KEY_NOT_FOUND", 404);
      const revoke = await api(`/api/v1/user-api-keys/${key.id}`, { method: "PATCH", headers: t.client(other), body: { revoked: true } });
      expectKnownError(revoke, "API_KEY_NOT_FOUND", 404);
      expect((await api(`/api/v1/user-api-keys/${key.id}?user_id=${owner.userId}`, { headers: t.client(other) })).status).toBe(403);
    });
  });

  it("refuses user and team keys in a project that has not enabled them", async () => {
    const closed = await createTestProject("No API keys");
    const user = await signUpWithPassword(closed);
    const headers = projectHeaders(closed, "client", { "access-token": user.accessToken });
    const response = await api("/api/v1/user-api-keys", { headers, body: { user_id: "me", description: "x", expires_at_millis: null } });
    expect([response.status, response.text]).toEqual([400, "User API keys are not enabled for this project."]);
    const team = await api("/api/v1/team-api-keys?team_id=00000000-0000-4000-8000-000000000000", { headers: projectHeaders(closed, "server") });
    expect([team.status, team.text]).toEqual([400, "Team API keys are not enabled for this project."]);
  });
});

describe("team API keys", () => {
  it("lets a member with $manage_api_keys create, list, read and revoke the team's keys", async () => {
    const admin = await signUpWithPassword(project);
    const team = await t.createTeamAs(admin);
    const created = await api("/api/v1/team-api-keys", { headers: t.client(admin), body: { team_id: team.id, description: "deploys", expires_at_millis: null } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: "team", team_id: team.id, description: "deploys", is_public: false, value: expect.stringMatching(KEY_FORMAT) });
    expect(created.body).not.toHaveProperty("user_id");
    expect(KEY_FORMAT.exec(created.body.value)![4]).toBe("team");
    const masked = { ...created.body, value: { last_four: created.body.value.slice(-4) } };
    expect((await api(`/api/v1/team-api-keys?team_id=${team.id}`, { headers: t.client(admin) })).body.items).toEqual([masked]);
    expect((await api(`/api/v1/team-api-keys/${created.body.id}?team_id=${team.id}`, { headers: t.client(admin) })).body).toEqual(masked);
    expect((await check("team", created.body.value)).body).toEqual(masked);
    const revoked = await api(`/api/v1/team-api-keys/${created.body.id}?team_id=${team.id}`, { method: "PATCH", headers: t.client(admin), body: { revoked: true } });
    expect(revoked.body.manually_revoked_at_millis).toEqual(expect.any(Number));
    expectKnownError(await check("team", created.body.value), "API_KEY_REVOKED", 401);
  });

  it("hides a team's keys behind API_KEY_NOT_FOUND from a member without $manage_api_keys and from non-members", async () => {
    const admin = await signUpWithPassword(project);
    const member = await signUpWithPassword(project);
    const stranger = await signUpWithPassword(project);
    const team = await t.createTeamAs(admin);
    await t.addMember(team.id, member.userId);
    const key = await createTeamKey(admin, team.id);
    await expectNoWrites(project.projectId, async () => {
      for (const user of [member, stranger]) {
        const headers = t.client(user);
        expectKnownError(await api("/api/v1/team-api-keys", { headers, body: { team_id: team.id, description: "x", expires_at_millis: null } }), "API_KEY_NOT_FOUND", 404);
        expectKnownError(await api(`/api/v1/team-api-keys?team_id=${team.id}`, { headers }), "API_KEY_NOT_FOUND", 404);
        expectKnownError(await api(`/api/v1/team-api-keys/${key.id}?team_id=${team.id}`, { headers }), "API_KEY_NOT_FOUND", 404);
        const revoke = await api(`/api/v1/team-api-keys/${key.id}?team_id=${team.id}`, { method: "PATCH", headers, body: { revoked: true } });
        expectKnownError(revoke, "API_KEY_NOT_FOUND", 404);
      }
    });
    await t.grant(team.id, member.userId, "$manage_api_keys");
    expect((await api(`/api/v1/team-api-keys?team_id=${team.id}`, { headers: t.client(member) })).status).toBe(200);
  });

  it("needs team_id on every team-key route, reads by id included", async () => {
    const admin = await signUpWithPassword(project);
    const team = await t.createTeamAs(admin);
    const key = await createTeamKey(admin, team.id);
    expectKnownError(await api("/api/v1/team-api-keys", { headers: t.server() }), "SCHEMA_ERROR", 400);
    expectKnownError(await api(`/api/v1/team-api-keys/${key.id}`, { headers: t.server() }), "SCHEMA_ERROR", 400);
    expectKnownError(await api(`/api/v1/team-api-keys/${key.id}`, { method: "PATCH", headers: t.server(), body: { revoked: true } }), "SCHEMA_ERROR", 400);
    expect((await check("team", key.value)).status).toBe(200);
  });

  it("stops accepting the keys of a deleted team", async () => {
    const admin = await signUpWithPassword(project);
    const team = await t.createTeamAs(admin);
    const key = await createTeamKey(admin, team.id);
    expect((await api(`/api/v1/teams/${team.id}`, { method: "DELETE", headers: t.client(admin) })).status).toBe(200);
    expectKnownError(await check("team", key.value), "API_KEY_NOT_FOUND", 404);
  });
});

// A missing user is answered with the REST contract's code for it, USER_AUTHENTICATION_REQUIRED (401).
describe("keys without a session (AK-01)", () => {
  it("refuses creating a key for a named user or team without a session, and writes nothing", async () => {
    const victim = await signUpWithPassword(project);
    const team = await t.createTeamAs(victim);
    const anonymous = projectHeaders(project, "client");
    await expectNoWrites(project.projectId, async () => {
      const userKey = await api("/api/v1/user-api-keys", { headers: anonymous, body: { user_id: victim.userId, description: "mine now", expires_at_millis: null } });
      expectKnownError(userKey, "USER_AUTHENTICATION_REQUIRED", 401);
      const teamKey = await api("/api/v1/team-api-keys", { headers: anonymous, body: { team_id: team.id, description: "mine now", expires_at_millis: null } });
      expectKnownError(teamKey, "USER_AUTHENTICATION_REQUIRED", 401);
      const noAccessType = await api("/api/v1/user-api-keys", { headers: { "x-hexclave-project-id": project.projectId }, body: { user_id: victim.userId, description: "x", expires_at_millis: null } });
      expect(noAccessType.status).toBeGreaterThanOrEqual(400);
      expect(noAccessType.status).toBeLessThan(500);
    });
  });

  it("refuses changing a named user's key without a session", async () => {
    const victim = await signUpWithPassword(project);
    const key = await createUserKey(victim);
    await expectNoWrites(project.projectId, async () => {
      const response = await api(`/api/v1/user-api-keys/${key.id}?user_id=${victim.userId}`, { method: "PATCH", headers: projectHeaders(project, "client"), body: { description: "x" } });
      expectKnownError(response, "USER_AUTHENTICATION_REQUIRED", 401);
    });
  });
});

describe("key storage (AK-03)", () => {
  it("keeps no plaintext key in the database: a SHA-256 and the last four characters only", async () => {
    const user = await signUpWithPassword(project);
    const key = await createUserKey(user);
    const secret = KEY_FORMAT.exec(key.value)![2]!;
    const everything = await sql("select to_jsonb(k)::text as row from project_api_keys k");
    for (const { row } of everything) {
      expect(row).not.toContain(key.value);
      expect(row).not.toContain(secret);
    }
    const [stored] = await sql("select secret_hash, last_four from project_api_keys where id = $1", [key.id]);
    expect(stored).toEqual({ secret_hash: createHash("sha256").update(key.value).digest("hex"), last_four: key.value.slice(-4) });
  });
});

describe("leaked keys reported by credential scanning (AK-04)", () => {
  it("revokes a reported key and queues a notice to its owner", async () => {
    const owner = await signUpWithPassword(project);
    const key = await createUserKey(owner, { description: "leaky" });
    const reported = await reportLeak(key.value);
    expect(reported.status).toBe(200);
    expect(reported.body).toEqual({ success: true });
    expectKnownError(await check("user", key.value), "API_KEY_REVOKED", 401);
    const notice = await waitForEmail(testEnv().maildev.webUrl, owner.email);
    expect(notice.subject).toBe("An API key for API keys was revoked");
    expect(notice.text).toContain(key.value.slice(-4));
    expect(notice.text).not.toContain(key.value);
  });

  it("is idempotent: a second report succeeds and notifies nobody again", async () => {
    const owner = await signUpWithPassword(project);
    const key = await createUserKey(owner);
    expect((await reportLeak(key.value)).status).toBe(200);
    const revokedAt = (await api(`/api/v1/user-api-keys/${key.id}`, { headers: t.client(owner) })).body.manually_revoked_at_millis;
    expect((await reportLeak(key.value)).body).toEqual({ success: true });
    expect(await revokedNotices(owner.email)).toBe(1);
    expect((await api(`/api/v1/user-api-keys/${key.id}`, { headers: t.client(owner) })).body.manually_revoked_at_millis).toBe(revokedAt);
  });

  it("notifies the members who manage a team's keys, not the others", async () => {
    const admin = await signUpWithPassword(project);
    const member = await signUpWithPassword(project);
    const team = await t.createTeamAs(admin, "Leakers");
    await t.addMember(team.id, member.userId);
    const key = await createTeamKey(admin, team.id);
    expect((await reportLeak(key.value)).status).toBe(200);
    expect(await revokedNotices(admin.email)).toBe(1);
    expect(await revokedNotices(member.email)).toBe(0);
    expectKnownError(await check("team", key.value), "API_KEY_REVOKED", 401);
  });

  it("refuses public keys with PUBLIC_API_KEY_CANNOT_BE_REVOKED, and they stay valid", async () => {
    const owner = await signUpWithPassword(project);
    const key = await createUserKey(owner, { is_public: true });
    expectKnownError(await reportLeak(key.value), "PUBLIC_API_KEY_CANNOT_BE_REVOKED", 400);
    expect((await check("user", key.value)).status).toBe(200);
  });

  it("answers API_KEY_NOT_FOUND to a report of a key that does not exist", async () => {
    const owner = await signUpWithPassword(project);
    const key = await createUserKey(owner);
    await expectNoWrites(project.projectId, async () => {
      expectKnownError(await reportLeak(forgedKey(key.value)), "API_KEY_NOT_FOUND", 404);
    });
  });

  describe("on instances that verify signed reports", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const forger = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    const KEY_ID = "github-e2e-1";
    let signing: BackendProcess;

    beforeAll(async () => {
      const keys = JSON.stringify([{ key_identifier: KEY_ID, key: publicKey.export({ type: "spki", format: "pem" }) }]);
      signing = await startBackend({ ...backendEnv(testEnv()), STACK_CREDENTIAL_SCANNING_PUBLIC_KEYS: keys }, { quiet: true });
    });
    afterAll(async () => {
      await signing?.stop();
    });

    const report = (apiKey: string, headers: Record<string, string>) => {
      const body = JSON.stringify({ api_key: apiKey });
      return api("/api/v1/integrations/credential-scanning/revoke", { baseUrl: signing.url, headers: { "content-type": "application/json", ...headers }, rawBody: body });
    };
    const signature = (apiKey: string, key = privateKey) => sign("sha256", Buffer.from(JSON.stringify({ api_key: apiKey })), key).toString("base64");

    it("refuses unsigned and forged reports with 401 and revokes nothing", async () => {
      const owner = await signUpWithPassword(project);
      const key = await createUserKey(owner);
      await expectNoWrites(project.projectId, async () => {
        expect((await report(key.value, {})).status).toBe(401);
        expect((await report(key.value, { "github-public-key-identifier": KEY_ID, "github-public-key-signature": signature(key.value, forger.privateKey) })).status).toBe(401);
        const otherBody = { "github-public-key-identifier": KEY_ID, "github-public-key-signature": signature(forgedKey(key.value)) };
        expect((await report(key.value, otherBody)).status).toBe(401);
        expect((await report(key.value, { "github-public-key-identifier": "unknown", "github-public-key-signature": signature(key.value) })).status).toBe(401);
      });
      expect((await check("user", key.value)).status).toBe(200);
    });

    it("revokes on a signed report, and the key is refused on the other instance at once", async () => {
      const owner = await signUpWithPassword(project);
      const key = await createUserKey(owner);
      const reported = await report(key.value, { "github-public-key-identifier": KEY_ID, "github-public-key-signature": signature(key.value) });
      expect(reported.body).toEqual({ success: true });
      expectKnownError(await check("user", key.value), "API_KEY_REVOKED", 401);
      const onSigning = await api("/api/v1/user-api-keys/check", { baseUrl: signing.url, headers: t.server(), body: { api_key: key.value } });
      expectKnownError(onSigning, "API_KEY_REVOKED", 401);
    });
  });
});

describe("keys in URLs (AK-05)", () => {
  it("refuses a key in the query string with CREDENTIAL_IN_URL and revokes it", async () => {
    const owner = await signUpWithPassword(project);
    const key = await createUserKey(owner);
    const response = await api(`/api/v1/users/me?api_key=${key.value}`, { headers: t.client(owner) });
    expectKnownError(response, "CREDENTIAL_IN_URL", 400);
    expectKnownError(await check("user", key.value), "API_KEY_REVOKED", 401);
    await waitForEmail(testEnv().maildev.webUrl, owner.email);
  });

  it("finds a percent-encoded key, on any route, without project headers", async () => {
    const owner = await signUpWithPassword(project);
    const key = await createUserKey(owner);
    const encoded = [...key.value].map((char) => `%${char.charCodeAt(0).toString(16)}`).join("");
    expectKnownError(await api(`/api/v1/nope?token=${encoded}`), "CREDENTIAL_IN_URL", 400);
    expectKnownError(await check("user", key.value), "API_KEY_REVOKED", 401);
  });

  it("refuses a public key in the URL but leaves it valid", async () => {
    const owner = await signUpWithPassword(project);
    const key = await createUserKey(owner, { is_public: true });
    expectKnownError(await api(`/api/v1/users/me?api_key=${key.value}`, { headers: t.client(owner) }), "CREDENTIAL_IN_URL", 400);
    expect((await check("user", key.value)).status).toBe(200);
  });

  it("refuses a team key in the URL and revokes it", async () => {
    const admin = await signUpWithPassword(project);
    const team = await t.createTeamAs(admin);
    const key = await createTeamKey(admin, team.id);
    expectKnownError(await api(`/api/v1/teams?user_id=me&key=${key.value}`, { headers: t.client(admin) }), "CREDENTIAL_IN_URL", 400);
    expectKnownError(await check("team", key.value), "API_KEY_REVOKED", 401);
  });
});

// CC-02: there is no API-key quota to stop at (Stack Auth's API has none), so
// what applies is that concurrent creates make exactly one key each, with distinct ids and secrets.
describe("creating keys at once (CC-02)", () => {
  it("makes one user key per concurrent request, each its own", async () => {
    const user = await signUpWithPassword(project);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api("/api/v1/user-api-keys", { headers: t.client(user), body: { user_id: "me", description: `rush ${i}`, expires_at_millis: null } })),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(20);
    expect(new Set(responses.map((response) => response.body.value)).size).toBe(20);
    const [row] = await sql("select count(*)::int as n from project_api_keys where user_id = $1", [user.userId]);
    expect(row.n).toBe(20);
  });

  it("makes one team key per concurrent request", async () => {
    const admin = await signUpWithPassword(project);
    const team = await t.createTeamAs(admin);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api("/api/v1/team-api-keys", { headers: t.client(admin), body: { team_id: team.id, description: "rush", expires_at_millis: null } })),
    );
    expect(responses.map((response) => response.status)).toEqual(responses.map(() => 200));
    const [row] = await sql("select count(*)::int as n, count(distinct secret_hash)::int as secrets from project_api_keys where team_id = $1", [team.id]);
    expect(row).toEqual({ n: 10, secrets: 10 });
  });
});
