import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices } from "../../testing/test-services";

let services: Awaited<ReturnType<typeof createTestServices>>;

beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

describe("the project cache", () => {
  it("finds a project by id on its main branch", async () => {
    expect((await services.projects.getTenancy("internal"))?.project.id).toBe("internal");
  });

  // Regression: a NUL in the project id of the JWKS URL reached Postgres and answered 500.
  it("returns null for ids Postgres cannot store, instead of failing the query", async () => {
    for (const id of ["me\u0000", "\u0000", "a\uD800b", "\uDFFF"]) {
      expect(await services.projects.getTenancy(id)).toBeNull();
      expect(await services.projects.getTenancy("internal", id)).toBeNull();
    }
  });
});
