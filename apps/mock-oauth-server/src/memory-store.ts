import type { Adapter, AdapterFactory, AdapterPayload } from "oidc-provider";

/**
 * oidc-provider's storage, in memory and per server. Its built-in quick-start store keeps at most 1,000 entries, so a
 * busy test run (or a load test) lost grants and refresh tokens that were still valid. Here entries live until they
 * expire or are destroyed; expired ones are swept once a minute.
 */
export type MemoryStore = { adapter: AdapterFactory; entries(): number; close(): void };

type Entry = { payload: AdapterPayload; expiresAt: number };

const SWEEP_MILLIS = 60_000;
// Models whose entries belong to a grant, and go with it when the grant is revoked.
const GRANTABLE = new Set(["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode", "BackchannelAuthenticationRequest"]);

export function createMemoryStore(): MemoryStore {
  const entries = new Map<string, Entry>();
  const grantMembers = new Map<string, Set<string>>();
  const sessionsByUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const [grantId, keys] of grantMembers) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) grantMembers.delete(grantId);
    }
    for (const index of [sessionsByUid, byUserCode]) for (const [secondary, key] of index) if (!entries.has(key)) index.delete(secondary);
  }, SWEEP_MILLIS);
  sweep.unref();

  const adapter = (model: string): Adapter => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        const key = keyOf(id);
        entries.set(key, { payload, expiresAt: typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
        if (GRANTABLE.has(model) && payload.grantId) grantMembers.set(payload.grantId, (grantMembers.get(payload.grantId) ?? new Set()).add(key));
        if (model === "Session" && payload.uid) sessionsByUid.set(payload.uid, key);
        if (payload.userCode) byUserCode.set(payload.userCode, key);
      },
      find: async (id) => live(keyOf(id))?.payload,
      findByUid: async (uid) => {
        const key = sessionsByUid.get(uid);
        return key ? live(key)?.payload : undefined;
      },
      findByUserCode: async (userCode) => {
        const key = byUserCode.get(userCode);
        return key ? live(key)?.payload : undefined;
      },
      consume: async (id) => {
        const entry = live(keyOf(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        entries.delete(keyOf(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const key of grantMembers.get(grantId) ?? []) entries.delete(key);
        grantMembers.delete(grantId);
      },
    };
  };
  return { adapter, entries: () => entries.size, close: () => clearInterval(sweep) };
}
