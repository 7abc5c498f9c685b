// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { HexclaveClientApp } from "../lib/apps/client-app.js";
import type { CurrentUser } from "../lib/objects/user.js";

type Snapshot = { loaded: false } | { loaded: true; user: CurrentUser | null };

/** The signed-in user of one app, shared by every hook and component that reads it. */
export type UserStore = {
  getSnapshot(): Snapshot;
  subscribe(listener: () => void): () => void;
  load(): Promise<void>;
  set(user: CurrentUser | null): void;
};

const stores = new WeakMap<HexclaveClientApp, UserStore>();

export function userStoreOf(app: HexclaveClientApp): UserStore {
  let store = stores.get(app);
  if (store) return store;
  let snapshot: Snapshot = { loaded: false };
  let loading: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  const set = (user: CurrentUser | null) => {
    snapshot = { loaded: true, user };
    for (const listener of listeners) listener();
  };
  app.onUserChange(set);
  store = {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load() {
      loading ??= app.getUser().then(set, (error) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    set,
  };
  stores.set(app, store);
  return store;
}
