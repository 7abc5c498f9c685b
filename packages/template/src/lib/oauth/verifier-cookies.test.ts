import { describe, expect, it } from "vitest";
import type { CookieWrite } from "../cookies.js";
import { oauthOuterCookieWrites, takeOAuthVerifier } from "./verifier-cookies.js";

const deletedNames = (writes: CookieWrite[]) => writes.filter((write) => write.value === null).map((write) => write.name).sort();

describe("OAuth outer cookies", () => {
  it("keeps a flow's verifier under both brands, named by its state, for an hour", () => {
    expect(oauthOuterCookieWrites("st1", "v")).toEqual([
      { name: "hexclave-oauth-outer-st1", value: "v", maxAgeSeconds: 3600 },
      { name: "stack-oauth-outer-st1", value: "v", maxAgeSeconds: 3600 },
    ]);
  });

  it("reads the Hexclave verifier first, then its Stack twin, and deletes both", () => {
    const both = { "hexclave-oauth-outer-st1": "v-hexclave", "stack-oauth-outer-st1": "v-stack" };
    const { verifier, writes } = takeOAuthVerifier(both, "st1");
    expect(verifier).toBe("v-hexclave");
    expect(deletedNames(writes)).toEqual(["hexclave-oauth-outer-st1", "stack-oauth-outer-st1"]);
    expect(takeOAuthVerifier({ "stack-oauth-outer-st1": "v-stack" }, "st1").verifier).toBe("v-stack");
  });

  it("finds no verifier for another flow's state", () => {
    expect(takeOAuthVerifier({ "hexclave-oauth-outer-st1": "v" }, "st2").verifier).toBeNull();
  });
});
