import { describe, expect, it } from "vitest";
import type { SiteverifyAnswer, TurnstileVerifier } from "../../lib/turnstile";
import { renderConfig } from "../projects/config";
import type { Tenancy } from "../projects/tenancy";
import { requireBotChallengePassed } from "./bot-challenge";

// Only the project's trusted domains are read here; the rest of the tenancy does not matter.
const tenancy = { config: renderConfig({ "domains.trustedDomains.a": { baseUrl: "https://app.example.com", handlerPath: "/" } }) } as unknown as Tenancy;

/** Stands in for siteverify: passes the token "good", and records what it was asked. */
function fakeSiteverify(answer: Partial<SiteverifyAnswer> | null = {}) {
  const calls: { token: string; remoteIp: string | null }[] = [];
  const verifier: TurnstileVerifier = async (token, remoteIp) => {
    calls.push({ token, remoteIp });
    if (answer === null) return null;
    return { success: token === "good", hostname: null, action: null, errorCodes: [], ...answer };
  };
  return { verifier, calls };
}

const check = (fields: Parameters<typeof requireBotChallengePassed>[1], verifier: TurnstileVerifier | null) =>
  requireBotChallengePassed(tenancy, fields, "sign_up_with_credential", { verifier, clientIp: "198.51.100.4" });

describe("requireBotChallengePassed", () => {
  it("ignores every field when no verifier is configured", async () => {
    await expect(check({ bot_challenge_token: "bad", bot_challenge_phase: "invisible" }, null)).resolves.toBeUndefined();
  });

  it("passes a good token in either phase, sending it with the client IP", async () => {
    const { verifier, calls } = fakeSiteverify();
    await check({ bot_challenge_token: "good", bot_challenge_phase: "invisible" }, verifier);
    await check({ bot_challenge_token: " good ", bot_challenge_phase: "visible" }, verifier);
    expect(calls).toEqual([
      { token: "good", remoteIp: "198.51.100.4" },
      { token: "good", remoteIp: "198.51.100.4" },
    ]);
  });

  it("asks for the visible challenge when the invisible one fails", async () => {
    const { verifier } = fakeSiteverify();
    await expect(check({ bot_challenge_token: "bad", bot_challenge_phase: "invisible" }, verifier)).rejects.toMatchObject({ code: "BOT_CHALLENGE_REQUIRED" });
    await expect(check({ bot_challenge_phase: "invisible" }, verifier)).rejects.toMatchObject({ code: "BOT_CHALLENGE_REQUIRED" });
  });

  it("refuses a failed visible challenge with BOT_CHALLENGE_FAILED and a message", async () => {
    const { verifier } = fakeSiteverify();
    await expect(check({ bot_challenge_token: "bad", bot_challenge_phase: "visible" }, verifier)).rejects.toMatchObject({
      code: "BOT_CHALLENGE_FAILED",
      details: { message: expect.any(String) },
    });
  });

  it("fails closed when siteverify gives no answer", async () => {
    const { verifier } = fakeSiteverify(null);
    await expect(check({ bot_challenge_token: "good", bot_challenge_phase: "invisible" }, verifier)).rejects.toMatchObject({ code: "BOT_CHALLENGE_REQUIRED" });
    await expect(check({ bot_challenge_token: "good", bot_challenge_phase: "visible" }, verifier)).rejects.toMatchObject({ code: "BOT_CHALLENGE_FAILED" });
  });

  it("refuses a token solved for another flow or on a site the project does not trust", async () => {
    const otherAction = fakeSiteverify({ action: "oauth_authenticate" });
    await expect(check({ bot_challenge_token: "good", bot_challenge_phase: "invisible" }, otherAction.verifier)).rejects.toMatchObject({ code: "BOT_CHALLENGE_REQUIRED" });
    const otherSite = fakeSiteverify({ hostname: "evil.example.net" });
    await expect(check({ bot_challenge_token: "good", bot_challenge_phase: "invisible" }, otherSite.verifier)).rejects.toMatchObject({ code: "BOT_CHALLENGE_REQUIRED" });
    const trusted = fakeSiteverify({ hostname: "app.example.com", action: "sign_up_with_credential" });
    await expect(check({ bot_challenge_token: "good", bot_challenge_phase: "invisible" }, trusted.verifier)).resolves.toBeUndefined();
  });

  it("lets an unavailable challenge and a phaseless request through without asking siteverify, as Stack Auth's API does", async () => {
    const { verifier, calls } = fakeSiteverify();
    await check({ bot_challenge_unavailable: "true" }, verifier);
    await check({ bot_challenge_token: "bad" }, verifier);
    await check({}, verifier);
    expect(calls).toEqual([]);
  });
});
