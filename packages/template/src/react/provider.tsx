import { type ReactNode, Suspense, useMemo } from "react";
import { HexclaveClientApp } from "../lib/apps/client-app.js";
import type { HexclaveClientAppJson } from "../lib/apps/app-options.js";
import { hexclaveAppInternalsSymbol } from "../lib/internals.js";
import type { CurrentUser } from "../lib/objects/user.js";
import { HexclaveAppContext, HexclaveInitialUserContext } from "./context.js";
import { type UserSnapshot, userStoreOf } from "./user-store.js";
import type { UserJson } from "@stackframe/stack-shared";

type AppInternals = { currentUserFromJson(json: UserJson): CurrentUser };

const appsFromJson = new Map<string, HexclaveClientApp>();

/** One client app per configuration, so re-renders and route changes keep the same session. */
function clientAppFromJson(json: HexclaveClientAppJson): HexclaveClientApp {
  const key = JSON.stringify(json);
  let app = appsFromJson.get(key);
  if (!app) {
    app = new HexclaveClientApp(json);
    appsFromJson.set(key, app);
  }
  return app;
}

export type HexclaveProviderProps = {
  /** The app, or (from a server component) the options a browser needs to build it. */
  app: HexclaveClientApp | HexclaveClientAppJson;
  /** The signed-in user as the server read it, so the first render matches on server and browser. */
  initialUser?: UserJson | null;
  children?: ReactNode;
};

/**
 * Makes an app available to `useUser`, `useHexclaveApp` and the prebuilt components.
 * @example <HexclaveProvider app={clientApp}><App /></HexclaveProvider>
 */
export function HexclaveProvider({ app, initialUser, children }: HexclaveProviderProps) {
  const clientApp = useMemo(() => (app instanceof HexclaveClientApp ? app : clientAppFromJson(app)), [app]);
  const initialSnapshot = useMemo((): Extract<UserSnapshot, { loaded: true }> | null => {
    if (initialUser === undefined) return null;
    const internals = (clientApp as unknown as { [hexclaveAppInternalsSymbol]: AppInternals })[hexclaveAppInternalsSymbol];
    return { loaded: true, user: initialUser === null ? null : internals.currentUserFromJson(initialUser) };
  }, [clientApp, initialUser]);
  useMemo(() => {
    // The store outlives this render, so it is filled in browsers only: a server shares one app between all visitors.
    if (initialSnapshot === null || typeof window === "undefined") return;
    const store = userStoreOf(clientApp);
    if (!store.getSnapshot().loaded) store.set(initialSnapshot.user);
  }, [clientApp, initialSnapshot]);
  return (
    <HexclaveAppContext.Provider value={clientApp}>
      <HexclaveInitialUserContext.Provider value={initialSnapshot}>
        <Suspense fallback={null}>{children}</Suspense>
      </HexclaveInitialUserContext.Provider>
    </HexclaveAppContext.Provider>
  );
}

/** @deprecated Renamed to {@link HexclaveProvider}. */
export const StackProvider = HexclaveProvider;
