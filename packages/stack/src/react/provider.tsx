// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { type ReactNode, Suspense, useMemo } from "react";
import { HexclaveClientApp } from "../lib/apps/client-app.js";
import type { HexclaveClientAppJson } from "../lib/apps/app-options.js";
import { hexclaveAppInternalsSymbol } from "../lib/internals.js";
import type { CurrentUser } from "../lib/objects/user.js";
import { HexclaveAppContext } from "./context.js";
import { userStoreOf } from "./user-store.js";
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
  useMemo(() => {
    if (initialUser === undefined) return;
    const store = userStoreOf(clientApp);
    if (store.getSnapshot().loaded) return;
    const internals = (clientApp as unknown as { [hexclaveAppInternalsSymbol]: AppInternals })[hexclaveAppInternalsSymbol];
    store.set(initialUser === null ? null : internals.currentUserFromJson(initialUser));
  }, [clientApp, initialUser]);
  return (
    <HexclaveAppContext.Provider value={clientApp}>
      <Suspense fallback={null}>{children}</Suspense>
    </HexclaveAppContext.Provider>
  );
}

/** @deprecated Renamed to {@link HexclaveProvider}. */
export const StackProvider = HexclaveProvider;
