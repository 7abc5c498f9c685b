import { KnownErrors } from "@stackframe/stack-shared";
import type { z } from "zod";

function describeIssue(location: string, issue: z.ZodIssue): string {
  const path = [location, ...issue.path].join(".");
  if (issue.code === "unrecognized_keys") return `${path} contains unknown properties: ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_type" && issue.received === "undefined") return `${path} must be defined`;
  return `${path}: ${issue.message}`;
}

/**
 * Strings that Postgres cannot store (NUL) or that are not Unicode (lone surrogates) are refused here,
 * with a 400, instead of surfacing as a database error.
 */
function findUnstorableString(value: unknown, path: string[]): string | null {
  if (typeof value === "string") {
    return value.includes("\u0000") || !(value as string & { isWellFormed(): boolean }).isWellFormed() ? path.join(".") : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableString(value[i], [...path, String(i)]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnstorableString(key, [...path, "(key)"]) ?? findUnstorableString(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export type RequestParts = { params: unknown; query: unknown; body: unknown };
export type RequestSchemas = { params: z.ZodTypeAny; query: z.ZodTypeAny; body: z.ZodTypeAny };

/** Validates every part at once, so one SCHEMA_ERROR lists every problem (wire 00 §6). */
export function validateRequest(method: string, pathname: () => string, schemas: RequestSchemas, parts: RequestParts) {
  const errors: string[] = [];
  const output: Record<string, unknown> = {};
  for (const location of ["params", "query", "body"] as const) {
    const unstorable = findUnstorableString(parts[location], [location]);
    if (unstorable) {
      errors.push(`${unstorable} contains a NUL character or invalid Unicode`);
      continue;
    }
    const result = schemas[location].safeParse(parts[location]);
    if (result.success) output[location] = result.data;
    else errors.push(...result.error.issues.map((issue) => describeIssue(location, issue)));
  }
  if (errors.length > 0) throw schemaError(method, pathname(), errors);
  return output as { params: any; query: any; body: any };
}

export function schemaError(method: string, pathname: string, errors: string[]) {
  return new KnownErrors.SchemaError(`Request validation failed on ${method} ${pathname}:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
}
