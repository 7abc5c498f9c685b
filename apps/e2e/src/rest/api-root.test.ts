import { beforeAll, describe, expect, it } from "vitest";
import { type TestProject, api, createTestProject, expectKnownError, internalProject, projectHeaders, signUpWithPassword } from "../harness/rest";

// GET /api/v1 (and /api/latest): Stack Auth's plain-text greeting naming the caller, behind the same header checks as
// every other route.
const GREETING = "Welcome to the Hexclave API endpoint! Please refer to the documentation at https://docs.hexclave.com.";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("API root");
});

describe("GET /api/v1", () => {
  it("greets a caller without project headers as unauthenticated, under both version names", async () => {
    for (const path of ["/api/v1", "/api/latest"]) {
      const response = await api(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(response.text).toBe(`${GREETING}\n\nAuthentication: None`);
    }
  });

  it("names the access type and project it recognised", async () => {
    for (const [type, name] of [["client", "Client"], ["server", "Server"], ["admin", "Admin"]] as const) {
      const response = await api("/api/v1", { headers: projectHeaders(internalProject(), type) });
      expect(response.text).toBe(`${GREETING}\n\nAuthentication: ${name}\n  Project: internal\n  User: None`);
    }
  });

  it("names the signed-in user by primary email", async () => {
    const user = await signUpWithPassword(project);
    const response = await api("/api/v1", { headers: projectHeaders(project, "client", { "access-token": user.accessToken }) });
    expect(response.text).toBe(`${GREETING}\n\nAuthentication: Client\n  Project: ${project.projectId}\n  User: ${user.email}`);
  });

  it("runs the project-header checks of every route", async () => {
    expectKnownError(await api("/api/v1", { headers: { "x-stack-access-type": "client" } }), "ACCESS_TYPE_WITHOUT_PROJECT_ID", 400);
    expectKnownError(await api("/api/v1", { headers: { "x-stack-project-id": "internal", "x-stack-access-type": "root" } }), "INVALID_ACCESS_TYPE", 400);
    const unknownProject = await api("/api/v1", { headers: { "x-stack-project-id": "00000000-0000-4000-8000-000000000000", "x-stack-access-type": "client" } });
    expectKnownError(unknownProject, "CURRENT_PROJECT_NOT_FOUND", 400);
    const unknownBranch = await api("/api/v1", { headers: projectHeaders(internalProject(), "client", { "branch-id": "invalid-branch" }) });
    expectKnownError(unknownBranch, "BRANCH_DOES_NOT_EXIST", 400);
    expect(unknownBranch.body.details).toEqual({ branch_id: "invalid-branch" });
    expectKnownError(await api("/api/v1", { headers: { ...projectHeaders(internalProject(), "client"), "x-hexclave-publishable-client-key": "pck_wrong" } }), "INVALID_PUBLISHABLE_CLIENT_KEY", 401);
    expectKnownError(await api("/api/v1", { headers: { ...projectHeaders(internalProject(), "server"), "x-hexclave-secret-server-key": "" } }), "SERVER_AUTHENTICATION_REQUIRED", 401);
    expectKnownError(await api("/api/v1", { headers: { "x-stack-secret-server-key": project.secretServerKey } }), "PROJECT_KEY_WITHOUT_ACCESS_TYPE", 400);
  });

  it("refuses keys of another project", async () => {
    const headers = { ...projectHeaders(project, "client"), "x-hexclave-project-id": "internal" };
    expectKnownError(await api("/api/v1", { headers }), "INVALID_PUBLISHABLE_CLIENT_KEY", 401);
  });

  it("refuses query parameters", async () => {
    const response = await api("/api/v1?extra=param");
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.error).toContain("extra");
  });
});
