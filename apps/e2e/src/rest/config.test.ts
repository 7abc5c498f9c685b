import { beforeAll, describe, expect, it } from "vitest";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders } from "../harness/rest";
import { levelOverride, patchOverride, renderedConfig, setEnvironmentConfig } from "./config-helpers";

let project: TestProject;
beforeAll(async () => {
  project = await createTestProject("Config endpoints");
});

const admin = () => projectHeaders(project, "admin");
const server = () => projectHeaders(project, "server");

describe("GET /internal/config", () => {
  it("is for admins only", async () => {
    for (const type of ["client", "server"] as const) {
      expectKnownError(await api("/api/v1/internal/config", { headers: projectHeaders(project, type) }), "INSUFFICIENT_ACCESS_TYPE", 401);
    }
  });

  it("renders a new project's settings over the defaults", async () => {
    const config = await renderedConfig(project);
    expect(config.auth).toMatchObject({
      allowSignUp: true,
      password: { allowSignIn: true },
      otp: { allowSignIn: false },
      passkey: { allowSignIn: false },
      oauth: { accountMergeStrategy: "link_method", providers: {} },
    });
    expect(config.domains).toEqual({ allowLocalhost: true, trustedDomains: {} });
    expect(config.teams).toEqual({ allowClientTeamCreation: false, createPersonalTeamOnSignUp: false });
    expect(config.users).toEqual({ allowClientUserDeletion: false });
    expect(config.apps.installed).toMatchObject({ authentication: { enabled: true }, emails: { enabled: true } });
  });
});

describe("override levels", () => {
  it("keeps each level apart, the environment winning over the branch", async () => {
    const target = await createTestProject("Config levels");
    expect((await patchOverride(target, "branch", { "teams.allowClientTeamCreation": true, "users.allowClientUserDeletion": true })).body).toEqual({ success: true });
    await setEnvironmentConfig(target, { "users.allowClientUserDeletion": false });
    const config = await renderedConfig(target);
    expect(config.teams.allowClientTeamCreation).toBe(true);
    expect(config.users.allowClientUserDeletion).toBe(false);
    expect(await levelOverride(target, "branch")).toEqual({ "teams.allowClientTeamCreation": true, "users.allowClientUserDeletion": true });
    expect(await levelOverride(target, "environment")).toMatchObject({ "users.allowClientUserDeletion": false });
    expect(await levelOverride(target, "environment")).not.toHaveProperty("teams.allowClientTeamCreation");
  });

  it("sets the project level's own settings", async () => {
    const target = await createTestProject("Project level");
    expect((await patchOverride(target, "project", { "project.requirePublishableClientKey": true })).status).toBe(200);
    expect((await renderedConfig(target)).project.requirePublishableClientKey).toBe(true);
    expect(await levelOverride(target, "project")).toEqual({ "project.requirePublishableClientKey": true });
  });

  it("merges nested and dotted patches into the keys already set", async () => {
    const target = await createTestProject("Nested patches");
    await setEnvironmentConfig(target, { domains: { trustedDomains: { one: { baseUrl: "https://one.example", handlerPath: "/auth" } } } });
    await setEnvironmentConfig(target, { "domains.trustedDomains.one.handlerPath": "/handler", "domains.allowLocalhost": false });
    expect((await renderedConfig(target)).domains).toEqual({ allowLocalhost: false, trustedDomains: { one: { baseUrl: "https://one.example", handlerPath: "/handler" } } });
  });

  it("adds, changes and removes a provider across the branch and environment levels", async () => {
    const target = await createTestProject("Providers");
    await patchOverride(target, "branch", { "auth.oauth.providers.google": { type: "google", allowSignIn: true, allowConnectedAccounts: true } });
    await setEnvironmentConfig(target, { "auth.oauth.providers.google.isShared": false, "auth.oauth.providers.google.clientId": "cid", "auth.oauth.providers.google.clientSecret": "secret" });
    await patchOverride(target, "branch", { "auth.oauth.providers.github": { type: "github", allowSignIn: true } });
    let providers = (await renderedConfig(target)).auth.oauth.providers;
    expect(providers.google).toMatchObject({ type: "google", isShared: false, clientId: "cid", clientSecret: "secret", allowSignIn: true, allowConnectedAccounts: true });
    expect(providers.github).toMatchObject({ type: "github", isShared: true, allowSignIn: true, allowConnectedAccounts: false });

    await patchOverride(target, "branch", { "auth.oauth.providers.github": null });
    providers = (await renderedConfig(target)).auth.oauth.providers;
    expect(providers.github).toBeUndefined();
    expect(providers.google.clientId).toBe("cid");
  });

  it("replaces a level with PUT, and resets single keys", async () => {
    const target = await createTestProject("PUT and reset");
    await setEnvironmentConfig(target, { "teams.allowClientTeamCreation": true, "users.allowClientUserDeletion": true });
    const put = await api("/api/v1/internal/config/override/environment", { method: "PUT", headers: projectHeaders(target, "admin"), body: { config_string: JSON.stringify({ "auth.passkey.allowSignIn": true }) } });
    expect(put.body).toEqual({ success: true });
    expect(await levelOverride(target, "environment")).toEqual({ "auth.passkey.allowSignIn": true });
    const config = await renderedConfig(target);
    expect(config.teams.allowClientTeamCreation).toBe(false);
    expect(config.auth.password.allowSignIn).toBe(false);

    const reset = await api("/api/v1/internal/config/override/environment/reset-keys", { headers: projectHeaders(target, "admin"), body: { keys: ["auth.passkey"] } });
    expect(reset.body).toEqual({ success: true });
    expect(await levelOverride(target, "environment")).toEqual({});
  });
});

describe("the branch config's source", () => {
  const github = { type: "pushed-from-github", owner: "acme", repo: "app", branch: "main", commit_hash: "abc123", config_file_path: "hexclave.config.ts" };

  it("starts unlinked, follows each push, survives patches and unlinks keeping the values", async () => {
    const target = await createTestProject("Config source");
    const source = async () => (await api("/api/v1/internal/config/source", { headers: projectHeaders(target, "admin") })).body.source;
    expect(await source()).toEqual({ type: "unlinked" });
    const put = await api("/api/v1/internal/config/override/branch", { method: "PUT", headers: projectHeaders(target, "admin"), body: { config_string: '{"teams.allowClientTeamCreation": true}', source: github } });
    expect(put.status).toBe(200);
    expect(await source()).toEqual(github);
    await patchOverride(target, "branch", { "teams.createPersonalTeamOnSignUp": true });
    expect(await source()).toEqual(github);

    expect((await api("/api/v1/internal/config/source", { method: "DELETE", headers: projectHeaders(target, "admin") })).body).toEqual({ success: true });
    expect(await source()).toEqual({ type: "unlinked" });
    expect(await levelOverride(target, "branch")).toEqual({ "teams.allowClientTeamCreation": true, "teams.createPersonalTeamOnSignUp": true });
  });

  it("is required when the branch level is replaced", async () => {
    const response = await api("/api/v1/internal/config/override/branch", { method: "PUT", headers: admin(), body: { config_string: "{}" } });
    expect(response.status).toBe(400);
    expect(response.text).toContain("source is required");
  });
});

describe("server keys", () => {
  it("read and write the branch level only", async () => {
    expect((await api("/api/v1/internal/config/override/branch", { headers: server() })).status).toBe(200);
    expect((await api("/api/v1/internal/config/override/branch", { method: "PATCH", headers: server(), body: { config_override_string: "{}" } })).status).toBe(200);
    for (const level of ["project", "environment"]) {
      const response = await api(`/api/v1/internal/config/override/${level}`, { method: "PATCH", headers: server(), body: { config_override_string: "{}" } });
      expect(response.status).toBe(403);
      expect(typeof response.body).toBe("string");
    }
    expectKnownError(await api("/api/v1/internal/config/override/environment/reset-keys", { headers: server(), body: { keys: [] } }), "INSUFFICIENT_ACCESS_TYPE", 401);
    expectKnownError(await api("/api/v1/internal/config/override/branch", { headers: projectHeaders(project, "client") }), "INSUFFICIENT_ACCESS_TYPE", 401);
  });
});

describe("bad input changes nothing", () => {
  const attempts: [string, () => Promise<{ status: number; text: string; body: any }>, string?][] = [
    ["invalid JSON", () => patchOverride(project, "environment", "{ invalid json }"), "Invalid config JSON"],
    ["a JSON array", () => patchOverride(project, "environment", "[]")],
    ["an unknown key", () => patchOverride(project, "environment", { nonExistentField: "x" }), "nonExistentField"],
    ["an unknown nested key", () => patchOverride(project, "environment", { teams: { unknownSetting: true } }), "teams.unknownSetting"],
    ["a wrong type", () => patchOverride(project, "environment", { "auth.allowSignUp": "yes" }), "auth.allowSignUp"],
    ["an unknown provider type", () => patchOverride(project, "branch", { "auth.oauth.providers.p1": { type: "myspace" } })],
    ["an environment setting on the branch", () => patchOverride(project, "branch", { "domains.trustedDomains.d": { baseUrl: "https://d.example" } }), "domains.trustedDomains"],
    ["the email server on the branch", () => patchOverride(project, "branch", { "emails.server": { isShared: true } }), "emails.server"],
    ["OAuth secrets on the branch", () => patchOverride(project, "branch", { "auth.oauth.providers.google": { type: "google", clientSecret: "s" } }), "auth.oauth.providers"],
    ["a branch setting on the project level", () => patchOverride(project, "project", { "auth.allowSignUp": false })],
    ["own credentials missing", () => patchOverride(project, "environment", { "auth.oauth.providers.google": { type: "google", isShared: false } })],
    ["an unknown email theme", () => patchOverride(project, "environment", { "emails.selectedThemeId": "not-a-theme" })],
    ["invalid JSON on PUT", () => api("/api/v1/internal/config/override/environment", { method: "PUT", headers: admin(), body: { config_string: "not json" } }), "Invalid config JSON"],
  ];

  for (const [name, attempt, mentions] of attempts) {
    it(`refuses ${name} with a plain-text 400`, async () => {
      const before = await Promise.all([renderedConfig(project), levelOverride(project, "branch"), levelOverride(project, "environment")]);
      const response = await attempt();
      expect(response.status).toBe(400);
      expect(typeof response.body).toBe("string");
      if (mentions) expect(response.text).toContain(mentions);
      expect(await Promise.all([renderedConfig(project), levelOverride(project, "branch"), levelOverride(project, "environment")])).toEqual(before);
    });
  }

  it("refuses a source of the wrong shape and an unknown level with SCHEMA_ERROR", async () => {
    const before = await levelOverride(project, "branch");
    for (const source of [{ type: "invalid-type" }, { type: "pushed-from-github", owner: "acme" }, "unlinked"]) {
      expectKnownError(await api("/api/v1/internal/config/override/branch", { method: "PUT", headers: admin(), body: { config_string: "{}", source } }), "SCHEMA_ERROR", 400);
    }
    expectKnownError(await api("/api/v1/internal/config/override/organization", { method: "PATCH", headers: admin(), body: { config_override_string: "{}" } }), "SCHEMA_ERROR", 400);
    expectKnownError(await api("/api/v1/internal/config/override/environment", { method: "PATCH", headers: admin(), body: { config_override_string: {} } }), "SCHEMA_ERROR", 400);
    expect(await levelOverride(project, "branch")).toEqual(before);
  });
});

describe("the legacy project config", () => {
  it("writes the environment level, and reads what the config endpoints set", async () => {
    const target = await createTestProject("Legacy mapping");
    const patched = await api("/api/v1/internal/projects/current", { method: "PATCH", headers: projectHeaders(target, "admin"), body: { config: { magic_link_enabled: true, domains: [{ domain: "https://legacy.example", handler_path: "/handler" }] } } });
    expect(patched.status).toBe(200);
    const config = await renderedConfig(target);
    expect(config.auth.otp.allowSignIn).toBe(true);
    expect(Object.values(config.domains.trustedDomains)).toEqual([{ baseUrl: "https://legacy.example", handlerPath: "/handler" }]);
    expect(await levelOverride(target, "environment")).toHaveProperty("auth.otp.allowSignIn", true);

    await setEnvironmentConfig(target, { "auth.otp.allowSignIn": false, "teams.createPersonalTeamOnSignUp": true });
    const project = (await api("/api/v1/internal/projects/current", { headers: projectHeaders(target, "admin") })).body;
    expect(project.config).toMatchObject({ magic_link_enabled: false, create_team_on_sign_up: true, domains: [{ domain: "https://legacy.example", handler_path: "/handler" }] });
  });
});
