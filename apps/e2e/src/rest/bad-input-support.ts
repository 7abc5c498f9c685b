import { type Agent, request as httpRequest } from "node:http";
import { beforeAll, expect } from "vitest";
import {
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  projectHeaders,
  signUpWithPassword,
  sql,
  testEnv,
} from "../harness/rest";
import { projectSnapshot } from "../harness/snapshots";

// Shared set-up of the bad-input tests (malformed, oversized and mistyped input, concurrent sign-ups), against the REST API.
// Tests in a file run one after another on a project created for that file, so per-project snapshots are stable.

type Ctx = { project: TestProject; user: SignedInUser; ownerTeamId: string };
export const ctx = {} as Ctx;

/** Runs a request that must be refused, asserting nothing in the project (or owned by its team) changed. */
export async function refusedWithoutWrites(request: () => Promise<ApiResponse>): Promise<ApiResponse> {
  const before = await projectSnapshot(ctx.project.projectId, ctx.ownerTeamId);
  const response = await request();
  expect(response.status, response.text).toBeLessThan(500);
  expect(response.status, response.text).toBeGreaterThanOrEqual(400);
  expect(await projectSnapshot(ctx.project.projectId, ctx.ownerTeamId)).toEqual(before);
  return response;
}

export const client = (extra: Record<string, string> = {}) => projectHeaders(ctx.project, "client", extra);
export const server = (extra: Record<string, string> = {}) => projectHeaders(ctx.project, "server", extra);
export const admin = () => projectHeaders(ctx.project, "admin");
export const json = { "content-type": "application/json" };

/** Creates the project a bad-input file works in, before its tests run. */
export function useBadInputProject(): void {
  beforeAll(async () => {
    const project = await createTestProject("bad input");
    const user = await signUpWithPassword(project);
    const [owner] = await sql("select selected_team_id from project_users where id = $1", [project.owner.userId]);
    Object.assign(ctx, { project, user, ownerTeamId: owner.selected_team_id });
  });
}

export type JsonRoute = { name: string; method: string; path: () => string; headers: () => Record<string, string | undefined> };
export const route = (name: string, path: () => string, headers: JsonRoute["headers"]): JsonRoute => ({ name, method: name.split(" ")[0]!, path, headers });


/**
 * A request through node:http on its own connection (agent `false` unless one is given): an oversized body
 * that the server stops reading must not leave a half-read socket in the pool that `api()` shares.
 */
export function httpCall(
  path: string,
  options: { headers: Record<string, string | undefined>; body: string | Buffer; chunked?: boolean; contentLength?: number },
  agent: Agent | false = false,
): Promise<ApiResponse> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  for (const [name, value] of Object.entries(options.headers)) if (value !== undefined) headers[name] = value;
  if (options.chunked) headers["transfer-encoding"] = "chunked";
  else headers["content-length"] = String(options.contentLength ?? Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${testEnv().backendUrl}${path}`, { method: "POST", headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === "string") responseHeaders.set(name, value);
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // plain text
        }
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body, text });
      });
    });
    req.on("error", reject);
    const body = typeof options.body === "string" ? Buffer.from(options.body) : options.body;
    if (options.chunked) for (let i = 0; i < body.length; i += 8192) req.write(body.subarray(i, i + 8192));
    else req.write(body);
    req.end();
  });
}
