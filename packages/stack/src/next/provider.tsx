// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { ReactNode } from "react";
import type { HexclaveClientApp } from "../lib/apps/client-app.js";
import { HexclaveProvider as ClientProvider } from "../react/provider.js";

/**
 * The provider for the App Router's root layout: reads the signed-in user on the server, so the first
 * render already shows it, and hands the browser only what it needs (no secret keys).
 * @example <HexclaveProvider app={hexclaveServerApp}>{children}</HexclaveProvider>
 */
export async function HexclaveProvider({ app, children }: { app: HexclaveClientApp; children?: ReactNode }) {
  const user = await app.getUser();
  return (
    <ClientProvider app={app.toClientJson()} initialUser={user ? user.toClientJson() : null}>
      {children}
    </ClientProvider>
  );
}

/** @deprecated Renamed to {@link HexclaveProvider}. */
export const StackProvider = HexclaveProvider;
