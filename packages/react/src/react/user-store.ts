// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { HexclaveClientApp } from "../lib/apps/client-app.js";
import type { CurrentUser } from "../lib/objects/user.js";

export type UserSnapshot = { loaded: false } | { loaded: true; user: CurrentUser | null };

export const NOT_LOADED: UserSnapshot = { loaded: false };

/**
 * The signed-in user of one app, shared by every hook and component that reads it. Browsers only: on a server one app
 * serves every request, so a user kept here would be shown to the next visitor.
 */
export type UserStore = {
  getSnapshot(): UserSnapshot;
  subscribe(listener: () => void): () => void;
  load(): Promise<void>;
  set(user: CurrentUser | null): void;
};

const stores = new WeakMap<HexclaveClientApp, UserStore>();

export function userStoreOf(app: HexclaveClientApp): UserStore {
  let store = stores.get(app);
  if (store) return store;
  let snapshot: UserSnapshot = NOT_LOADED;
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
