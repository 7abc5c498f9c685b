import { beforeAll, describe, expect, it } from "vitest";
import { type TestProject, api, createTestProject, expectKnownError, patchProjectConfig, projectHeaders, signUpWithPassword } from "../harness/rest";

let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Self deletion");
});

const asUser = (accessToken: string) => projectHeaders(project, "client", { "access-token": accessToken });

describe("a client deleting its own user", () => {
  it("is refused while the project does not allow it, and the user stays", async () => {
    await patchProjectConfig(project, { client_user_deletion_enabled: false });
    const user = await signUpWithPassword(project);
    const refused = await api("/api/v1/users/me", { method: "DELETE", headers: asUser(user.accessToken) });
    expect(refused.status).toBe(400);
    expect((await api("/api/v1/users/me", { headers: asUser(user.accessToken) })).body.id).toBe(user.userId);
  });

  it("deletes the user once the project allows it, after which the token names no user", async () => {
    await patchProjectConfig(project, { client_user_deletion_enabled: true });
    const user = await signUpWithPassword(project);
    const deleted = await api("/api/v1/users/me", { method: "DELETE", headers: asUser(user.accessToken) });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true });
    expectKnownError(await api("/api/v1/users/me", { headers: asUser(user.accessToken) }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
    expect((await api(`/api/v1/users/${user.userId}`, { headers: projectHeaders(project, "server") })).status).toBe(404);
  });
});
