import { z } from "../../lib/zod";

/** The body of every known error; `x-stack-known-error` (and its `x-hexclave-` twin) repeats `code`. */
export const knownErrorSchema = z
  .object({
    code: z.string().openapi({ description: "Stable and machine-readable; SDKs rebuild the error from it and `details`." }),
    details: z.record(z.unknown()).optional().openapi({ description: "Facts about this error, named per code; absent when the code has none." }),
    error: z.string().openapi({ description: "For people: the wording may change at any time." }),
  })
  .strict()
  .openapi("KnownError");

/** The known-error body narrowed to the codes one route can answer with one status. */
export function knownErrorSchemaFor(codes: readonly string[]) {
  return knownErrorSchema.extend({ code: z.enum(codes as [string, ...string[]]) });
}

/**
 * The same for the document: rendered as `allOf` of `KnownError` and the narrowed code, whose part must not refuse
 * the other fields (JSON Schema's `additionalProperties` sees only its own part's properties).
 */
export function documentedKnownErrorSchemaFor(codes: readonly string[]) {
  return knownErrorSchemaFor(codes).passthrough();
}
