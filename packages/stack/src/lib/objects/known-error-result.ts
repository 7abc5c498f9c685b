// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { KnownError } from "@stackframe/stack-shared";

/** The published SDK returns the expected failures of some calls instead of throwing them. */
export async function knownErrorOrUndefined(call: () => Promise<void>): Promise<KnownError | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    if (error instanceof KnownError) return error;
    throw error;
  }
}
