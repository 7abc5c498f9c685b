import { describe, expect, it } from "vitest";
import { testEnv } from "../harness/rest";
import { ALL_SDKS, type StackSdk } from "./clients";
import { createProjectThroughSdk } from "./sdk-project";

const GITHUB_SOURCE = {
  type: "pushed-from-github",
  owner: "acme",
  repo: "storefront",
  branch: "main",
  commitHash: "4f2a9c1",
  configFilePath: "hexclave.config.ts",
};

// Both published versions were read before writing this: each has every method below, so no step is skipped.
const CONFIG_METHODS = [
  "getConfig",
  "updateConfig",
  "pushConfig",
  "updatePushedConfig",
  "getPushedConfigSource",
  "unlinkPushedConfigSource",
  "resetConfigOverrideKeys",
  "getConfigOverride",
  "replaceConfigOverride",
];

async function setUp(sdk: StackSdk) {
  const { project, keys } = await createProjectThroughSdk(sdk);
  const options = { baseUrl: testEnv().backendUrl, projectId: project.id, publishableClientKey: keys.publishableClientKey, tokenStore: "memory" };
  const admin = new sdk.StackAdminApp({ ...options, secretServerKey: keys.secretServerKey, superSecretAdminKey: keys.superSecretAdminKey });
  const client = new sdk.StackClientApp(options);
  return { admin, client, adminProject: await admin.getProject() };
}

describe.each(ALL_SDKS)("$name: the admin project's config", ({ sdk }) => {
  it("has every config method", async () => {
    const { adminProject } = await setUp(sdk);
    for (const method of CONFIG_METHODS) expect(typeof adminProject[method], method).toBe("function");
  });

  it("shows the defaults, and an environment change in the config and the client's project", async () => {
    const { client, adminProject } = await setUp(sdk);
    const defaults = await adminProject.getConfig();
    expect(defaults.teams).toEqual({ allowClientTeamCreation: false, createPersonalTeamOnSignUp: false });
    expect(defaults.users).toEqual({ allowClientUserDeletion: false });
    expect(defaults.project).toEqual({ requirePublishableClientKey: false });
    expect(defaults.auth).toMatchObject({ allowSignUp: true, password: { allowSignIn: true } });
    expect((await client.getProject()).config.clientTeamCreationEnabled).toBe(false);

    await adminProject.updateConfig({ "teams.allowClientTeamCreation": true });
    expect((await adminProject.getConfig()).teams.allowClientTeamCreation).toBe(true);
    expect(await adminProject.getConfigOverride("environment")).toMatchObject({ "teams.allowClientTeamCreation": true });
    expect((await client.getProject()).config.clientTeamCreationEnabled).toBe(true);
  });

  it("pushes a config with its source, patches it, resets keys and unlinks it", async () => {
    const { adminProject } = await setUp(sdk);
    expect(await adminProject.getPushedConfigSource()).toEqual({ type: "unlinked" });
    await adminProject.pushConfig({ "teams.allowClientTeamCreation": true, "users.allowClientUserDeletion": true }, { source: GITHUB_SOURCE });
    expect(await adminProject.getPushedConfigSource()).toEqual(GITHUB_SOURCE);
    expect(await adminProject.getConfigOverride("branch")).toEqual({ "teams.allowClientTeamCreation": true, "users.allowClientUserDeletion": true });

    await adminProject.updatePushedConfig({ "teams.createPersonalTeamOnSignUp": true });
    expect(await adminProject.getPushedConfigSource()).toEqual(GITHUB_SOURCE);
    expect((await adminProject.getConfig()).teams).toEqual({ allowClientTeamCreation: true, createPersonalTeamOnSignUp: true });

    // The environment wins over the branch until its key is reset, then the pushed value shows through again.
    await adminProject.updateConfig({ "teams.allowClientTeamCreation": false });
    expect((await adminProject.getConfig()).teams.allowClientTeamCreation).toBe(false);
    await adminProject.resetConfigOverrideKeys("environment", ["teams.allowClientTeamCreation"]);
    expect((await adminProject.getConfig()).teams.allowClientTeamCreation).toBe(true);
    await adminProject.resetConfigOverrideKeys("branch", ["users"]);
    expect(await adminProject.getConfigOverride("branch")).not.toHaveProperty(["users.allowClientUserDeletion"]);
    expect((await adminProject.getConfig()).users.allowClientUserDeletion).toBe(false);

    await adminProject.unlinkPushedConfigSource();
    expect(await adminProject.getPushedConfigSource()).toEqual({ type: "unlinked" });
    expect(await adminProject.getConfigOverride("branch")).toEqual({ "teams.allowClientTeamCreation": true, "teams.createPersonalTeamOnSignUp": true });
  });

  it("replaces a level, the branch keeping its source", async () => {
    const { adminProject } = await setUp(sdk);
    await adminProject.pushConfig({ "teams.allowClientTeamCreation": true }, { source: { type: "pushed-from-unknown" } });
    await adminProject.replaceConfigOverride("branch", { "users.allowClientUserDeletion": true });
    expect(await adminProject.getPushedConfigSource()).toEqual({ type: "pushed-from-unknown" });
    expect(await adminProject.getConfigOverride("branch")).toEqual({ "users.allowClientUserDeletion": true });
    expect((await adminProject.getConfig()).teams.allowClientTeamCreation).toBe(false);
  });

  it("writes requirePublishableClientKey to the project level through update()", async () => {
    const { admin, adminProject } = await setUp(sdk);
    await adminProject.update({ requirePublishableClientKey: true });
    expect((await adminProject.getConfig()).project.requirePublishableClientKey).toBe(true);
    expect((await admin.getProject()).displayName).toBe("SDK project");
  });
});
