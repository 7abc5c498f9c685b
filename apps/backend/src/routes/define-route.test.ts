import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppEnv } from "../app-env";
import type { Services } from "../services";
import { createApp } from "../app";
import { z } from "../lib/zod";
import { INTERNAL_SERVER_HEADERS, createTestServices } from "../testing/test-services";
import { defineRoute, mountRoutes } from "./define-route";

type OpenApiOperation = { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } };

let services: Awaited<ReturnType<typeof createTestServices>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  services = await createTestServices();
  app = createApp(services);
}, 60_000);
afterAll(() => services.close());

// IN-15 (OWASP ASVS 15.3.7): a parameter given twice, or in two places, would let parts of a stack disagree on it.
// It is a validation failure, so it answers SCHEMA_ERROR, the code the SDKs expect for one.
describe("parameter pollution", () => {
  it("refuses a query parameter given twice with SCHEMA_ERROR naming it", async () => {
    const res = await app.request("/api/v1/teams?user_id=me&user_id=00000000-0000-4000-8000-000000000000", { headers: INTERNAL_SERVER_HEADERS });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; details: { message: string } };
    expect(body.code).toBe("SCHEMA_ERROR");
    expect(body.details.message).toContain("query.user_id is given more than once");
  });

  it("still takes a query parameter given once", async () => {
    const res = await app.request("/api/v1/teams?user_id=00000000-0000-4000-8000-000000000000", { headers: INTERNAL_SERVER_HEADERS });
    expect(res.status).toBe(200);
  });

  it("declares no field in both the query and the body of any route, so no field can come from two places", async () => {
    const doc = (await (await createApp({ config: { apiUrl: "http://localhost:8102" } } as Services).request("/api/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const both: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const query = (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
        const body = Object.keys(operation.requestBody?.content["application/json"]?.schema.properties ?? {});
        for (const name of query.filter((name) => body.includes(name))) both.push(`${method.toUpperCase()} ${path}: ${name}`);
      }
    }
    expect(both).toEqual([]);
  });
});

// Stack Auth's API ignores a DELETE's body, and the SDKs send one; a DELETE route must not refuse it.
describe("DELETE bodies", () => {
  const deleteTeam = (body: string, contentType = "application/json") =>
    app.request("/api/v1/teams/6f1e5c1a-0000-4000-8000-000000000000", {
      method: "DELETE",
      headers: { ...INTERNAL_SERVER_HEADERS, "content-type": contentType },
      body,
    });

  it("ignores a JSON body with fields the route does not know, and answers as without it", async () => {
    for (const body of ['{"display_name":"x"}', "[1,2]", '"a\\u0000b"', "{}"]) {
      const res = await deleteTeam(body);
      expect(((await res.json()) as { code: string }).code, body).toBe("TEAM_NOT_FOUND");
    }
  });

  it("still refuses a body that is not JSON", async () => {
    expect(((await (await deleteTeam("{")).json()) as { code: string }).code).toBe("BODY_PARSING_ERROR");
  });

  it("refuses to mount a DELETE route that declares a body", () => {
    const route = defineRoute({
      method: "delete",
      path: "/x",
      summary: "x",
      tags: [],
      access: "none",
      body: z.object({}),
      response: { status: 200, description: "x", schema: z.object({}) },
      handler: ({ c }) => c.json({}),
    });
    expect(() => mountRoutes(new Hono<AppEnv>(), new OpenAPIRegistry(), [route])).toThrow(/DELETE route declares a body/);
  });
});
