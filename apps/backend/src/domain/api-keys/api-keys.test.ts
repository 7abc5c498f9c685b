import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "../../db/client";
import { emailOutbox, projectApiKeys, projectUsers, teamMembers, teamPermissionGrants, teams } from "../../db/schema";
import { sha256Hex } from "../../lib/crypto";
import { createTestServices } from "../../testing/test-services";
import type { Tenancy } from "../projects/tenancy";
import { createProject } from "../projects/projects";
import { createUser } from "../users/create-user";
import { type ApiKeyOwner, checkApiKey, createApiKey, listApiKeys, revokeLeakedKey, toApiKeyJson, updateApiKey } from "./api-keys";
import { generateApiKey } from "./key-format";

let services: Awaited<ReturnType<typeof createTestServices>>;
let projectA: Tenancy;
let projectB: Tenancy;

beforeAll(async () => {
  services = await createTestServices();
  projectA = (await services.projects.getTenancy("internal"))!;
  const b = await createProject(services.db, { display_name: "Project B", owner_team_id: null });
  projectB = (await services.projects.getTenancy(b.id))!;
});
afterAll(() => services.close());

let emailCounter = 0;
async function newUser(tenancy: Tenancy): Promise<string> {
  const { user } = await createUser(services.db, tenancy, { primaryEmail: `key-owner-${++emailCounter}@example.com` });
  return user.row.id;
}

async function newTeam(tenancy: Tenancy, members: { userId: string; permissionIds: string[] }[]): Promise<string> {
  const tenancyId = tenancy.id;
  const [team] = await services.db.insert(teams).values({ tenancyId, displayName: "Key team" }).returning();
  for (const member of members) {
    await services.db.insert(teamMembers).values({ tenancyId, teamId: team!.id, userId: member.userId });
    for (const permissionId of member.permissionIds) {
      await services.db.insert(teamPermissionGrants).values({ tenancyId, teamId: team!.id, userId: member.userId, permissionId });
    }
  }
  return team!.id;
}

function newKey(tenancy: Tenancy, owner: ApiKeyOwner, options: { expiresAt?: Date | null; isPublic?: boolean } = {}) {
  return createApiKey(services.db, tenancy, { owner, description: "ci", expiresAt: options.expiresAt ?? null, isPublic: options.isPublic ?? false });
}

const outboxOf = (tenancy: Tenancy) =>
  services.db.select().from(emailOutbox).where(and(eq(emailOutbox.tenancyId, tenancy.id), eq(emailOutbox.kind, "api_key_revoked")));

/** A database that fails the test if anything touches it. */
const untouchableDb = new Proxy({}, { get: () => { throw new Error("the database was used"); } }) as Tx;

describe("createApiKey", () => {
  it("stores only the key's SHA-256 and last four characters, and shows the full key once", async () => {
    const userId = await newUser(projectA);
    const { row, value } = await newKey(projectA, { type: "user", userId });
    const [stored] = await services.db.select().from(projectApiKeys).where(eq(projectApiKeys.id, row.id));
    expect(stored!.secretHash).toBe(sha256Hex(value));
    expect(stored!.lastFour).toBe(value.slice(-4));
    expect(JSON.stringify(stored)).not.toContain(value.slice(3, 48));
    expect(toApiKeyJson(row, value)).toMatchObject({ value, type: "user", user_id: userId, is_public: false });
    expect(toApiKeyJson(row).value).toEqual({ last_four: value.slice(-4) });
  });

  it("refuses an owner from another project", async () => {
    const userOfB = await newUser(projectB);
    const teamOfB = await newTeam(projectB, []);
    await expect(newKey(projectA, { type: "user", userId: userOfB })).rejects.toMatchObject({ code: "USER_ID_DOES_NOT_EXIST" });
    await expect(newKey(projectA, { type: "team", teamId: teamOfB })).rejects.toMatchObject({ code: "TEAM_NOT_FOUND" });
  });
});

describe("listApiKeys", () => {
  it("lists one owner's keys, newest first", async () => {
    const userId = await newUser(projectA);
    const first = await newKey(projectA, { type: "user", userId });
    const second = await newKey(projectA, { type: "user", userId });
    await newKey(projectA, { type: "user", userId: await newUser(projectA) });
    const rows = await listApiKeys(services.db, projectA, { type: "user", userId });
    expect(rows.map((row) => row.id)).toEqual([second.row.id, first.row.id]);
  });
});

describe("checkApiKey", () => {
  it("returns the row of a valid key", async () => {
    const userId = await newUser(projectA);
    const { row, value } = await newKey(projectA, { type: "user", userId });
    expect((await checkApiKey(services.db, projectA, "user", value)).id).toBe(row.id);
  });

  it("rejects a typo before any database lookup", async () => {
    const { value } = await newKey(projectA, { type: "user", userId: await newUser(projectA) });
    const typo = value.slice(0, 5) + (value[5] === "a" ? "b" : "a") + value.slice(6);
    await expect(checkApiKey(untouchableDb, projectA, "user", typo)).rejects.toMatchObject({ code: "API_KEY_NOT_FOUND" });
  });

  it("does not find a key of project A through project B", async () => {
    const { value } = await newKey(projectA, { type: "user", userId: await newUser(projectA) });
    await expect(checkApiKey(services.db, projectB, "user", value)).rejects.toMatchObject({ code: "API_KEY_NOT_FOUND" });
  });

  it("names the expected and actual type of a key of the other kind", async () => {
    const teamId = await newTeam(projectA, []);
    const { value } = await newKey(projectA, { type: "team", teamId });
    await expect(checkApiKey(services.db, projectA, "user", value)).rejects.toMatchObject({
      code: "WRONG_API_KEY_TYPE",
      details: { expected_type: "user", actual_type: "team" },
    });
  });

  it("refuses revoked and expired keys", async () => {
    const userId = await newUser(projectA);
    const revoked = await newKey(projectA, { type: "user", userId });
    await updateApiKey(services.db, projectA, revoked.row, { revoke: true });
    await expect(checkApiKey(services.db, projectA, "user", revoked.value)).rejects.toMatchObject({ code: "API_KEY_REVOKED" });
    const expired = await newKey(projectA, { type: "user", userId }, { expiresAt: new Date(Date.now() - 1000) });
    await expect(checkApiKey(services.db, projectA, "user", expired.value)).rejects.toMatchObject({ code: "API_KEY_EXPIRED" });
  });

  it("stops accepting the keys of a deleted user", async () => {
    const userId = await newUser(projectA);
    const { value } = await newKey(projectA, { type: "user", userId });
    await services.db.delete(projectUsers).where(eq(projectUsers.id, userId));
    await expect(checkApiKey(services.db, projectA, "user", value)).rejects.toMatchObject({ code: "API_KEY_NOT_FOUND" });
  });
});

describe("updateApiKey", () => {
  it("keeps the first revocation time and changes the description", async () => {
    const { row } = await newKey(projectA, { type: "user", userId: await newUser(projectA) });
    const revoked = await updateApiKey(services.db, projectA, row, { revoke: true });
    const again = await updateApiKey(services.db, projectA, revoked, { revoke: true, description: "renamed" });
    expect(again.manuallyRevokedAt).toEqual(revoked.manuallyRevokedAt);
    expect(again.description).toBe("renamed");
  });
});

describe("revokeLeakedKey", () => {
  it("revokes a user's key and queues one notice to the user, however often it is reported", async () => {
    const userId = await newUser(projectB);
    const { row, value } = await newKey(projectB, { type: "user", userId });
    const before = (await outboxOf(projectB)).length;
    expect((await revokeLeakedKey(services.db, services.projects, value)).revoked).toBe(true);
    expect((await revokeLeakedKey(services.db, services.projects, value)).revoked).toBe(false);
    const mails = await outboxOf(projectB);
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.recipient).toBe(`key-owner-${emailCounter}@example.com`);
    await expect(checkApiKey(services.db, projectB, "user", value)).rejects.toMatchObject({ code: "API_KEY_REVOKED" });
    expect((await listApiKeys(services.db, projectB, { type: "user", userId }))[0]!.id).toBe(row.id);
  });

  it("notifies only the team members who manage API keys", async () => {
    const manager = await newUser(projectB);
    const managerEmail = `key-owner-${emailCounter}@example.com`;
    const reader = await newUser(projectB);
    const teamId = await newTeam(projectB, [
      { userId: manager, permissionIds: ["$manage_api_keys"] },
      { userId: reader, permissionIds: ["$read_members"] },
    ]);
    const { value } = await newKey(projectB, { type: "team", teamId });
    const before = (await outboxOf(projectB)).length;
    await revokeLeakedKey(services.db, services.projects, value);
    const mails = (await outboxOf(projectB)).slice(before);
    expect(mails.map((mail) => mail.recipient)).toEqual([managerEmail]);
    expect(mails[0]!.text).toContain("Key team");
  });

  it("refuses public keys, expired keys and keys that do not exist", async () => {
    const userId = await newUser(projectB);
    const publicKey = await newKey(projectB, { type: "user", userId }, { isPublic: true });
    await expect(revokeLeakedKey(services.db, services.projects, publicKey.value)).rejects.toMatchObject({ code: "PUBLIC_API_KEY_CANNOT_BE_REVOKED" });
    const expired = await newKey(projectB, { type: "user", userId }, { expiresAt: new Date(Date.now() - 1000) });
    await expect(revokeLeakedKey(services.db, services.projects, expired.value)).rejects.toMatchObject({ code: "API_KEY_EXPIRED" });
    await expect(revokeLeakedKey(services.db, services.projects, "sk_not_a_key")).rejects.toMatchObject({ code: "API_KEY_NOT_FOUND" });
  });

  it("does not revoke a key whose id is known but whose secret is not", async () => {
    const { row, value } = await newKey(projectB, { type: "user", userId: await newUser(projectB) });
    // Same id, another secret, a right checksum: what someone who only saw the key's id could forge.
    const forged = generateApiKey({ id: row.id, type: "user", isPublic: false });
    await expect(revokeLeakedKey(services.db, services.projects, forged)).rejects.toMatchObject({ code: "API_KEY_NOT_FOUND" });
    expect((await checkApiKey(services.db, projectB, "user", value)).manuallyRevokedAt).toBeNull();
  });
});
