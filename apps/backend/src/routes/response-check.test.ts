import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { KnownError, KnownErrors } from "@stackframe/stack-shared";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import type { AppEnv } from "../app-env";
import { redirectLog } from "../lib/json-log";
import { z } from "../lib/zod";
import { defineRoute, mountRoutes } from "./define-route";

const logged: Record<string, unknown>[] = [];
let restoreLog: (() => void) | undefined;
afterEach(() => {
  restoreLog?.();
  logged.length = 0;
});

const answer = z.object({ name: z.string(), secret_count: z.number() }).strict();

/** One route whose handler answers with whatever the request asks for, checked against `answer`. */
function appAnswering(recordFile?: string) {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("requestId", "req-1");
    c.set("stackHeaders", {});
    await next();
  });
  app.onError((error, c) =>
    error instanceof KnownError ? c.json(error.toJson(), error.statusCode as 404, { "x-stack-known-error": error.code }) : c.text("boom", 500),
  );
  const route = defineRoute({
    method: "post",
    path: "/echo",
    summary: "Echo",
    tags: [],
    access: "none",
    body: z.object({ reply: z.unknown(), fail: z.enum(["user", "team", "email"]).optional() }).strict(),
    response: { status: 200, description: "The reply", schema: answer },
    errors: [KnownErrors.UserNotFound],
    handler: ({ c, body }) => {
      if (body.fail === "user") throw new KnownErrors.UserNotFound();
      if (body.fail === "team") throw new KnownErrors.TeamNotFound("t-1");
      if (body.fail === "email") throw new KnownErrors.UserEmailAlreadyExists("a@example.com");
      return c.json(body.reply);
    },
  });
  mountRoutes(app, new OpenAPIRegistry(), [route], { checkResponses: { recordFile } });
  restoreLog = redirectLog((line) => logged.push(JSON.parse(line)));
  return (body: unknown) => app.request("/echo", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

describe("response checks", () => {
  it("passes an answer that matches the route's schema, and records the route once", async () => {
    const recordFile = join(mkdtempSync(join(tmpdir(), "response-check-")), "routes.txt");
    const send = appAnswering(recordFile);
    for (let i = 0; i < 2; i++) expect((await send({ reply: { name: "a", secret_count: 1 } })).status).toBe(200);
    expect(readFileSync(recordFile, "utf8")).toBe("POST /echo 200\n");
    expect(logged).toEqual([]);
  });

  it("turns an answer with a wrong or extra field into a 500 and logs where, never what", async () => {
    const send = appAnswering();
    const res = await send({ reply: { name: 987654321, secret_count: 1, password: "hunter2" } });
    expect(res.status).toBe(500);
    expect(logged).toEqual([
      expect.objectContaining({
        log: "error",
        route: "POST /echo",
        status: 200,
        issues: [
          { path: "name", code: "invalid_type" },
          { path: "(root)", code: "unrecognized_keys", keys: ["password"] },
        ],
      }),
    ]);
    expect(JSON.stringify(logged)).not.toContain("hunter2");
    expect(JSON.stringify(logged)).not.toContain("987654321");
  });

  it("passes a known error the route declares", async () => {
    const res = await appAnswering()({ reply: null, fail: "user" });
    expect(res.status).toBe(404);
    expect(logged).toEqual([]);
  });

  it("refuses a known error the route does not declare, without its known-error header", async () => {
    const send = appAnswering();
    const res = await send({ reply: null, fail: "team" });
    expect(res.status).toBe(500);
    expect(res.headers.get("x-stack-known-error")).toBeNull();
    expect(logged).toEqual([expect.objectContaining({ route: "POST /echo", status: 404, issues: [{ path: "code", code: "invalid_enum_value" }] })]);
  });

  it("refuses a status the route documents nothing for", async () => {
    const res = await appAnswering()({ reply: null, fail: "email" });
    expect(res.status).toBe(500);
    expect(logged).toEqual([expect.objectContaining({ status: 409, issues: [{ path: "(status)", code: "undocumented_status" }] })]);
  });
});
