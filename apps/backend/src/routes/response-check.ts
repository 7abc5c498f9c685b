import { appendFileSync } from "node:fs";
import { KnownError } from "@stackframe/stack-shared";
import type { Context, MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../app-env";
import { writeLogRecord } from "../lib/json-log";
import type { OperationDoc, RouteResponse } from "./openapi";
import { knownErrorsByStatus } from "./route-errors";
import { knownErrorSchemaFor } from "./schemas/known-errors";

/** A test-only switch: every JSON answer of a documented route is checked against the document. */
export type ResponseCheckSettings = {
  /** Each route and status whose answer passed is appended to this file once per process, as `METHOD /path status`. */
  recordFile: string | undefined;
};

type Issue = { path: string; code: string; keys?: string[] };

// Only where a value is wrong and the names of unexpected fields, never the values themselves: answers carry user data.
function issuesOf(error: z.ZodError, prefix = ""): Issue[] {
  return error.issues.flatMap((issue): Issue[] => {
    const path = `${prefix}${issue.path.join(".")}` || "(root)";
    if (issue.code === "invalid_union") return issue.unionErrors.flatMap((branch, i) => issuesOf(branch, `${path === "(root)" ? "" : `${path}.`}|${i}|.`));
    if (issue.code === "unrecognized_keys") return [{ path, code: issue.code, keys: issue.keys }];
    return [{ path, code: issue.code }];
  });
}

function bodyIssues(schema: z.ZodTypeAny, body: unknown): Issue[] {
  const result = schema.safeParse(body);
  return result.success ? [] : issuesOf(result.error);
}

const isJson = (res: Response) => /^application\/json\b/i.test(res.headers.get("content-type") ?? "");
const isText = (res: Response) => /^text\/plain\b/i.test(res.headers.get("content-type") ?? "");
const isImage = (res: Response) => /^image\/[a-z0-9.+-]+$/i.test(res.headers.get("content-type") ?? "");

/** The issues of an answer against the route's document, or null for answers the document does not describe (plain-text refusals). */
async function checkAnswer(c: Context<AppEnv>, own: Map<number, RouteResponse>, errors: Map<number, z.ZodTypeAny>): Promise<Issue[] | null> {
  const res = c.res;
  const documented = own.get(res.status);
  if (c.error instanceof KnownError) {
    const schema = errors.get(res.status);
    return schema ? bodyIssues(schema, c.error.toJson()) : [{ path: "(status)", code: "undocumented_status" }];
  }
  if (documented?.schema === null) return (await res.clone().text()) === "" ? [] : [{ path: "(root)", code: "unexpected_body" }];
  if (documented?.mediaType === "text/plain") return isText(res) ? [] : [{ path: "(content-type)", code: "invalid_type" }];
  if (documented?.mediaType === "image/*") return isImage(res) ? [] : [{ path: "(content-type)", code: "invalid_type" }];
  if (!isJson(res)) return null;
  const schema = documented?.schema ?? errors.get(res.status);
  if (!schema) return [{ path: "(status)", code: "undocumented_status" }];
  return bodyIssues(schema, await res.clone().json());
}

const recorded = new Set<string>();

function recordChecked(settings: ResponseCheckSettings, line: string): void {
  if (!settings.recordFile || recorded.has(line)) return;
  recorded.add(line);
  appendFileSync(settings.recordFile, `${line}\n`);
}

/**
 * Checks each answer of a route against what the OpenAPI document says of it: the success schema of its status, or
 * the known-error schema with the codes the route declares. A mismatch is logged and becomes a 500, so the test whose
 * request found it fails.
 */
export function checkResponses(route: OperationDoc, settings: ResponseCheckSettings): MiddlewareHandler<AppEnv> {
  const documentedPath = route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
  const label = `${route.method.toUpperCase()} ${documentedPath}`;
  const own = new Map([route.response, ...(route.otherResponses ?? [])].map((response) => [response.status, response]));
  const errors = new Map([...knownErrorsByStatus(route)].map(([status, codes]) => [status, knownErrorSchemaFor(codes)]));
  return async (c, next) => {
    await next();
    const status = c.res.status;
    const issues = await checkAnswer(c, own, errors);
    if (issues === null) return;
    if (issues.length === 0) return recordChecked(settings, `${label} ${status}`);
    writeLogRecord({
      log: "error",
      time: new Date().toISOString(),
      request_id: c.get("requestId"),
      message: "The answer does not match the route's OpenAPI schema",
      route: label,
      status,
      issues,
    });
    c.res = new Response(`The answer did not match its documented schema. Request ID: ${c.get("requestId")}`, {
      status: 500,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
    // Setting c.res keeps the headers of the answer it replaces; those of a known error would now be false.
    for (const name of ["x-stack-known-error", "x-hexclave-known-error", "www-authenticate"]) c.res.headers.delete(name);
  };
}
