import { describe, expect, it } from "vitest";
import { api, createTestProject, expectKnownError, projectHeaders, signUpWithPassword, uniqueEmail } from "../harness/rest";
import { renderedConfig, setEnvironmentConfig } from "./config-helpers";

// Each key family, set through the environment override, read back from GET /internal/config, and seen in what it controls.
const signUp = (project: Parameters<typeof projectHeaders>[0], extra: Record<string, unknown> = {}) =>
  api("/api/v1/auth/password/sign-up", { headers: projectHeaders(project, "client"), body: { email: uniqueEmail(), password: "correct horse battery", ...extra } });

const userHeaders = (project: Parameters<typeof projectHeaders>[0], accessToken: string) => projectHeaders(project, "client", { "access-token": accessToken });

describe("config keys take effect", () => {
  it("auth methods: password sign-in, sign-up and sign-in codes", async () => {
    const project = await createTestProject("Config: auth methods");
    await setEnvironmentConfig(project, { "auth.allowSignUp": false });
    expect((await renderedConfig(project)).auth.allowSignUp).toBe(false);
    expectKnownError(await signUp(project), "SIGN_UP_NOT_ENABLED", 400);

    await setEnvironmentConfig(project, { "auth.allowSignUp": true, "auth.password.allowSignIn": false });
    expect((await renderedConfig(project)).auth.password.allowSignIn).toBe(false);
    expectKnownError(await signUp(project), "PASSWORD_AUTHENTICATION_NOT_ENABLED", 400);

    const sendCode = () => api("/api/v1/auth/otp/send-sign-in-code", { headers: projectHeaders(project, "client"), body: { email: uniqueEmail(), callback_url: "http://localhost:3000/handler/magic-link-callback" } });
    expect((await sendCode()).status).toBe(403);
    await setEnvironmentConfig(project, { "auth.otp.allowSignIn": true });
    expect((await sendCode()).status).toBe(200);
    const client = (await api("/api/v1/projects/current", { headers: projectHeaders(project, "client") })).body.config;
    expect(client).toMatchObject({ sign_up_enabled: true, credential_enabled: false, magic_link_enabled: true, passkey_enabled: false });
  });

  it("domains: trusted domains and localhost decide where links may point", async () => {
    const project = await createTestProject("Config: domains");
    const trusted = "https://app.trusted.example";
    expectKnownError(await signUp(project, { verification_callback_url: `${trusted}/verify` }), "REDIRECT_URL_NOT_WHITELISTED", 400);
    await setEnvironmentConfig(project, { "domains.trustedDomains.app": { baseUrl: trusted, handlerPath: "/auth" }, "domains.allowLocalhost": false });
    expect((await renderedConfig(project)).domains).toEqual({ allowLocalhost: false, trustedDomains: { app: { baseUrl: trusted, handlerPath: "/auth" } } });
    expect((await signUp(project, { verification_callback_url: `${trusted}/verify` })).status).toBe(200);
    expectKnownError(await signUp(project, { verification_callback_url: "http://localhost:3000/verify" }), "REDIRECT_URL_NOT_WHITELISTED", 400);
    const client = (await api("/api/v1/projects/current", { headers: projectHeaders(project, "client") })).body.config;
    expect(client).toMatchObject({ allow_localhost: false, domains: [{ domain: trusted, handler_path: "/auth" }] });
  });

  it("teams: a personal team on sign-up and team creation by clients", async () => {
    const project = await createTestProject("Config: teams");
    const before = await signUpWithPassword(project);
    expect((await api("/api/v1/teams", { headers: userHeaders(project, before.accessToken), body: { display_name: "Nope" } })).status).toBe(403);
    await setEnvironmentConfig(project, { "teams.allowClientTeamCreation": true, "teams.createPersonalTeamOnSignUp": true });
    expect((await renderedConfig(project)).teams).toEqual({ allowClientTeamCreation: true, createPersonalTeamOnSignUp: true });
    const after = await signUpWithPassword(project);
    const me = await api("/api/v1/users/me", { headers: userHeaders(project, after.accessToken) });
    expect(me.body.selected_team_id).toEqual(expect.any(String));
    expect((await api("/api/v1/teams", { headers: userHeaders(project, after.accessToken), body: { display_name: "Made by a client" } })).status).toBe(201);
  });

  it("RBAC defaults: a defined permission granted to every new user", async () => {
    const project = await createTestProject("Config: RBAC");
    await setEnvironmentConfig(project, {
      "rbac.permissions.reports_read": { description: "Read reports", scope: "project", containedPermissionIds: {} },
      "rbac.defaultPermissions.signUp": { reports_read: true },
    });
    expect((await renderedConfig(project)).rbac.defaultPermissions.signUp).toEqual({ reports_read: true });
    const user = await signUpWithPassword(project);
    const grants = await api(`/api/v1/project-permissions?user_id=${user.userId}`, { headers: projectHeaders(project, "server") });
    expect(grants.body.items).toEqual([{ id: "reports_read", user_id: user.userId }]);
    const admin = (await api("/api/v1/internal/projects/current", { headers: projectHeaders(project, "admin") })).body.config;
    expect(admin.user_default_permissions).toEqual([{ id: "reports_read" }]);
  });

  it("emails: the project's own server and its theme", async () => {
    const project = await createTestProject("Config: emails");
    const server = { isShared: false, provider: "smtp", host: "smtp.example.com", port: 587, username: "mailer", password: "smtp-secret", senderName: "Acme", senderEmail: "noreply@acme.example" };
    await setEnvironmentConfig(project, { "emails.server": server, "emails.selectedThemeId": "a0172b5d-cff0-463b-83bb-85124697373a" });
    expect((await renderedConfig(project)).emails).toEqual({ server, selectedThemeId: "a0172b5d-cff0-463b-83bb-85124697373a", securityNotifications: false });
    const admin = (await api("/api/v1/internal/projects/current", { headers: projectHeaders(project, "admin") })).body.config;
    expect(admin.email_config).toEqual({ type: "standard", host: "smtp.example.com", port: 587, username: "mailer", password: "smtp-secret", sender_name: "Acme", sender_email: "noreply@acme.example" });
    expect(admin.email_theme).toBe("a0172b5d-cff0-463b-83bb-85124697373a");
  });

  it("API keys and user deletion: what clients may do", async () => {
    const project = await createTestProject("Config: API keys");
    const user = await signUpWithPassword(project);
    const createKey = () => api("/api/v1/user-api-keys", { headers: userHeaders(project, user.accessToken), body: { user_id: "me", description: "ci", expires_at_millis: null } });
    expect((await createKey()).status).toBe(400);
    await setEnvironmentConfig(project, { "apiKeys.enabled.user": true, "users.allowClientUserDeletion": true });
    expect((await renderedConfig(project)).apiKeys.enabled).toEqual({ user: true, team: false });
    expect((await createKey()).status).toBe(200);
    expect((await api("/api/v1/users/me", { method: "DELETE", headers: userHeaders(project, user.accessToken) })).status).toBe(200);
  });

  it("project: publishable client keys become required", async () => {
    const project = await createTestProject("Config: project");
    const withoutKey = () => api("/api/v1/projects/current", { headers: { "x-hexclave-project-id": project.projectId, "x-hexclave-access-type": "client" } });
    expect((await withoutKey()).status).toBe(200);
    await setEnvironmentConfig(project, { "project.requirePublishableClientKey": true });
    expectKnownError(await withoutKey(), "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT", 401);
  });
});
