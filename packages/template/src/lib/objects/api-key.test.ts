import type { ApiKeyFirstViewJson, ApiKeyUpdateJson } from "@stackframe/stack-shared";
import { FIXTURE_IDS, apiKeyJson } from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { apiKeyCreationToJson, apiKeyFromJson } from "./api-key.js";

const noUpdate = { update: async () => {} };

describe("apiKeyFromJson", () => {
  it("shows only the last four characters of a listed key", () => {
    const key = apiKeyFromJson(apiKeyJson(), noUpdate);
    expect(key.value).toEqual({ lastFour: "abcd" });
    expect(key).toMatchObject({ id: FIXTURE_IDS.apiKey, type: "user", userId: FIXTURE_IDS.user, description: "CI", isPublic: false });
    expect(key.createdAt).toEqual(new Date(1_700_000_000_000));
  });

  it("shows the whole key of a key just created", () => {
    const json: ApiKeyFirstViewJson = { ...apiKeyJson(), value: "sk_full_secret" };
    expect(apiKeyFromJson(json, noUpdate).value).toBe("sk_full_secret");
  });

  it("names the team of a team key", () => {
    const key = apiKeyFromJson(apiKeyJson({ type: "team", team_id: FIXTURE_IDS.team }), noUpdate);
    expect(key).toMatchObject({ type: "team", teamId: FIXTURE_IDS.team });
    expect("userId" in key).toBe(false);
  });

  it("leaves expiresAt out for a key that never expires, and manuallyRevokedAt null for one never revoked", () => {
    const key = apiKeyFromJson(apiKeyJson(), noUpdate);
    expect(key.expiresAt).toBeUndefined();
    expect(key.manuallyRevokedAt).toBeNull();
    expect(key.isValid()).toBe(true);
    expect(key.whyInvalid()).toBeNull();
  });

  it("says an expired key is expired", () => {
    const key = apiKeyFromJson(apiKeyJson({ expires_at_millis: Date.now() - 1000 }), noUpdate);
    expect(key.whyInvalid()).toBe("expired");
    expect(key.isValid()).toBe(false);
  });

  it("says a revoked key is manually revoked, even before it expires", () => {
    const key = apiKeyFromJson(apiKeyJson({ expires_at_millis: Date.now() + 60_000, manually_revoked_at_millis: Date.now() - 1000 }), noUpdate);
    expect(key.whyInvalid()).toBe("manually-revoked");
  });

  it("revokes with revoked: true and updates only the fields given", async () => {
    const sent: ApiKeyUpdateJson[] = [];
    const key = apiKeyFromJson(apiKeyJson(), { update: async (json) => void sent.push(json) });
    await key.revoke();
    await key.update({ description: "Deploys" });
    expect(sent).toEqual([{ revoked: true }, { description: "Deploys" }]);
  });
});

describe("apiKeyCreationToJson", () => {
  it("sends a null expiry for a key that never expires", () => {
    expect(apiKeyCreationToJson({ description: "CI", expiresAt: null })).toEqual({ description: "CI", expires_at_millis: null });
  });

  it("sends the expiry in milliseconds and is_public when given", () => {
    expect(apiKeyCreationToJson({ description: "Widget", expiresAt: new Date(1_900_000_000_000), isPublic: true })).toEqual({
      description: "Widget",
      expires_at_millis: 1_900_000_000_000,
      is_public: true,
    });
  });
});
