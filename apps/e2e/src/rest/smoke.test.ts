import { describe, expect, it } from "vitest";
import { api, createTestProject, projectHeaders, signUpWithPassword } from "../harness/rest";

describe("a project made the dashboard's way", () => {
  it("signs a user up and reads them back", async () => {
    const project = await createTestProject();
    const user = await signUpWithPassword(project);
    const me = await api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": user.accessToken }) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.userId, primary_email: user.email, has_password: true });
  });
});
