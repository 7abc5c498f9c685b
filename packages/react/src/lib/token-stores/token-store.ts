// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { TokenPair } from "@stackframe/stack-shared";

/** Where an app keeps its session's tokens. Reads may be async (framework cookie APIs are). */
export type TokenStore = {
  read(): TokenPair | Promise<TokenPair>;
  write(tokens: TokenPair): void | Promise<void>;
};

/** A request whose credentials the app should use: anything with `headers` (fetch `Request`, Node's `IncomingMessage`). */
export type RequestLike = { headers: Headers | Record<string, string | string[] | undefined> };

export type TokenStoreInit = "cookie" | "memory" | "nextjs-cookie" | "tanstack-start-cookie" | TokenPair | RequestLike | null;

export type TokenStoreContext = { projectId: string };
type TokenStoreFactory = (context: TokenStoreContext) => TokenStore;

// Framework packages register their stores ("nextjs-cookie", …) when imported, so the core needs no framework.
const factories = new Map<string, TokenStoreFactory>();

export function registerTokenStore(name: string, factory: TokenStoreFactory): void {
  factories.set(name, factory);
}

export function tokenStoreFactory(name: string): TokenStoreFactory | undefined {
  return factories.get(name);
}

export const EMPTY_TOKENS: TokenPair = { accessToken: null, refreshToken: null };
