import type { InternalSession } from "@stackframe/stack-shared";
import { envDefault } from "../env.js";
import type { TokenStoreInit } from "../token-stores/token-store.js";
import type { HandlerUrls } from "../urls.js";

export type RedirectMethod = "window" | "none";

export type HexclaveClientAppOptions = {
  /** The API's origin, e.g. `http://localhost:8102`; defaults to `NEXT_PUBLIC_HEXCLAVE_API_URL`, then Hexclave's cloud. */
  baseUrl?: string;
  /** Defaults to `NEXT_PUBLIC_HEXCLAVE_PROJECT_ID` (or `VITE_`/plain `HEXCLAVE_`, or their `STACK_` twins). */
  projectId?: string;
  publishableClientKey?: string;
  /** Where the session lives: `"cookie"`, `"memory"`, `"nextjs-cookie"`, a request, or explicit tokens. */
  tokenStore: TokenStoreInit;
  urls?: Partial<HandlerUrls>;
  redirectMethod?: RedirectMethod;
  extraRequestHeaders?: Record<string, string>;
  /** Replaces the global `fetch`, e.g. in tests. */
  fetch?: typeof fetch;
};

export type HexclaveServerAppOptions = Omit<HexclaveClientAppOptions, "tokenStore"> & {
  /** Optional on servers: without one, the app acts on the project only (pass a store per call to act as a user). */
  tokenStore?: TokenStoreInit;
  /** Defaults to `HEXCLAVE_SECRET_SERVER_KEY` (or `STACK_SECRET_SERVER_KEY`). Never expose it to browsers. */
  secretServerKey?: string;
};

export type HexclaveAdminAppOptions = HexclaveServerAppOptions & {
  /** Defaults to `HEXCLAVE_SUPER_SECRET_ADMIN_KEY` (or `STACK_SUPER_SECRET_ADMIN_KEY`). */
  superSecretAdminKey?: string;
  /** Acts as a signed-in owner of the project (a user of `internal`) instead of with an admin key. */
  projectOwnerSession?: InternalSession;
};

/** What a browser needs to rebuild a server's app: plain JSON, no secrets (see `toClientJson`). */
export type HexclaveClientAppJson = {
  baseUrl: string;
  projectId: string;
  publishableClientKey?: string;
  tokenStore: "cookie" | "memory" | "nextjs-cookie" | "tanstack-start-cookie";
  urls: HandlerUrls;
};

export const DEFAULT_API_URL = "https://api.hexclave.com";

/** Options of any of the three apps, with the environment's defaults filled in. */
export function resolveAppOptions(options: HexclaveAdminAppOptions) {
  const projectId = options.projectId ?? envDefault("projectId");
  if (!projectId) {
    throw new Error("No project id: pass projectId, or set NEXT_PUBLIC_HEXCLAVE_PROJECT_ID (VITE_HEXCLAVE_PROJECT_ID with Vite).");
  }
  return {
    ...options,
    projectId,
    tokenStore: options.tokenStore ?? null,
    baseUrl: options.baseUrl ?? envDefault("apiUrl") ?? DEFAULT_API_URL,
    publishableClientKey: options.publishableClientKey ?? envDefault("publishableClientKey"),
  };
}
