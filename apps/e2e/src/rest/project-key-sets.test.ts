import { beforeAll, describe, expect, it } from "vitest";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders } from "../harness/rest";

let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Project key sets");
});

const admin = () => projectHeaders(project, "admin");

describe("a project's key sets", () => {
  it("reads one key set by its id with each key masked to its last four characters", async () => {
    const [set] = (await api("/api/v1/internal/api-keys", { headers: admin() })).body.items;
    const one = await api(`/api/v1/internal/api-keys/${set.id}`, { headers: admin() });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(set);
    expect(one.body.secret_server_key).toEqual({ last_four: project.secretServerKey.slice(-4) });
    expect(one.text).not.toContain(project.secretServerKey);
  });

  it("refuses an id that names no key set of the project", async () => {
    expectKnownError(await api("/api/v1/internal/api-keys/00000000-0000-4000-8000-000000000000", { headers: admin() }), "API_KEY_NOT_FOUND", 404);
  });
});
