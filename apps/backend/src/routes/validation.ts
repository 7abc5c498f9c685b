import { KnownErrors } from "@stackframe/stack-shared";
import type { z } from "zod";

function describeIssue(location: string, issue: z.ZodIssue): string {
  const path = [location, ...issue.path].join(".");
  if (issue.code === "unrecognized_keys") return `${path} contains unknown properties: ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_type" && issue.received === "undefined") return `${path} must be defined`;
  return `${path}: ${issue.message}`;
}

// Deeper than any honest request; Postgres and recursive code downstream have limits of their own well beyond it.
export const MAX_JSON_DEPTH = 64;

type Frame = { value: unknown; depth: number; key: string; parent: Frame | null };

function pathOf(frame: Frame): string {
  const keys: string[] = [];
  for (let f: Frame | null = frame; f; f = f.parent) keys.push(f.key);
  return keys.reverse().join(".");
}

function isUnstorable(value: string): boolean {
  return value.includes("\u0000") || !(value as string & { isWellFormed(): boolean }).isWellFormed();
}

/**
 * Refuses, with a 400, what Postgres cannot store (NUL, lone surrogates) and nesting beyond MAX_JSON_DEPTH. Iterative,
 * with paths built only for the answer, so a deeply nested body costs time linear in its size and never the stack.
 */
function findUnstorableValue(root: unknown, location: string): string | null {
  const stack: Frame[] = [{ value: root, depth: 0, key: location, parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value } = frame;
    if (typeof value === "string") {
      if (isUnstorable(value)) return `${pathOf(frame)} contains a NUL character or invalid Unicode`;
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (frame.depth >= MAX_JSON_DEPTH) return `${pathOf(frame)} is nested deeper than ${MAX_JSON_DEPTH} levels`;
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, item] of entries) {
      if (typeof key === "string" && isUnstorable(key)) return `${pathOf(frame)}.(key) contains a NUL character or invalid Unicode`;
      stack.push({ value: item, depth: frame.depth + 1, key: String(key), parent: frame });
    }
  }
  return null;
}

export type RequestParts = { params: unknown; query: unknown; body: unknown };
export type RequestSchemas = { params: z.ZodTypeAny; query: z.ZodTypeAny; body: z.ZodTypeAny };

/** Validates every part at once, so one SCHEMA_ERROR lists every problem. */
export function validateRequest(method: string, pathname: () => string, schemas: RequestSchemas, parts: RequestParts) {
  const errors: string[] = [];
  const output: Record<string, unknown> = {};
  for (const location of ["params", "query", "body"] as const) {
    const unstorable = findUnstorableValue(parts[location], location);
    if (unstorable) {
      errors.push(unstorable);
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
