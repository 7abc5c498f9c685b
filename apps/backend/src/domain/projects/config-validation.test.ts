import { describe, expect, it } from "vitest";
import { renderConfig } from "./config";
import { parseConfigJson, permissionCycle, validateOverride, validateRenderedConfig } from "./config-validation";

const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return { status: (error as { status?: number }).status, message: (error as Error).message };
  }
  return null;
};

describe("validateOverride", () => {
  it("accepts settings of the level and of the levels below it", () => {
    expect(refusal(() => validateOverride("environment", { "teams.allowClientTeamCreation": true, "domains.trustedDomains.a": { baseUrl: "https://a.example" } }))).toBeNull();
    expect(refusal(() => validateOverride("branch", { "auth.oauth.providers.google": { type: "google", allowSignIn: true } }))).toBeNull();
    expect(refusal(() => validateOverride("project", { "project.requirePublishableClientKey": true, sourceOfTruth: { type: "hosted" } }))).toBeNull();
  });

  it("refuses an unknown key with a 400 that names it", () => {
    expect(refusal(() => validateOverride("environment", { nonExistentField: 1 }))).toMatchObject({ status: 400, message: expect.stringContaining('"nonExistentField"') });
    expect(refusal(() => validateOverride("environment", { teams: { nope: true } }))).toMatchObject({ status: 400, message: expect.stringContaining("teams.nope") });
    expect(refusal(() => validateOverride("environment", { "auth.allowSignUp.deeper": true }))).toMatchObject({ status: 400 });
  });

  it("refuses a wrong type", () => {
    expect(refusal(() => validateOverride("environment", { "auth.allowSignUp": "yes" }))).toMatchObject({ status: 400, message: expect.stringContaining("auth.allowSignUp") });
    expect(refusal(() => validateOverride("branch", { "auth.oauth.providers.x1": { type: "myspace" } }))).toMatchObject({ status: 400 });
    expect(refusal(() => validateOverride("environment", { "emails.selectedThemeId": "no-such-theme" }))).toMatchObject({ status: 400 });
  });

  it("refuses environment settings on the branch level and branch settings on the project level", () => {
    expect(refusal(() => validateOverride("branch", { "domains.trustedDomains.a": { baseUrl: "https://a.example" } }))).toMatchObject({
      status: 400,
      message: expect.stringContaining("environment"),
    });
    expect(refusal(() => validateOverride("branch", { "auth.oauth.providers.google": { type: "google", clientSecret: "s" } }))).toMatchObject({
      message: expect.stringContaining("auth.oauth.providers.google.clientSecret"),
    });
    expect(refusal(() => validateOverride("project", { "auth.allowSignUp": false }))).toMatchObject({ status: 400 });
    expect(refusal(() => validateOverride("branch", { sourceOfTruth: { type: "hosted" } }))).toMatchObject({ status: 400 });
  });

  it("accepts null only for a map entry", () => {
    expect(refusal(() => validateOverride("branch", { "auth.oauth.providers.github": null }))).toBeNull();
    expect(refusal(() => validateOverride("branch", { "auth.allowSignUp": null }))).toMatchObject({ status: 400 });
  });

  it("refuses map ids outside the id rule, prototype keys included", () => {
    expect(refusal(() => validateOverride("branch", { "auth.oauth.providers.Bad-Id": { type: "google" } }))).toMatchObject({ status: 400 });
    expect(refusal(() => validateOverride("branch", { "auth.oauth.providers.__proto__": { type: "google" } }))).toMatchObject({ status: 400 });
  });
});

describe("parseConfigJson", () => {
  it("refuses text that is not a JSON object", () => {
    expect(refusal(() => parseConfigJson("{ invalid json }"))).toMatchObject({ status: 400, message: expect.stringContaining("Invalid config JSON") });
    expect(refusal(() => parseConfigJson("[1]"))).toMatchObject({ status: 400 });
    expect(parseConfigJson('{"a.b": 1}')).toEqual({ "a.b": 1 });
  });
});

describe("validateRenderedConfig", () => {
  it("requires credentials of a provider that does not use shared keys", () => {
    const config = renderConfig({}, { "auth.oauth.providers.google": { type: "google" } }, { "auth.oauth.providers.google.isShared": false });
    expect(refusal(() => validateRenderedConfig(config))).toMatchObject({ status: 400 });
  });
});

describe("permissionCycle", () => {
  const permissions = (edges: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(edges).map(([id, contained]) => [id, { containedPermissionIds: Object.fromEntries(contained.map((c) => [c, true])) }]));

  it("finds none in nested permissions", () => {
    expect(permissionCycle(permissions({ admin: ["editor"], editor: ["viewer"], viewer: [] }))).toBeNull();
  });

  it("names the loop of a permission that leads back to itself", () => {
    expect(permissionCycle(permissions({ a: ["b"], b: ["c"], c: ["a"] }))).toEqual(["a", "b", "c", "a"]);
    expect(permissionCycle(permissions({ self: ["self"] }))).toEqual(["self", "self"]);
  });

  it("ignores contained ids switched off", () => {
    expect(permissionCycle({ a: { containedPermissionIds: { b: true } }, b: { containedPermissionIds: { a: false } } })).toBeNull();
  });
});
