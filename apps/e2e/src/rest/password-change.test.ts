import { beforeAll, describe, expect, it } from "vitest";
import {
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  uniqueEmail,
} from "../harness/rest";

const NEW_PASSWORD = "a brand new passphrase";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Password changes");
});

const asUser = (user: SignedInUser, extra: Record<string, string> = {}) => projectHeaders(project, "client", { "access-token": user.accessToken, ...extra });

function signIn(email: string, password: string) {
  return api("/api/v1/auth/password/sign-in", { headers: projectHeaders(project, "client"), body: { email, password } });
}

async function secondSession(user: SignedInUser) {
  const response = await signIn(user.email, user.password);
  return response.body.refresh_token as string;
}

describe("POST /auth/password/update", () => {
  it("replaces the password: the old one stops working, the new one signs in", async () => {
    const user = await signUpWithPassword(project);
    const response = await api("/api/v1/auth/password/update", {
      headers: asUser(user, { "refresh-token": user.refreshToken }),
      body: { old_password: user.password, new_password: NEW_PASSWORD },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true });
    expectKnownError(await signIn(user.email, user.password), "EMAIL_PASSWORD_MISMATCH", 400);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("ends every other session of the user and keeps the one in x-hexclave-refresh-token", async () => {
    const user = await signUpWithPassword(project);
    const other = await secondSession(user);
    await api("/api/v1/auth/password/update", {
      headers: asUser(user, { "refresh-token": user.refreshToken }),
      body: { old_password: user.password, new_password: NEW_PASSWORD },
    });
    expect((await refreshWithOAuth(project.projectId, user.refreshToken)).status).toBe(200);
    expectKnownError(await refreshWithOAuth(project.projectId, other), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("ends every session when no refresh token is sent", async () => {
    const user = await signUpWithPassword(project);
    await api("/api/v1/auth/password/update", { headers: asUser(user), body: { old_password: user.password, new_password: NEW_PASSWORD } });
    expectKnownError(await refreshWithOAuth(project.projectId, user.refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await signUpWithPassword(project);
    const other = await secondSession(user);
    const response = await api("/api/v1/auth/password/update", {
      headers: asUser(user),
      body: { old_password: "not the password", new_password: NEW_PASSWORD },
    });
    expectKnownError(response, "PASSWORD_CONFIRMATION_MISMATCH", 400);
    expect((await signIn(user.email, user.password)).status).toBe(200);
    expect((await refreshWithOAuth(project.projectId, other)).status).toBe(200);
  });

  it("refuses a new password that is too short", async () => {
    const user = await signUpWithPassword(project);
    const response = await api("/api/v1/auth/password/update", { headers: asUser(user), body: { old_password: user.password, new_password: "short" } });
    expectKnownError(response, "PASSWORD_TOO_SHORT", 400);
    expect((await signIn(user.email, user.password)).status).toBe(200);
  });

  it("says an account without a password has none", async () => {
    const created = await api("/api/v1/users", {
      headers: projectHeaders(project, "server"),
      body: { primary_email: uniqueEmail("nopassword"), primary_email_auth_enabled: true },
    });
    const session = await api("/api/v1/auth/sessions", { headers: projectHeaders(project, "server"), body: { user_id: created.body.id } });
    const response = await api("/api/v1/auth/password/update", {
      headers: projectHeaders(project, "client", { "access-token": session.body.access_token }),
      body: { old_password: "anything at all", new_password: NEW_PASSWORD },
    });
    expectKnownError(response, "USER_DOES_NOT_HAVE_PASSWORD", 400);
  });

  it("needs a signed-in user", async () => {
    const response = await api("/api/v1/auth/password/update", {
      headers: projectHeaders(project, "client"),
      body: { old_password: "whatever it is", new_password: NEW_PASSWORD },
    });
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.error).toContain("auth.user must be defined");
  });
});

describe("POST /auth/password/set", () => {
  it("gives a password to an account without one, which can then sign in with it", async () => {
    const email = uniqueEmail("setpassword");
    const created = await api("/api/v1/users", { headers: projectHeaders(project, "server"), body: { primary_email: email, primary_email_auth_enabled: true } });
    const session = await api("/api/v1/auth/sessions", { headers: projectHeaders(project, "server"), body: { user_id: created.body.id } });
    const headers = projectHeaders(project, "client", { "access-token": session.body.access_token });
    const response = await api("/api/v1/auth/password/set", { headers, body: { password: NEW_PASSWORD } });
    expect(response.body).toEqual({ success: true });
    expect((await api("/api/v1/users/me", { headers })).body.has_password).toBe(true);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    // Setting a password revokes nothing.
    expect((await refreshWithOAuth(project.projectId, session.body.refresh_token)).status).toBe(200);
  });

  it("refuses an account that already has a password, in plain text", async () => {
    const user = await signUpWithPassword(project);
    const response = await api("/api/v1/auth/password/set", { headers: asUser(user), body: { password: NEW_PASSWORD } });
    expect(response.status).toBe(400);
    expect(response.text).toBe("User already has a password set.");
    expect((await signIn(user.email, user.password)).status).toBe(200);
  });
});

// AU-07: the password change is itself the re-authentication (it requires old_password), so Stack Auth's codes
// for it apply: SCHEMA_ERROR without it, PASSWORD_CONFIRMATION_MISMATCH when wrong.
describe("changing a password without the current one (AU-07)", () => {
  it("refuses /auth/password/update without old_password, and the password stays", async () => {
    const user = await signUpWithPassword(project);
    const response = await api("/api/v1/auth/password/update", { headers: asUser(user), body: { new_password: NEW_PASSWORD } });
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.error).toContain("body.old_password must be defined");
    expect((await signIn(user.email, user.password)).status).toBe(200);
    expectKnownError(await signIn(user.email, NEW_PASSWORD), "EMAIL_PASSWORD_MISMATCH", 400);
  });

  it("gives a signed-in client no other way: PATCH /users/me refuses password and password_hash", async () => {
    const user = await signUpWithPassword(project);
    for (const body of [{ password: NEW_PASSWORD }, { password_hash: "$2a$10$CwTycUXWue0Thq9StjUM0uJ8.Fp5Q3Yd6kq6X1.4W0lK6qkq2Q1y." }, { password: null }]) {
      const response = await api("/api/v1/users/me", { method: "PATCH", headers: asUser(user), body });
      expectKnownError(response, "SCHEMA_ERROR", 400);
    }
    expect((await signIn(user.email, user.password)).status).toBe(200);
    expect((await api("/api/v1/users/me", { headers: asUser(user) })).body.has_password).toBe(true);
  });

  it("does not let /auth/password/set replace an existing password", async () => {
    const user = await signUpWithPassword(project);
    expect((await api("/api/v1/auth/password/set", { headers: asUser(user), body: { password: NEW_PASSWORD } })).status).toBe(400);
    expectKnownError(await signIn(user.email, NEW_PASSWORD), "EMAIL_PASSWORD_MISMATCH", 400);
  });
});
