import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import type { Services } from "../services";
import { projectUsers } from "../db/schema";
import { INTERNAL_SERVER_HEADERS, createTestServices } from "../testing/test-services";

let services: Awaited<ReturnType<typeof createTestServices>>;

beforeAll(async () => {
  services = await createTestServices();
}, 60_000);
afterAll(() => services.close());

const createUser = (app: ReturnType<typeof createApp>) =>
  app.request("/api/v1/users", { method: "POST", headers: { ...INTERNAL_SERVER_HEADERS, "content-type": "application/json" }, body: JSON.stringify({ display_name: "Nobody" }) });
const userCount = async () => (await services.db.select({ n: count() }).from(projectUsers))[0]!.n;

// TI-04 (SuperTokens GHSA-q7mc-f2jm-r4gr): a failing tenant lookup must stop the request, never let it on without one.
describe("tenant resolution", () => {
  it("fails closed when the project lookup throws: a generic 500, and the route never runs", async () => {
    const projects = { get: async () => Promise.reject(new Error("tenant lookup failed")), invalidate: () => undefined };
    const app = createApp({ ...services, projects } as unknown as Services);
    const before = await userCount();
    const original = console.error;
    console.error = () => undefined;
    try {
      const res = await createUser(app);
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(/^Something went wrong\. Request ID: /);
    } finally {
      console.error = original;
    }
    expect(await userCount()).toBe(before);
  });

  it("refuses a project found without a tenancy for the branch, instead of using another", async () => {
    const real = await services.projects.get("internal");
    const projects = { get: async () => ({ ...real!, tenancy: null }), getTenancy: async () => null, invalidate: () => undefined };
    const res = await createUser(createApp({ ...services, projects } as unknown as Services));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("BRANCH_DOES_NOT_EXIST");
  });
});
