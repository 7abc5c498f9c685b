import { describe, expect, it } from "vitest";
import { mergeOverride, renderConfig } from "./config";

describe("renderConfig", () => {
  it("returns the defaults for an empty override", () => {
    expect(renderConfig({}).auth.allowSignUp).toBe(true);
    expect(renderConfig({}).auth.password.allowSignIn).toBe(false);
  });

  it("applies dot-notation keys", () => {
    const config = renderConfig({ "auth.password.allowSignIn": true, "teams.allowClientTeamCreation": true });
    expect(config.auth.password.allowSignIn).toBe(true);
    expect(config.teams.allowClientTeamCreation).toBe(true);
    expect(config.auth.otp.allowSignIn).toBe(false);
  });

  it("replaces a record set as a whole", () => {
    const override = mergeOverride(
      { "domains.trustedDomains.a.baseUrl": "https://a.example" },
      { "domains.trustedDomains": { b: { baseUrl: "https://b.example", handlerPath: "/handler" } } },
    );
    expect(Object.keys(renderConfig(override).domains.trustedDomains)).toEqual(["b"]);
  });
});
