import { z } from "../../lib/zod";

/** Times on the wire are integer milliseconds since the epoch. */
export const millis = () => z.number().int();

export const successResponse = z.object({ success: z.literal(true) }).strict().openapi("Success", { description: "The action was done." });

/** Exactly `{}`: a route that has nothing to say but answers with a JSON body all the same. */
export const emptyObjectResponse = z.object({}).strict().openapi("EmptyObject");

export const codeIsValidResponse = z.object({ is_code_valid: z.literal(true) }).strict().openapi("CodeIsValid");

/** An unpaginated list: every item at once. */
export function listOf<T extends z.ZodTypeAny>(item: T, name: string) {
  return z.object({ items: z.array(item), is_paginated: z.literal(false) }).strict().openapi(name);
}

/** A page of a paginated list; `next_cursor` names the first item of the next page, or null on the last one. */
export function pageOf<T extends z.ZodTypeAny>(item: T, name: string) {
  return z
    .object({ items: z.array(item), is_paginated: z.literal(true), pagination: z.object({ next_cursor: z.string().nullable() }).strict() })
    .strict()
    .openapi(name);
}

/**
 * A named schema or null. A union rather than `.nullable()`, which the OpenAPI 3.1 generator renders as the
 * referenced schema alone (or an `allOf` that null cannot satisfy).
 */
export function nullableRef<T extends z.ZodTypeAny>(schema: T) {
  return z.union([schema, z.null()]);
}
