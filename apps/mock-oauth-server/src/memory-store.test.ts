import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryStore } from "./memory-store";

const stores: ReturnType<typeof createMemoryStore>[] = [];
const newStore = () => {
  const store = createMemoryStore();
  stores.push(store);
  return store;
};
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  vi.useRealTimers();
});

describe("the mock provider's memory store", () => {
  // Regression: oidc-provider's quick-start store keeps 1,000 entries, and a load run lost refresh tokens still valid.
  it("keeps every live entry however many there are", async () => {
    const store = newStore();
    const tokens = store.adapter("AccessToken");
    const refresh = store.adapter("RefreshToken");
    await refresh.upsert("rt", { grantId: "g1", accountId: "a" }, 3600);
    for (let i = 0; i < 5000; i++) await tokens.upsert(`at${i}`, { grantId: "g1" }, 3600);
    expect(await refresh.find("rt")).toMatchObject({ accountId: "a" });
    expect(await tokens.find("at0")).toBeDefined();
    expect(store.entries()).toBe(5001);
  });

  it("forgets an entry once it expires", async () => {
    vi.useFakeTimers();
    const codes = newStore().adapter("AuthorizationCode");
    await codes.upsert("c", { grantId: "g" }, 600);
    vi.advanceTimersByTime(599_000);
    expect(await codes.find("c")).toBeDefined();
    vi.advanceTimersByTime(2000);
    expect(await codes.find("c")).toBeUndefined();
  });

  it("keeps models apart, marks a consumed entry, and destroys one", async () => {
    const store = newStore();
    await store.adapter("AuthorizationCode").upsert("same", { accountId: "code" }, 60);
    await store.adapter("Session").upsert("same", { accountId: "session", uid: "u1" }, 60);
    expect(await store.adapter("AuthorizationCode").find("same")).toMatchObject({ accountId: "code" });
    expect(await store.adapter("Session").findByUid("u1")).toMatchObject({ accountId: "session" });
    await store.adapter("AuthorizationCode").consume("same");
    expect((await store.adapter("AuthorizationCode").find("same"))?.consumed).toEqual(expect.any(Number));
    await store.adapter("Session").destroy("same");
    expect(await store.adapter("Session").findByUid("u1")).toBeUndefined();
  });

  it("revokes every token of a grant, and only those", async () => {
    const store = newStore();
    await store.adapter("AccessToken").upsert("a1", { grantId: "g1" }, 60);
    await store.adapter("RefreshToken").upsert("r1", { grantId: "g1" }, 60);
    await store.adapter("AccessToken").upsert("a2", { grantId: "g2" }, 60);
    await store.adapter("RefreshToken").revokeByGrantId("g1");
    expect(await store.adapter("AccessToken").find("a1")).toBeUndefined();
    expect(await store.adapter("RefreshToken").find("r1")).toBeUndefined();
    expect(await store.adapter("AccessToken").find("a2")).toBeDefined();
  });
});
