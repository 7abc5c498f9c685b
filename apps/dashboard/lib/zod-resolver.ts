import type { FieldError, FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type * as z from "zod/mini";

/**
 * react-hook-form's resolver for a zod/mini schema: the parsed values, or each field's first problem under its path.
 * Kept here rather than taken from @hookform/resolvers, whose zod adapter pulls all of zod's core (every locale
 * included) into each page that has a form.
 */
export function zodResolver<Schema extends z.ZodMiniType<FieldValues, FieldValues>>(schema: Schema): Resolver<z.input<Schema>, unknown, z.output<Schema>> {
  return async (values) => {
    const result = await schema.safeParseAsync(values);
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.length > 0 ? issue.path.map(String) : ["root"];
      let node = errors;
      for (const key of path.slice(0, -1)) {
        node[key] ??= {};
        node = node[key] as Record<string, unknown>;
      }
      const last = path[path.length - 1]!;
      if (!(last in node)) node[last] = { type: issue.code, message: issue.message } satisfies FieldError;
    }
    return { values: {}, errors: errors as FieldErrors<z.input<Schema>> };
  };
}
