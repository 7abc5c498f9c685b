import { BASE_URL, HOUR, PROJECT_ID, type Reply, accessTokenExpiringIn, fakeFetch, knownError, ok, requestOf, userJson } from "@stackframe/stack-shared/test-support";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HexclaveClientApp } from "../public-api.js";
import { setRedirect } from "../urls.js";

// The browser's WebAuthn prompt, played by a fake: the SDK loads @simplewebauthn/browser only through import().
const webAuthn = vi.hoisted(() => ({ startRegistration: vi.fn(), startAuthentication: vi.fn() }));
vi.mock("@simplewebauthn/browser", () => webAuthn);

const PLACEHOLDER = "THIS_VALUE_WILL_BE_REPLACED.example.com";
const CODE = "c".repeat(45);
const ATTEMPT = "a".repeat(45);
const CREDENTIAL = { id: "cred-1", rawId: "cred-1", type: "public-key", response: { clientDataJSON: "e30", attestationObject: "o2M" } };
const ASSERTION = { id: "cred-1", rawId: "cred-1", type: "public-key", response: { clientDataJSON: "e30", authenticatorData: "YQ", signature: "c2ln" } };

let visited: string[];

beforeEach(() => {
  visited = [];
  vi.stubGlobal("window", { location: { href: "https://app.example/handler/sign-in", hostname: "app.example", protocol: "https:" } });
  setRedirect((url) => void visited.push(url));
  webAuthn.startRegistration.mockReset().mockResolvedValue(CREDENTIAL);
  webAuthn.startAuthentication.mockReset().mockResolvedValue(ASSERTION);
});
afterEach(() => {
  setRedirect(null);
  vi.unstubAllGlobals();
});

function appWith(signedIn: boolean, ...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const tokenStore = signedIn ? { accessToken: accessTokenExpiringIn(HOUR), refreshToken: "rt" } : { accessToken: null, refreshToken: null };
  const app = new HexclaveClientApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, tokenStore, urls: { afterSignIn: "/home" }, fetch });
  return { app, calls };
}

const registrationOptions = () => ok({ options_json: { rp: { id: PLACEHOLDER, name: "Acme" }, challenge: "Y2hhbGxlbmdl", user: { id: "dQ", name: "ada" } }, code: CODE });
const requestOptions = () => ok({ options_json: { rpId: PLACEHOLDER, challenge: "Y2hhbGxlbmdl", allowCredentials: [] }, code: CODE });
const tokens = () => ok({ access_token: accessTokenExpiringIn(HOUR), refresh_token: "rt-new", user_id: "u1" });

describe("user.registerPasskey", () => {
  it("asks the browser for a passkey of this page's hostname, registers it with the options' code, and reads the user again", async () => {
    const { app, calls } = appWith(true, ok(userJson()), registrationOptions(), ok({ user_handle: "dQ" }), ok(userJson({ passkey_auth_enabled: true })));
    const user = await app.getUser({ or: "throw" });
    const seen: boolean[] = [];
    app.onUserChange((next) => seen.push(next?.passkeyAuthEnabled ?? false));

    expect(await user.registerPasskey()).toEqual({ status: "ok", data: undefined });
    expect(webAuthn.startRegistration).toHaveBeenCalledWith({ optionsJSON: expect.objectContaining({ rp: { id: "app.example", name: "Acme" }, challenge: "Y2hhbGxlbmdl" }) });
    expect(calls.map((call) => requestOf(call))).toMatchObject([
      { method: "GET", path: "/users/me" },
      { method: "POST", path: "/auth/passkey/initiate-passkey-registration", body: {} },
      { method: "POST", path: "/auth/passkey/register", body: { code: CODE, credential: CREDENTIAL } },
      { method: "GET", path: "/users/me" },
    ]);
    expect(seen).toEqual([true]);
  });

  it("takes the hostname it is given, for a passkey of another name of the site", async () => {
    const { app } = appWith(true, ok(userJson()), registrationOptions(), ok({ user_handle: "dQ" }), ok(userJson({ passkey_auth_enabled: true })));
    await (await app.getUser({ or: "throw" })).registerPasskey({ hostname: "login.app.example" });
    expect(webAuthn.startRegistration.mock.calls[0]?.[0].optionsJSON.rp.id).toBe("login.app.example");
  });

  it("answers PASSKEY_WEBAUTHN_ERROR with the browser's error name when the prompt fails, and registers nothing", async () => {
    const { app, calls } = appWith(true, ok(userJson()), registrationOptions());
    webAuthn.startRegistration.mockRejectedValue(Object.assign(new Error("The operation either timed out or was not allowed."), { name: "NotAllowedError" }));
    const result = await (await app.getUser({ or: "throw" })).registerPasskey();
    expect(result).toMatchObject({ status: "error", error: { code: "PASSKEY_WEBAUTHN_ERROR", details: { code: "NotAllowedError" } } });
    expect(calls).toHaveLength(2);
  });

  it("passes the API's refusal on as the result", async () => {
    const { app } = appWith(true, ok(userJson()), registrationOptions(), knownError("PASSKEY_REGISTRATION_FAILED", 400));
    const result = await (await app.getUser({ or: "throw" })).registerPasskey();
    expect(result).toMatchObject({ status: "error", error: { code: "PASSKEY_REGISTRATION_FAILED" } });
  });

  it("is removed by update({ passkeyAuthEnabled: false })", async () => {
    const { app, calls } = appWith(true, ok(userJson({ passkey_auth_enabled: true })), ok(userJson()));
    await (await app.getUser({ or: "throw" })).update({ passkeyAuthEnabled: false });
    expect(requestOf(calls[1]!)).toMatchObject({ method: "PATCH", path: "/users/me", body: { passkey_auth_enabled: false } });
  });
});

describe("app.signInWithPasskey", () => {
  it("signs in with the passkey the browser picks for this hostname, then goes to urls.afterSignIn", async () => {
    const { app, calls } = appWith(false, requestOptions(), tokens());
    expect(await app.signInWithPasskey()).toEqual({ status: "ok", data: undefined });
    expect(webAuthn.startAuthentication).toHaveBeenCalledWith({ optionsJSON: expect.objectContaining({ rpId: "app.example", challenge: "Y2hhbGxlbmdl" }) });
    expect(calls.map((call) => requestOf(call))).toMatchObject([
      { method: "POST", path: "/auth/passkey/initiate-passkey-authentication", body: {} },
      { method: "POST", path: "/auth/passkey/sign-in", body: { code: CODE, authentication_response: ASSERTION } },
    ]);
    expect(visited).toEqual(["/home"]);
  });

  it("hands back MULTI_FACTOR_AUTHENTICATION_REQUIRED with its attempt code, staying on the page", async () => {
    const { app } = appWith(false, requestOptions(), knownError("MULTI_FACTOR_AUTHENTICATION_REQUIRED", 400, { attempt_code: ATTEMPT }));
    const result = await app.signInWithPasskey();
    expect(result).toMatchObject({ status: "error", error: { code: "MULTI_FACTOR_AUTHENTICATION_REQUIRED", details: { attempt_code: ATTEMPT } } });
    expect(visited).toEqual([]);
  });

  it("answers PASSKEY_AUTHENTICATION_FAILED for a passkey no account has, and PASSKEY_WEBAUTHN_ERROR for a closed prompt", async () => {
    const unknown = appWith(false, requestOptions(), knownError("PASSKEY_AUTHENTICATION_FAILED", 400));
    expect(await unknown.app.signInWithPasskey()).toMatchObject({ status: "error", error: { code: "PASSKEY_AUTHENTICATION_FAILED" } });
    webAuthn.startAuthentication.mockRejectedValue(new DOMException("cancelled", "AbortError"));
    const cancelled = appWith(false, requestOptions());
    expect(await cancelled.app.signInWithPasskey()).toMatchObject({ status: "error", error: { code: "PASSKEY_WEBAUTHN_ERROR", details: { code: "AbortError" } } });
    expect(visited).toEqual([]);
  });

  it("answers PASSKEY_AUTHENTICATION_NOT_ENABLED before any prompt when the project has passkeys off", async () => {
    const { app } = appWith(false, knownError("PASSKEY_AUTHENTICATION_NOT_ENABLED", 400));
    expect(await app.signInWithPasskey()).toMatchObject({ status: "error", error: { code: "PASSKEY_AUTHENTICATION_NOT_ENABLED" } });
    expect(webAuthn.startAuthentication).not.toHaveBeenCalled();
  });
});

describe("recovery codes", () => {
  it("signs in with a recovery code in place of the authenticator's code", async () => {
    const { app, calls } = appWith(false, tokens());
    expect(await app.signInWithRecoveryCode(" abcde-fghij ", ATTEMPT)).toEqual({ status: "ok", data: undefined });
    expect(requestOf(calls[0]!)).toMatchObject({ method: "POST", path: "/auth/mfa/sign-in", body: { code: ATTEMPT, type: "recovery_code", recovery_code: "abcde-fghij" } });
    expect(visited).toEqual(["/home"]);
  });

  it("hands back INVALID_MFA_RECOVERY_CODE for a wrong or spent code", async () => {
    const { app } = appWith(false, knownError("INVALID_MFA_RECOVERY_CODE", 400));
    expect(await app.signInWithRecoveryCode("abcde-fghij", ATTEMPT, { noRedirect: true })).toMatchObject({ status: "error", error: { code: "INVALID_MFA_RECOVERY_CODE" } });
  });

  it("makes a new set and counts the unused ones for the signed-in user", async () => {
    const codes = Array.from({ length: 10 }, (_, index) => `code${index}-abcde`);
    const { app, calls } = appWith(true, ok(userJson({ requires_totp_mfa: true })), ok({ recovery_codes: codes }), ok({ remaining: 9 }));
    const user = await app.getUser({ or: "throw" });
    expect(await user.generateRecoveryCodes()).toEqual(codes);
    expect(await user.getRemainingRecoveryCodeCount()).toBe(9);
    expect(calls.slice(1).map((call) => requestOf(call))).toMatchObject([
      { method: "POST", path: "/auth/mfa/recovery-codes", body: {} },
      { method: "GET", path: "/auth/mfa/recovery-codes" },
    ]);
  });

  it("throws MFA_NOT_ENABLED when the user has no authenticator app", async () => {
    const { app } = appWith(true, ok(userJson()), knownError("MFA_NOT_ENABLED", 400));
    await expect((await app.getUser({ or: "throw" })).generateRecoveryCodes()).rejects.toMatchObject({ code: "MFA_NOT_ENABLED" });
  });
});
