// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import type { TokenPair } from "@stackframe/stack-shared";
import { EMPTY_TOKENS, type TokenStore } from "./token-store.js";

/** Tokens kept in this object only: for scripts, tests and servers acting as one user. */
export function createMemoryTokenStore(initial: TokenPair = EMPTY_TOKENS): TokenStore {
  let tokens = { ...initial };
  return {
    read: () => tokens,
    write: (next) => {
      tokens = { ...next };
    },
  };
}
