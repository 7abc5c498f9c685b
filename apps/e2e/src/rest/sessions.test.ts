import { describe, expect, it } from "vitest";
import { api, createTestProject, expectKnownError, projectHeaders, refreshWithOAuth, signUpWithPassword } from "../harness/rest";

const refresh = refreshWithOAuth;

describe("sessions", () => {
  it("lists a user's own sessions newest first, marking the current one", async () => {
    const project = await createTestProject();
    const user = await signUpWithPassword(project);
    const second = await api("/api/v1/auth/password/sign-in", {
      headers: projectHeaders(project, "client"),
      body: { email: user.email, password: user.password },
    });
    const list = await api("/api/v1/auth/sessions?user_id=me", {
      headers: projectHeaders(project, "client", { "access-token": second.body.access_token }),
    });
    expect(list.status).toBe(200);
    expect(list.body.is_paginated).toBe(false);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({ user_id: user.userId, is_current_session: true, is_impersonation: false });
    expect(list.body.items[1].is_current_session).toBe(false);
    expect(typeof list.body.items[0].created_at).toBe("number");
  });

  it("refuses to list another user's sessions to a client", async () => {
    const project = await createTestProject();
    const [alice, bob] = [await signUpWithPassword(project), await signUpWithPassword(project)];
    const response = await api(`/api/v1/auth/sessions?user_id=${bob.userId}`, {
      headers: projectHeaders(project, "client", { "access-token": alice.accessToken }),
    });
    expect(response.status).toBe(403);
  });

  it("revokes another session of one's own, which then stops refreshing", async () => {
    const project = await createTestProject();
    const user = await signUpWithPassword(project);
    const other = await api("/api/v1/auth/password/sign-in", {
      headers: projectHeaders(project, "client"),
      body: { email: user.email, password: user.password },
    });
    const list = await api("/api/v1/auth/sessions?user_id=me", { headers: projectHeaders(project, "client", { "access-token": user.accessToken }) });
    const otherId = list.body.items.find((s: { is_current_session: boolean }) => !s.is_current_session).id;
    const revoked = await api(`/api/v1/auth/sessions/${otherId}?user_id=me`, {
      method: "DELETE",
      headers: projectHeaders(project, "client", { "access-token": user.accessToken }),
    });
    expect(revoked.body).toEqual({ success: true });
    expectKnownError(await refresh(project.projectId, other.body.refresh_token), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("will not revoke the current session by id", async () => {
    const project = await createTestProject();
    const user = await signUpWithPassword(project);
    const list = await api("/api/v1/auth/sessions?user_id=me", { headers: projectHeaders(project, "client", { "access-token": user.accessToken }) });
    const response = await api(`/api/v1/auth/sessions/${list.body.items[0].id}?user_id=me`, {
      method: "DELETE",
      headers: projectHeaders(project, "client", { "access-token": user.accessToken }),
    });
    expectKnownError(response, "CANNOT_DELETE_CURRENT_SESSION", 400);
  });

  it("hides another user's session from a client trying to revoke it", async () => {
    const project = await createTestProject();
    const [alice, bob] = [await signUpWithPassword(project), await signUpWithPassword(project)];
    const bobs = await api(`/api/v1/auth/sessions?user_id=${bob.userId}`, { headers: projectHeaders(project, "server") });
    const response = await api(`/api/v1/auth/sessions/${bobs.body.items[0].id}`, {
      method: "DELETE",
      headers: projectHeaders(project, "client", { "access-token": alice.accessToken }),
    });
    expect(response.status).toBe(404);
    expect((await refresh(project.projectId, bob.refreshToken)).status).toBe(200);
  });

  it("lets a server open an impersonation session that only admins see listed", async () => {
    const project = await createTestProject();
    const user = await signUpWithPassword(project);
    const created = await api("/api/v1/auth/sessions", {
      headers: projectHeaders(project, "server"),
      body: { user_id: user.userId, is_impersonation: true, expires_in_millis: 3_600_000 },
    });
    expect(created.status).toBe(200);
    const me = await api("/api/v1/users/me", { headers: projectHeaders(project, "client", { "access-token": created.body.access_token }) });
    expect(me.body.id).toBe(user.userId);
    const asServer = await api(`/api/v1/auth/sessions?user_id=${user.userId}`, { headers: projectHeaders(project, "server") });
    const asAdmin = await api(`/api/v1/auth/sessions?user_id=${user.userId}`, { headers: projectHeaders(project, "admin") });
    expect(asServer.body.items).toHaveLength(1);
    expect(asAdmin.body.items).toHaveLength(2);
  });

  it("refuses a server session for an unknown user and from a client", async () => {
    const project = await createTestProject();
    const unknown = await api("/api/v1/auth/sessions", {
      headers: projectHeaders(project, "server"),
      body: { user_id: "0b8f1a2c-3d4e-4f50-8a6b-7c8d9e0f1a2b" },
    });
    expectKnownError(unknown, "USER_ID_DOES_NOT_EXIST", 400);
    const client = await api("/api/v1/auth/sessions", { headers: projectHeaders(project, "client"), body: { user_id: "me" } });
    expectKnownError(client, "INSUFFICIENT_ACCESS_TYPE", 401);
  });

  it("tells SDKs without a base URL where the API is", async () => {
    const response = await api("/api/v1/internal/backend-urls");
    expect(response.status).toBe(200);
    expect(response.body.urls).toEqual([expect.stringMatching(/^http:\/\/localhost:\d+$/)]);
  });
});
