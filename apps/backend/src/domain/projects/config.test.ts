import { describe, expect, it } from "vitest";
import { DEFAULT_EMAIL_THEME_ID } from "../emails/templates/themes";
import { flattenOverride, mergeOverride, removeOverrideKeys, renderConfig } from "./config";

describe("renderConfig", () => {
  it("returns the defaults for an empty override", () => {
    const config = renderConfig({});
    expect(config.auth.allowSignUp).toBe(true);
    expect(config.auth.password.allowSignIn).toBe(false);
    expect(config.emails.selectedThemeId).toBe(DEFAULT_EMAIL_THEME_ID);
    expect(config.sourceOfTruth).toEqual({ type: "hosted" });
  });

  it("applies dot-notation keys", () => {
    const config = renderConfig({ "auth.password.allowSignIn": true, "teams.allowClientTeamCreation": true });
    expect(config.auth.password.allowSignIn).toBe(true);
    expect(config.teams.allowClientTeamCreation).toBe(true);
    expect(config.auth.otp.allowSignIn).toBe(false);
  });

  it("lays the levels on in order, later levels winning", () => {
    const config = renderConfig({ "project.requirePublishableClientKey": true }, { "teams.allowClientTeamCreation": true }, { "teams.allowClientTeamCreation": false });
    expect(config.project.requirePublishableClientKey).toBe(true);
    expect(config.teams.allowClientTeamCreation).toBe(false);
  });

  it("merges a provider's fields across levels and fills in the entry's defaults", () => {
    const config = renderConfig(
      {},
      { "auth.oauth.providers.google": { type: "google", allowSignIn: true } },
      { "auth.oauth.providers.google.isShared": false, "auth.oauth.providers.google.clientId": "id" },
    );
    expect(config.auth.oauth.providers.google).toEqual({
      type: "google", allowSignIn: true, allowConnectedAccounts: false, isShared: false, clientId: "id", appleBundles: {},
    });
  });

  it("removes a map entry set to null", () => {
    const config = renderConfig({ "domains.trustedDomains.a": { baseUrl: "https://a.example" } }, { "domains.trustedDomains.a": null });
    expect(config.domains.trustedDomains).toEqual({});
  });

  // A dotted key cannot bring a map entry into being, so a half-written entry never appears.
  it("ignores a dotted key whose parent entry does not exist", () => {
    const config = renderConfig({ "domains.trustedDomains.a.baseUrl": "https://a.example" });
    expect(config.domains.trustedDomains).toEqual({});
  });

  it("replaces a map set as a whole", () => {
    const override = mergeOverride(
      { "domains.trustedDomains.a": { baseUrl: "https://a.example" } },
      { "domains.trustedDomains": { b: { baseUrl: "https://b.example", handlerPath: "/handler" } } },
    );
    expect(Object.keys(renderConfig(override).domains.trustedDomains)).toEqual(["b"]);
  });

  it("never writes through a prototype key", () => {
    renderConfig({ "__proto__.polluted": true, "auth.oauth.providers.__proto__": { type: "google" } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("override editing", () => {
  it("flattens nested objects down to the maps, which stay whole", () => {
    expect(flattenOverride({ teams: { allowClientTeamCreation: true }, domains: { trustedDomains: { a: { baseUrl: "https://a.example" } } } })).toEqual({
      "teams.allowClientTeamCreation": true,
      "domains.trustedDomains": { a: { baseUrl: "https://a.example" } },
    });
  });

  it("keeps the keys a patch does not name, and moves a re-set key after the others", () => {
    const merged = mergeOverride({ "teams.allowClientTeamCreation": true, "users.allowClientUserDeletion": true }, { teams: { allowClientTeamCreation: false } });
    expect(merged).toEqual({ "users.allowClientUserDeletion": true, "teams.allowClientTeamCreation": false });
    expect(Object.keys(merged)).toEqual(["users.allowClientUserDeletion", "teams.allowClientTeamCreation"]);
  });

  it("resets a key with every key below it", () => {
    expect(removeOverrideKeys({ "auth.oauth.providers.google": {}, "auth.oauth.providers.google.clientId": "x", "auth.allowSignUp": false }, ["auth.oauth.providers.google"])).toEqual({
      "auth.allowSignUp": false,
    });
  });
});
