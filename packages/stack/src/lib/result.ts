// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
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
