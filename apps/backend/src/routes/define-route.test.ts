import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../services";
import { createApp } from "../app";
import { INTERNAL_SERVER_HEADERS, createTestServices } from "../testing/test-services";

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
