import { beforeAll, describe, expect, it } from "vitest";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, sql, testEnv } from "../harness/rest";
import { ALL_SDKS, PUBLISHED_SDKS } from "../sdk/clients";
import { setEnvironmentConfig } from "./config-helpers";

// The data vault as the published server SDKs use it: they hash the key and encrypt the value with the developer's
// secret, and the backend keeps what it gets sealed once more. It never sees the plaintext nor the secret.

const SECRET = "the developer's own vault secret, never sent";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Data vault");
  await setEnvironmentConfig(project, { "dataVault.stores.tokens": { displayName: "Provider tokens" }, "dataVault.stores.other": { displayName: "Other" } });
});

const serverApp = (sdk: (typeof ALL_SDKS)[number]["sdk"], target = project) =>
  new sdk.StackServerApp({
    baseUrl: testEnv().backendUrl,
    projectId: target.projectId,
    publishableClientKey: target.publishableClientKey,
    secretServerKey: target.secretServerKey,
    tokenStore: "memory",
  });
const vaultCall = (target: TestProject, access: "client" | "server" | "admin", path: string, body: unknown) =>
  api(`/api/v1/data-vault/stores/${path}`, { headers: projectHeaders(target, access), body });

describe.each(ALL_SDKS)("$name: data vault", ({ sdk }) => {
  it("stores a value and reads it back with the same secret; another secret, key or store finds nothing", async () => {
    const store = await serverApp(sdk).getDataVaultStore("tokens");
    const key = `user-${Math.random()}`;
    await store.setValue(key, "ghp_plaintext_value_42", { secret: SECRET });
    expect(await store.getValue(key, { secret: SECRET })).toBe("ghp_plaintext_value_42");
    await store.setValue(key, "a replaced value", { secret: SECRET });
    expect(await store.getValue(key, { secret: SECRET })).toBe("a replaced value");
    expect(await store.getValue(key, { secret: "another secret" })).toBeNull();
    expect(await store.getValue(`${key}-other`, { secret: SECRET })).toBeNull();
    expect(await (await serverApp(sdk).getDataVaultStore("other")).getValue(key, { secret: SECRET })).toBeNull();
  });

  it("keeps neither the plaintext, the secret nor the SDK's own ciphertext in the database", async () => {
    const store = await serverApp(sdk).getDataVaultStore("tokens");
    const key = `plain-${Math.random()}`;
    await store.setValue(key, "sk_live_plaintext_marker", { secret: SECRET });
    const rows = await sql<Record<string, string>>("select * from data_vault_entries");
    const dump = JSON.stringify(rows);
    for (const needle of ["sk_live_plaintext_marker", SECRET, key]) expect(dump).not.toContain(needle);
  });
});

describe("data vault routes", () => {
  it("refuse a store the project does not have, and another project's store", async () => {
    expectKnownError(await vaultCall(project, "server", "missing/get", { hashed_key: "abc" }), "DATA_VAULT_STORE_DOES_NOT_EXIST", 400);
    expectKnownError(await vaultCall(project, "server", "missing/set", { hashed_key: "abc", encrypted_value: "x" }), "DATA_VAULT_STORE_DOES_NOT_EXIST", 400);
    expect((await vaultCall(project, "server", "tokens/set", { hashed_key: "shared-hash", encrypted_value: "mine" })).status).toBe(200);
    const other = await createTestProject("Another vault");
    await setEnvironmentConfig(other, { "dataVault.stores.tokens": {} });
    expectKnownError(await vaultCall(other, "server", "tokens/get", { hashed_key: "shared-hash" }), "DATA_VAULT_STORE_HASHED_KEY_DOES_NOT_EXIST", 400);
    const own = await vaultCall(project, "admin", "tokens/get", { hashed_key: "shared-hash" });
    expect(own.body).toEqual({ encrypted_value: "mine" });
  });

  it("answers a missing key with its store and hash in the details", async () => {
    const missing = await vaultCall(project, "server", "tokens/get", { hashed_key: "never-set" });
    expectKnownError(missing, "DATA_VAULT_STORE_HASHED_KEY_DOES_NOT_EXIST", 400);
    expect(missing.body.details).toEqual({ store_id: "tokens", hashed_key: "never-set" });
  });

  it("refuse client access, and bad bodies without writing", async () => {
    expectKnownError(await vaultCall(project, "client", "tokens/get", { hashed_key: "abc" }), "INSUFFICIENT_ACCESS_TYPE", 401);
    expectKnownError(await vaultCall(project, "client", "tokens/set", { hashed_key: "abc", encrypted_value: "x" }), "INSUFFICIENT_ACCESS_TYPE", 401);
    const before = await sql("select count(*)::int as n from data_vault_entries");
    for (const body of [{ hashed_key: "" }, { hashed_key: "a", encrypted_value: 5 }, { encrypted_value: "x" }, { hashed_key: "a", encrypted_value: "x", extra: 1 }]) {
      expectKnownError(await vaultCall(project, "server", "tokens/set", body), "SCHEMA_ERROR", 400);
    }
    expect(await sql("select count(*)::int as n from data_vault_entries")).toEqual(before);
  });
});

describe.each(PUBLISHED_SDKS)("$name and our SDK share one data vault", ({ sdk }) => {
  const ours = ALL_SDKS.find((entry) => entry.name.includes("ours"))!.sdk;
  it("reads what the other wrote, and the other way round", async () => {
    const theirs = await serverApp(sdk).getDataVaultStore("tokens");
    const mine = await serverApp(ours).getDataVaultStore("tokens");
    const key = `shared-${Math.random()}`;
    await theirs.setValue(key, "written by the published SDK", { secret: SECRET });
    expect(await mine.getValue(key, { secret: SECRET })).toBe("written by the published SDK");
    await mine.setValue(key, "written by ours ✓", { secret: SECRET });
    expect(await theirs.getValue(key, { secret: SECRET })).toBe("written by ours ✓");
  });
});
