import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { SoftAuthenticator, userHandleOf } from "../harness/soft-authenticator";
import { type TestProject, api, createTestProject, expectKnownError, patchProjectConfig, projectHeaders, signUpWithPassword, sql, uniqueEmail } from "../harness/rest";
import { setEnvironmentConfig } from "./config-helpers";

const PASSWORD = "correct horse battery";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Passkeys");
  await patchProjectConfig(project, { passkey_enabled: true });
});

const client = (target: TestProject, accessToken?: string) => projectHeaders(target, "client", accessToken ? { "access-token": accessToken } : {});
const call = (path: string, target: TestProject, body: unknown, accessToken?: string) =>
  api(`/api/v1/auth/passkey/${path}`, { headers: client(target, accessToken), body });

async function startRegistration(accessToken: string, target = project) {
  const started = await call("initiate-passkey-registration", target, {}, accessToken);
  expect(started.status).toBe(200);
  return started.body as { code: string; options_json: { challenge: string; user: { id: string } } };
}

async function registerWith(authenticator: SoftAuthenticator, accessToken: string, target = project) {
  const { code, options_json } = await startRegistration(accessToken, target);
  return await call("register", target, { code, credential: authenticator.register(options_json) }, accessToken);
}

async function startSignIn(target = project) {
  const started = await call("initiate-passkey-authentication", target, {});
  expect(started.status).toBe(200);
  return started.body as { code: string; options_json: { challenge: string } };
}

async function signInWith(authenticator: SoftAuthenticator, bend: Parameters<SoftAuthenticator["authenticate"]>[1] = {}, target = project) {
  const { code, options_json } = await startSignIn(target);
  return await call("sign-in", target, { code, authentication_response: authenticator.authenticate(options_json, bend) });
}

async function userWithPasskey(target = project) {
  const user = await signUpWithPassword(target, uniqueEmail("passkey"), PASSWORD);
  const authenticator = new SoftAuthenticator();
  const registered = await registerWith(authenticator, user.accessToken, target);
  expect(registered.status).toBe(200);
  return { ...user, authenticator };
}

const passkeyRows = (userId: string) => sql<{ sign_count: string }>("select sign_count from passkey_credentials where user_id = $1", [userId]);

describe("passkey registration and sign-in", () => {
  it("hands out creation options with a placeholder RP ID, a discoverable credential and the user id as handle", async () => {
    const user = await signUpWithPassword(project, uniqueEmail("options"), PASSWORD);
    const { code, options_json } = await startRegistration(user.accessToken);
    expect(code).toMatch(/^[a-z2-7]{45}$/);
    expect(options_json).toMatchObject({
      rp: { id: "THIS_VALUE_WILL_BE_REPLACED.example.com", name: "Passkeys" },
      user: { id: userHandleOf(user.userId) },
      authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
      timeout: 60000,
    });
    expect(Buffer.from(options_json.challenge, "base64url").length).toBeGreaterThanOrEqual(32);
    const other = await startRegistration(user.accessToken);
    expect(other.options_json.challenge).not.toBe(options_json.challenge);
  });

  it("hands out request options for any passkey of the project", async () => {
    const { code, options_json } = await startSignIn();
    expect(code).toMatch(/^[a-z2-7]{45}$/);
    expect(options_json).toMatchObject({ allowCredentials: [], rpId: "THIS_VALUE_WILL_BE_REPLACED.example.com", timeout: 60000, userVerification: "preferred" });
  });

  it("registers a passkey, shows it on the user, and signs the user in with it", async () => {
    const user = await signUpWithPassword(project, uniqueEmail("passkey"), PASSWORD);
    const authenticator = new SoftAuthenticator();
    const registered = await registerWith(authenticator, user.accessToken);
    expect(registered.status).toBe(200);
    expect(registered.body).toEqual({ user_handle: authenticator.id });
    expect((await api("/api/v1/users/me", { headers: client(project, user.accessToken) })).body.passkey_auth_enabled).toBe(true);

    const signedIn = await signInWith(authenticator);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ user_id: user.userId, is_new_user: false });
    const me = await api("/api/v1/users/me", { headers: client(project, signedIn.body.access_token) });
    expect(me.body.id).toBe(user.userId);
    expect((await passkeyRows(user.userId))[0]?.sign_count).toBe("2");
  });

  it("keeps one passkey per user: registering again replaces the first", async () => {
    const { accessToken, userId, authenticator: first } = await userWithPasskey();
    const second = new SoftAuthenticator();
    expect((await registerWith(second, accessToken)).status).toBe(200);
    expect(await passkeyRows(userId)).toHaveLength(1);
    expectKnownError(await signInWith(first), "PASSKEY_AUTHENTICATION_FAILED", 400);
    expect((await signInWith(second)).body.user_id).toBe(userId);
  });

  it("refuses a passkey no user of the project registered", async () => {
    await userWithPasskey();
    expectKnownError(await signInWith(new SoftAuthenticator()), "PASSKEY_AUTHENTICATION_FAILED", 400);
  });

  it("is removed with passkey_auth_enabled: false, and cannot be turned on that way", async () => {
    const { accessToken, authenticator } = await userWithPasskey();
    const removed = await api("/api/v1/users/me", { method: "PATCH", headers: client(project, accessToken), body: { passkey_auth_enabled: false } });
    expect(removed.status).toBe(200);
    expect(removed.body.passkey_auth_enabled).toBe(false);
    expectKnownError(await signInWith(authenticator), "PASSKEY_AUTHENTICATION_FAILED", 400);
    // As Stack Auth's API answers it: a text 400, not a known error, and nothing changes.
    const enabled = await api("/api/v1/users/me", { method: "PATCH", headers: client(project, accessToken), body: { passkey_auth_enabled: true, display_name: "Not saved" } });
    expect(enabled.status).toBe(400);
    expect(enabled.headers.get("x-stack-known-error")).toBeNull();
    expect(enabled.text).toMatch(/passkey/i);
    const after = await api("/api/v1/users/me", { headers: client(project, accessToken) });
    expect(after.body).toMatchObject({ passkey_auth_enabled: false, display_name: null });
  });

  it("hands a user with TOTP over to the second factor", async () => {
    const { accessToken, authenticator } = await userWithPasskey();
    const totp = await api("/api/v1/users/me", { method: "PATCH", headers: client(project, accessToken), body: { totp_secret_base64: randomBytes(20).toString("base64") } });
    expect(totp.status).toBe(200);
    const signedIn = await signInWith(authenticator);
    expectKnownError(signedIn, "MULTI_FACTOR_AUTHENTICATION_REQUIRED", 400);
    expect(signedIn.body.details.attempt_code).toMatch(/^[a-z2-7]{45}$/);
  });

  it("answers PASSKEY_AUTHENTICATION_NOT_ENABLED on every route when the project has passkeys off", async () => {
    const off = await createTestProject("No passkeys");
    const user = await signUpWithPassword(off, uniqueEmail("off"), PASSWORD);
    for (const path of ["initiate-passkey-registration", "initiate-passkey-authentication"]) {
      expectKnownError(await call(path, off, {}, user.accessToken), "PASSKEY_AUTHENTICATION_NOT_ENABLED", 400);
    }
    const code = "a".repeat(45);
    const authenticator = new SoftAuthenticator();
    const challenge = { challenge: "AAAA", user: { id: "AAAA" } };
    expectKnownError(await call("register", off, { code, credential: authenticator.register(challenge) }, user.accessToken), "PASSKEY_AUTHENTICATION_NOT_ENABLED", 400);
    expectKnownError(await call("sign-in", off, { code, authentication_response: authenticator.authenticate(challenge) }), "PASSKEY_AUTHENTICATION_NOT_ENABLED", 400);
  });

  it("needs a signed-in user to register", async () => {
    expectKnownError(await call("initiate-passkey-registration", project, {}), "SCHEMA_ERROR", 400);
  });
});

describe("passkey checks (WebAuthn §7)", () => {
  it("refuses a passkey made or used on a site that is not a trusted domain", async () => {
    const user = await signUpWithPassword(project, uniqueEmail("origin"), PASSWORD);
    const evil = new SoftAuthenticator("https://evil.example.net");
    expectKnownError(await registerWith(evil, user.accessToken), "PASSKEY_REGISTRATION_FAILED", 400);
    expect(await passkeyRows(user.userId)).toHaveLength(0);
    const { authenticator } = await userWithPasskey();
    expectKnownError(await signInWith(authenticator, { origin: "https://evil.example.net" }), "PASSKEY_AUTHENTICATION_FAILED", 400);
  });

  it("takes the RP ID from a trusted domain's origin, and refuses localhost once it is no longer allowed", async () => {
    const strict = await createTestProject("Passkeys on a domain");
    await patchProjectConfig(strict, { passkey_enabled: true });
    await setEnvironmentConfig(strict, { "domains.trustedDomains.app": { baseUrl: "https://app.example.com", handlerPath: "/handler" } });
    const user = await signUpWithPassword(strict, uniqueEmail("domain"), PASSWORD);
    const onDomain = new SoftAuthenticator("https://app.example.com");
    expect((await registerWith(onDomain, user.accessToken, strict)).status).toBe(200);
    expect((await signInWith(onDomain, {}, strict)).body.user_id).toBe(user.userId);
    // Signed for another RP than the origin's host: the RP ID hash does not match.
    expectKnownError(await signInWith(onDomain, { rpId: "example.com" }, strict), "PASSKEY_AUTHENTICATION_FAILED", 400);
    await setEnvironmentConfig(strict, { "domains.allowLocalhost": false });
    expectKnownError(await registerWith(new SoftAuthenticator("http://localhost:3000"), user.accessToken, strict), "PASSKEY_REGISTRATION_FAILED", 400);
  });

  it("refuses an answer to another challenge, of the wrong type, without user presence, or signed by another key", async () => {
    const { authenticator } = await userWithPasskey();
    const other = randomBytes(32).toString("base64url");
    expectKnownError(await signInWith(authenticator, { challenge: other }), "PASSKEY_AUTHENTICATION_FAILED", 400);
    expectKnownError(await signInWith(authenticator, { type: "webauthn.create" }), "PASSKEY_AUTHENTICATION_FAILED", 400);
    expectKnownError(await signInWith(authenticator, { userPresent: false }), "PASSKEY_AUTHENTICATION_FAILED", 400);
    expectKnownError(await signInWith(authenticator, { wrongKey: true }), "PASSKEY_AUTHENTICATION_FAILED", 400);
    const user = await signUpWithPassword(project, uniqueEmail("challenge"), PASSWORD);
    const { code, options_json } = await startRegistration(user.accessToken);
    const credential = new SoftAuthenticator().register(options_json, { challenge: other });
    expectKnownError(await call("register", project, { code, credential }, user.accessToken), "PASSKEY_REGISTRATION_FAILED", 400);
  });

  it("uses each challenge once: a replayed answer is refused", async () => {
    const { authenticator } = await userWithPasskey();
    const { code, options_json } = await startSignIn();
    const answer = authenticator.authenticate(options_json);
    expect((await call("sign-in", project, { code, authentication_response: answer })).status).toBe(200);
    expectKnownError(await call("sign-in", project, { code, authentication_response: answer }), "VERIFICATION_CODE_ALREADY_USED", 409);
    const fresh = await startSignIn();
    expectKnownError(await call("sign-in", project, { code: fresh.code, authentication_response: answer }), "PASSKEY_AUTHENTICATION_FAILED", 400);
  });

  it("refuses a signature counter that went backwards (a copied key), and accepts one that stays at 0 (synced passkeys)", async () => {
    const { authenticator, userId } = await userWithPasskey();
    expect((await signInWith(authenticator, { signCount: 10 })).status).toBe(200);
    const copied = await signInWith(authenticator, { signCount: 5 });
    expectKnownError(copied, "PASSKEY_AUTHENTICATION_FAILED", 400);
    expect(copied.body.error).toMatch(/counter/);
    expect((await passkeyRows(userId))[0]?.sign_count).toBe("10");

    const user = await signUpWithPassword(project, uniqueEmail("synced"), PASSWORD);
    const synced = new SoftAuthenticator();
    const { code, options_json } = await startRegistration(user.accessToken);
    expect((await call("register", project, { code, credential: synced.register(options_json, { signCount: 0 }) }, user.accessToken)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await signInWith(synced, { signCount: 0 })).body.user_id).toBe(user.userId);
  });

  it("refuses an answer whose user handle names another user", async () => {
    const { authenticator } = await userWithPasskey();
    const stranger = await signUpWithPassword(project, uniqueEmail("stranger"), PASSWORD);
    expectKnownError(await signInWith(authenticator, { userHandle: userHandleOf(stranger.userId) }), "PASSKEY_AUTHENTICATION_FAILED", 400);
  });

  it("will not bind one credential to two users, nor register with another user's challenge", async () => {
    const { authenticator } = await userWithPasskey();
    const thief = await signUpWithPassword(project, uniqueEmail("thief"), PASSWORD);
    expectKnownError(await registerWith(authenticator, thief.accessToken), "PASSKEY_REGISTRATION_FAILED", 400);
    expect(await passkeyRows(thief.userId)).toHaveLength(0);

    const owner = await signUpWithPassword(project, uniqueEmail("owner"), PASSWORD);
    const { code, options_json } = await startRegistration(owner.accessToken);
    const credential = new SoftAuthenticator().register(options_json);
    expectKnownError(await call("register", project, { code, credential }, thief.accessToken), "PASSKEY_REGISTRATION_FAILED", 400);
    expect(await passkeyRows(thief.userId)).toHaveLength(0);
  });
});

describe("passkey bad input", () => {
  it("refuses malformed, oversized and wrongly typed WebAuthn JSON with known errors, writing nothing", async () => {
    const user = await signUpWithPassword(project, uniqueEmail("bad"), PASSWORD);
    const { code, options_json } = await startRegistration(user.accessToken);
    const good = new SoftAuthenticator().register(options_json);
    const bodies: unknown[] = [
      { code, credential: "not an object" },
      { code, credential: { ...good, response: { ...good.response, clientDataJSON: "not base64url!" } } },
      { code, credential: { ...good, type: "password" } },
      { code, credential: { ...good, response: { ...good.response, attestationObject: "A".repeat(40_000) } } },
      { code: "short", credential: good },
      { code, credential: { ...good, response: { ...good.response, attestationObject: Buffer.from("garbage").toString("base64url") } } },
    ];
    for (const body of bodies) {
      const response = await call("register", project, body, user.accessToken);
      expect(response.status).toBe(400);
      expect(["SCHEMA_ERROR", "PASSKEY_REGISTRATION_FAILED"]).toContain(response.body.code);
    }
    const huge = await call("register", project, { code, credential: { ...good, padding: "x".repeat(70_000) } }, user.accessToken);
    expect(huge.status).toBe(413);
    expect(await passkeyRows(user.userId)).toHaveLength(0);
    // The code was never spent by a refused answer: the real one still registers.
    expect((await call("register", project, { code, credential: good }, user.accessToken)).status).toBe(200);
  });

  it("refuses a sign-in answer that is malformed or of another shape", async () => {
    const { code } = await startSignIn();
    for (const authentication_response of [null, { id: "x" }, { id: "x", rawId: "x", type: "public-key", response: { clientDataJSON: "e30" } }]) {
      expectKnownError(await call("sign-in", project, { code, authentication_response }), "SCHEMA_ERROR", 400);
    }
  });
});
