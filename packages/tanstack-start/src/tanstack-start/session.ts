// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { UserJson } from "@stackframe/stack-shared";
import type { HexclaveClientAppJson } from "../lib/apps/app-options.js";
import type { HexclaveClientApp } from "../lib/apps/client-app.js";

export type HexclaveSessionJson = { app: HexclaveClientAppJson; user: UserJson | null };

/**
 * What the browser needs to start, read on the server: the app's public options and the signed-in user. Return it from
 * a server function that a root loader calls, and pass both to `<HexclaveProvider app={…} initialUser={…}>`, so the
 * server-rendered page and the browser agree on who is signed in.
 * @example
 * export const getHexclaveSession = createServerFn({ method: "GET" }).handler(() => loadHexclaveSession(hexclaveServerApp));
 */
export async function loadHexclaveSession(app: HexclaveClientApp): Promise<HexclaveSessionJson> {
  const user = await app.getUser();
  return { app: app.toClientJson(), user: user ? user.toClientJson() : null };
}
