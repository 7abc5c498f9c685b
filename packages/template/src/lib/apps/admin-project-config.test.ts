import { BASE_URL, PROJECT_ID, type Reply, adminProjectJson, fakeFetch, ok, requestOf } from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { pushedConfigSourceFromJson, pushedConfigSourceToJson } from "../objects/config.js";
import { HexclaveAdminApp } from "../public-api.js";

const GITHUB_SOURCE = { type: "pushed-from-github", owner: "acme", repo: "app", branch: "main", commitHash: "abc123", configFilePath: "hexclave.config.ts" } as const;
const GITHUB_JSON = { type: "pushed-from-github", owner: "acme", repo: "app", branch: "main", commit_hash: "abc123", config_file_path: "hexclave.config.ts" } as const;
const success = () => ok({ success: true });

async function adminProject(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(ok(adminProjectJson()), ...replies);
  const app = new HexclaveAdminApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk", superSecretAdminKey: "sak", tokenStore: null, fetch });
  const project = await app.getProject();
  calls.splice(0);
  return { project, requests: () => calls.map(requestOf) };
}

describe("pushed config sources", () => {
  it("spells a GitHub source in snake case on the wire and back", () => {
    expect(pushedConfigSourceToJson(GITHUB_SOURCE)).toEqual(GITHUB_JSON);
    expect(pushedConfigSourceFromJson(GITHUB_JSON)).toEqual(GITHUB_SOURCE);
  });

  it("carries a workflow path only when there is one", () => {
    expect(pushedConfigSourceToJson({ ...GITHUB_SOURCE, workflowPath: ".github/workflows/push.yml" })).toEqual({ ...GITHUB_JSON, workflow_path: ".github/workflows/push.yml" });
    expect(Object.keys(pushedConfigSourceFromJson(GITHUB_JSON))).not.toContain("workflowPath");
  });

  it.each(["pushed-from-unknown", "unlinked"] as const)("passes a %s source through as its type alone", (type) => {
    expect(pushedConfigSourceToJson({ type })).toEqual({ type });
    expect(pushedConfigSourceFromJson({ type })).toEqual({ type });
  });
});

describe("the admin project's config methods", () => {
  it("parses the effective config and refuses one that is not an object", async () => {
    const { project } = await adminProject(ok({ config_string: '{"teams":{"allowClientTeamCreation":true}}' }), ok({ config_string: "[]" }));
    expect(await project.getConfig()).toEqual({ teams: { allowClientTeamCreation: true } });
    await expect(project.getConfig()).rejects.toThrow("not a JSON object");
  });

  it("writes updateConfig to the environment level and updatePushedConfig to the branch level", async () => {
    const { project, requests } = await adminProject(success(), success());
    await project.updateConfig({ "teams.allowClientTeamCreation": true });
    await project.updatePushedConfig({ "users.allowClientUserDeletion": true });
    expect(requests()).toEqual([
      { method: "PATCH", path: "/internal/config/override/environment", body: { config_override_string: '{"teams.allowClientTeamCreation":true}' }, accessType: "admin" },
      { method: "PATCH", path: "/internal/config/override/branch", body: { config_override_string: '{"users.allowClientUserDeletion":true}' }, accessType: "admin" },
    ]);
  });

  it("pushes the branch level with its source in the wire spelling, and reads the source back", async () => {
    const { project, requests } = await adminProject(success(), ok({ source: GITHUB_JSON }));
    await project.pushConfig({ "auth.allowSignUp": false }, { source: GITHUB_SOURCE });
    expect(await project.getPushedConfigSource()).toEqual(GITHUB_SOURCE);
    expect(requests()[0]).toEqual({
      method: "PUT",
      path: "/internal/config/override/branch",
      body: { config_string: '{"auth.allowSignUp":false}', source: GITHUB_JSON },
      accessType: "admin",
    });
  });

  it("keeps the branch level's current source when the level is replaced", async () => {
    const { project, requests } = await adminProject(ok({ source: GITHUB_JSON }), success(), success());
    await project.replaceConfigOverride("branch", {});
    await project.replaceConfigOverride("environment", { "teams.allowClientTeamCreation": false });
    expect(requests()).toEqual([
      { method: "GET", path: "/internal/config/source", body: undefined, accessType: "admin" },
      { method: "PUT", path: "/internal/config/override/branch", body: { config_string: "{}", source: GITHUB_JSON }, accessType: "admin" },
      { method: "PUT", path: "/internal/config/override/environment", body: { config_string: '{"teams.allowClientTeamCreation":false}' }, accessType: "admin" },
    ]);
  });

  it("reads one level's override and resets keys of it", async () => {
    const { project, requests } = await adminProject(ok({ config_string: '{"teams.allowClientTeamCreation":true}' }), success());
    expect(await project.getConfigOverride("branch")).toEqual({ "teams.allowClientTeamCreation": true });
    await project.resetConfigOverrideKeys("branch", ["teams"]);
    expect(requests()[1]).toEqual({ method: "POST", path: "/internal/config/override/branch/reset-keys", body: { keys: ["teams"] }, accessType: "admin" });
  });
});

describe("the admin project's update", () => {
  it("writes requirePublishableClientKey to the project level only", async () => {
    const { project, requests } = await adminProject(success());
    await project.update({ requirePublishableClientKey: true });
    expect(requests()).toEqual([
      { method: "PATCH", path: "/internal/config/override/project", body: { config_override_string: '{"project.requirePublishableClientKey":true}' }, accessType: "admin" },
    ]);
  });

  it("patches the project first when project fields change too", async () => {
    const { project, requests } = await adminProject(ok(adminProjectJson({ display_name: "Renamed" })), success());
    await project.update({ displayName: "Renamed", requirePublishableClientKey: false });
    expect(requests().map(({ method, path }) => `${method} ${path}`)).toEqual(["PATCH /internal/projects/current", "PATCH /internal/config/override/project"]);
    expect(requests()[0]?.body).toEqual({ display_name: "Renamed" });
  });
});
