// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { useContext, useEffect, useSyncExternalStore } from "react";
import type { HexclaveClientApp } from "../lib/apps/client-app.js";
import type { CurrentUser } from "../lib/objects/user.js";
import { KnownErrors } from "../lib/public-api.js";
import { redirectTo } from "../lib/urls.js";
import { HexclaveAppContext } from "./context.js";
import { userStoreOf } from "./user-store.js";

/**
 * The app given to the nearest `HexclaveProvider`.
 * @example const app = useHexclaveApp(); await app.signOut();
 */
export function useHexclaveApp<T extends HexclaveClientApp = HexclaveClientApp>(): T {
  const app = useContext(HexclaveAppContext);
  if (!app) throw new Error("useHexclaveApp must be used inside a <HexclaveProvider>.");
  return app as T;
}

/** @deprecated Renamed to {@link useHexclaveApp}. */
export const useStackApp = useHexclaveApp;

export type UseUserOptions = { or?: "return-null" | "redirect" | "throw" };

/**
 * The signed-in user, re-rendering on sign-in, sign-out and changes. Suspends while the user first loads.
 * @example
 * const user = useUser({ or: "redirect" }); // never null: signed-out visitors go to sign-in
 */
export function useUser(options: UseUserOptions & { or: "redirect" | "throw" }): CurrentUser;
export function useUser(options?: UseUserOptions): CurrentUser | null;
export function useUser(options: UseUserOptions = {}): CurrentUser | null {
  const app = useHexclaveApp();
  const store = userStoreOf(app);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const missing = snapshot.loaded && snapshot.user === null;
  useEffect(() => {
    if (missing && options.or === "redirect") void redirectTo(app.urls.signIn, { replace: true });
  }, [missing, options.or, app]);
  if (!snapshot.loaded) {
    // Without a user handed over by the server, server rendering shows the signed-out state; the browser then loads.
    if (typeof window === "undefined") return null;
    throw store.load();
  }
  if (snapshot.user === null && options.or === "throw") throw new KnownErrors.UserAuthenticationRequired();
  return snapshot.user;
}
