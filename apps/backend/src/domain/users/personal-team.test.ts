import { describe, expect, it } from "vitest";
import { PLACEHOLDER_PERSONAL_TEAM_NAME, personalTeamName } from "./personal-team";

describe("personalTeamName", () => {
  it("is named after the display name, else the email, else the placeholder", () => {
    expect(personalTeamName("Ada", "ada@example.com")).toBe("Ada's Team");
    expect(personalTeamName(null, "ada@example.com")).toBe("ada@example.com's Team");
    expect(personalTeamName("", "ada@example.com")).toBe("ada@example.com's Team");
    expect(personalTeamName(undefined, null)).toBe(PLACEHOLDER_PERSONAL_TEAM_NAME);
    expect(PLACEHOLDER_PERSONAL_TEAM_NAME).toBe("Personal Team");
  });
});
