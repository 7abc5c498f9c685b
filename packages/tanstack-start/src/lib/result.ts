// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { KnownError } from "@stackframe/stack-shared";

/** The outcome of a call whose expected failures are values, not exceptions (the published SDK's shape). */
export type Result<T, E = Error> = { status: "ok"; data: T } | { status: "error"; error: E };

export const Result = {
  ok<T>(data: T): Result<T, never> {
    return { status: "ok", data };
  },
  error<E>(error: E): Result<never, E> {
    return { status: "error", error };
  },
};

/** A call's known errors (its expected failures) as a Result; anything else still throws. */
export async function knownErrorResult<T>(call: () => Promise<T>): Promise<Result<T extends void ? undefined : T, KnownError>> {
  try {
    return Result.ok((await call()) as T extends void ? undefined : T);
  } catch (error) {
    if (error instanceof KnownError) return Result.error(error);
    throw error;
  }
}

/** The same for calls the published SDK answers with the known error itself, or nothing on success. */
export async function knownErrorOrUndefined(call: () => Promise<void>): Promise<KnownError | undefined> {
  const result = await knownErrorResult(call);
  return result.status === "error" ? result.error : undefined;
}
