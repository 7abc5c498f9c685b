import { describe, expect, it } from "vitest";
import { canPrompt } from "./ui";

describe("canPrompt", () => {
  it("prompts on a terminal outside CI", () => {
    expect(canPrompt({}, true)).toBe(true);
  });
  it("never prompts without a terminal", () => {
    expect(canPrompt({}, false)).toBe(false);
  });
  it("never prompts when CI is set", () => {
    expect(canPrompt({ CI: "true" }, true)).toBe(false);
    expect(canPrompt({ CI: "1" }, true)).toBe(false);
  });
});
