import { beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { enableOAuthProviders } from "../harness/oauth";
import { SoftAuthenticator } from "../harness/soft-authenticator";
import {
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  enableMagicLinks,
  expectKnownError,
  patchProjectConfig,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  testEnv,
  uniqueEmail,
} from "../harness/rest";

// An address nobody has proven is never a sign-in credential that locks its owner out or hands them an account
// someone else still controls (account pre-hijacking).

const CALLBACK = "http://localhost:3000/handler/callback";
const VICTIM_PASSWORD = "the victim's own passphrase";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("pre-hijacking");
  await enableMagicLinks(project);
  await patchProjectConfig(project, { allow_user_api_keys: true });
});

const client = (user?: SignedInUser) => projectHeaders(project, "client", user ? { "access-token": user.accessToken } : {});
const server = () => projectHeaders(project, "server");
const signIn = (email: string, password: string) => api("/api/v1/auth/password/sign-in", { headers: client(), body: { email, password } });
const serverView = async (userId: string) => (await api(`/api/v1/users/${userId}`, { headers: server() })).body;
const mailed = async (to: string, subject: RegExp) => codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, to, (mail) => subject.test(mail.subject)));

async function resetPassword(email: string, password: string) {
  expect((await api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email, callback_url: CALLBACK } })).status).toBe(200);
  const code = await mailed(email, /password/i);
  expect((await api("/api/v1/auth/password/reset", { headers: client(), body: { code, password } })).status).toBe(200);
}

async function signInWithMailedCode(email: string) {
  expect((await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email, callback_url: CALLBACK } })).status).toBe(200);
  return api("/api/v1/auth/otp/sign-in", { headers: client(), body: { code: await mailed(email, /^Sign in to .*: Your code is [A-Z2-7]{6}$/) } });
}

async function createApiKey(user: SignedInUser): Promise<string> {
  const key = await api("/api/v1/user-api-keys", { headers: client(user), body: { user_id: "me", description: "left behind", expires_at_millis: null } });
  expect(key.status, key.text).toBe(200);
  return key.body.value;
}

const apiKeyWorks = async (value: string) => (await api("/api/v1/user-api-keys/check", { headers: server(), body: { api_key: value } })).status === 200;

describe("a signed-in user setting a stranger's address (the reported attack)", () => {
  // Regression: PATCH /users/me primary_email made the unverified address a sign-in address at once.
  it("gives the attacker no sign-in through it, and its owner signs in by code, resets and signs up into their own account", async () => {
    const attacker = await signUpWithPassword(project, uniqueEmail("claimant"));
    const victim = uniqueEmail("rightful");
    const patched = await api("/api/v1/users/me", { method: "PATCH", headers: client(attacker), body: { primary_email: victim } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ primary_email: victim, primary_email_verified: false });
    expect(await serverView(attacker.userId)).toMatchObject({ primary_email: victim, primary_email_auth_enabled: false });
    const attackerKey = await createApiKey(attacker);

    expectKnownError(await signIn(victim, attacker.password), "EMAIL_PASSWORD_MISMATCH", 400);
    // The attacker still signs in with the address they proved nothing about losing: their own.
    expect((await signIn(attacker.email, attacker.password)).status).toBe(200);

    const byCode = await signInWithMailedCode(victim);
    expect(byCode.status, byCode.text).toBe(200);
    expect(byCode.body).toMatchObject({ is_new_user: true });
    expect(byCode.body.user_id).not.toBe(attacker.userId);

    await resetPassword(victim, VICTIM_PASSWORD);
    expect((await signIn(victim, VICTIM_PASSWORD)).body.user_id).toBe(byCode.body.user_id);

    // The same holds for an owner who signs up with a password.
    const other = uniqueEmail("rightful");
    await api("/api/v1/users/me", { method: "PATCH", headers: client(attacker), body: { primary_email: other } });
    const signUp = await api("/api/v1/auth/password/sign-up", { headers: client(), body: { email: other, password: VICTIM_PASSWORD } });
    expect(signUp.status, signUp.text).toBe(200);
    expect(signUp.body.user_id).not.toBe(attacker.userId);
    // The attacker's account and key are their own business; none of it reached the victim's account.
    expect(await apiKeyWorks(attackerKey)).toBe(true);
  });

  it("keeps the same rule for contact channels a client adds or re-points", async () => {
    const attacker = await signUpWithPassword(project, uniqueEmail("claimant"));
    const victim = uniqueEmail("rightful");
    const added = await api("/api/v1/contact-channels", { headers: client(attacker), body: { user_id: "me", type: "email", value: victim, used_for_auth: true } });
    expect(added.status, added.text).toBe(201);
    expect(added.body).toMatchObject({ value: victim, used_for_auth: false, is_verified: false });
    expectKnownError(await signIn(victim, attacker.password), "EMAIL_PASSWORD_MISMATCH", 400);

    const other = await api("/api/v1/contact-channels", { headers: client(attacker), body: { user_id: "me", type: "email", value: uniqueEmail("mine"), used_for_auth: false } });
    const repointed = await api(`/api/v1/contact-channels/me/${other.body.id}`, { method: "PATCH", headers: client(attacker), body: { value: uniqueEmail("rightful2"), used_for_auth: true } });
    expect(repointed.body).toMatchObject({ used_for_auth: false, is_verified: false });

    expect((await api("/api/v1/auth/password/sign-up", { headers: client(), body: { email: victim, password: VICTIM_PASSWORD } })).status).toBe(200);
  });

  it("gives the attacker none of the invitations sent to the address", async () => {
    const attacker = await signUpWithPassword(project, uniqueEmail("claimant"));
    const victim = uniqueEmail("rightful");
    await api("/api/v1/users/me", { method: "PATCH", headers: client(attacker), body: { primary_email: victim } });
    const team = await api("/api/v1/teams", { headers: server(), body: { display_name: "Invited" } });
    const sent = await api("/api/v1/team-invitations/send-code", { headers: server(), body: { team_id: team.body.id, email: victim, callback_url: CALLBACK } });
    expect(sent.status, sent.text).toBe(200);
    expect((await api("/api/v1/team-invitations?user_id=me", { headers: client(attacker) })).body.items).toEqual([]);
    const byId = await api(`/api/v1/team-invitations/${sent.body.id}/accept`, { method: "POST", headers: client(attacker), body: {} });
    expect(byId.status).toBeGreaterThanOrEqual(400);
    expect((await api(`/api/v1/teams?user_id=${attacker.userId}`, { headers: server() })).body.items).toEqual([]);
  });

  it("still answers 409 at once for an address another account signs in with", async () => {
    const owner = await signUpWithPassword(project, uniqueEmail("owner"));
    const attacker = await signUpWithPassword(project, uniqueEmail("claimant"));
    const patched = await api("/api/v1/users/me", { method: "PATCH", headers: client(attacker), body: { primary_email: owner.email } });
    expectKnownError(patched, "USER_EMAIL_ALREADY_EXISTS", 409);
    const added = await api("/api/v1/contact-channels", { headers: client(attacker), body: { user_id: "me", type: "email", value: owner.email, used_for_auth: true } });
    expectKnownError(added, "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", 409);
  });

  it("makes a changed address a sign-in address once its user verifies it", async () => {
    const user = await signUpWithPassword(project, uniqueEmail("mover"));
    const next = uniqueEmail("moved");
    await api("/api/v1/users/me", { method: "PATCH", headers: client(user), body: { primary_email: next } });
    expect((await api("/api/v1/contact-channels/send-verification-code", { headers: client(user), body: { email: next, callback_url: CALLBACK } })).status).toBe(200);
    const code = await mailed(next, /verify/i);
    expect((await api("/api/v1/contact-channels/verify", { headers: client(), body: { code } })).status).toBe(200);
    expect(await serverView(user.userId)).toMatchObject({ primary_email: next, primary_email_verified: true, primary_email_auth_enabled: true });
    expect((await signIn(next, user.password)).body.user_id).toBe(user.userId);
  });
});

describe("an account opened with a stranger's address and a password (classic pre-hijacking)", () => {
  it("loses everything its opener added when the owner proves the address with a reset link", async () => {
    const victim = uniqueEmail("rightful");
    const attacker = await signUpWithPassword(project, victim, "the attacker's passphrase");
    const attackerKey = await createApiKey(attacker);
    const second = await signIn(victim, attacker.password);
    const backdoor = uniqueEmail("backdoor");
    await api("/api/v1/contact-channels", { headers: server(), body: { user_id: attacker.userId, type: "email", value: backdoor, used_for_auth: true, is_verified: true } });
    await api(`/api/v1/users/${attacker.userId}`, { method: "PATCH", headers: server(), body: { display_name: "planted" } });

    // What Stack Auth's API answers the owner while the address is held unverified.
    expectKnownError(await api("/api/v1/auth/password/sign-up", { headers: client(), body: { email: victim, password: VICTIM_PASSWORD } }), "USER_EMAIL_ALREADY_EXISTS", 409);
    const code = await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email: victim, callback_url: CALLBACK } });
    expectKnownError(code, "USER_EMAIL_ALREADY_EXISTS", 409);
    expect(code.body.details.would_work_if_email_was_verified).toBe(true);

    await resetPassword(victim, VICTIM_PASSWORD);

    for (const refreshToken of [attacker.refreshToken, second.body.refresh_token]) {
      expectKnownError(await refreshWithOAuth(project.projectId, refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    }
    expect(await apiKeyWorks(attackerKey)).toBe(false);
    expectKnownError(await signIn(victim, attacker.password), "EMAIL_PASSWORD_MISMATCH", 400);
    expectKnownError(await signIn(backdoor, VICTIM_PASSWORD), "EMAIL_PASSWORD_MISMATCH", 400);
    const owner = await signIn(victim, VICTIM_PASSWORD);
    expect(owner.body.user_id).toBe(attacker.userId);
    expect(await serverView(attacker.userId)).toMatchObject({ primary_email: victim, primary_email_verified: true, primary_email_auth_enabled: true });
    const channels = await api(`/api/v1/contact-channels?user_id=${attacker.userId}`, { headers: server() });
    expect(channels.body.items.find((channel: { value: string }) => channel.value === backdoor)).toMatchObject({ used_for_auth: false });
  });

  it("loses the passkey, the second factor with its recovery codes and the linked OAuth accounts its opener added", async () => {
    const target = await createTestProject("pre-hijacking factors");
    await enableOAuthProviders(target, [{ id: "spotify", type: "shared" }], { passkey_enabled: true });
    const victim = uniqueEmail("rightful-factors");
    const attacker = await signUpWithPassword(target, victim, "the attacker's passphrase");
    const asAttacker = projectHeaders(target, "client", { "access-token": attacker.accessToken });
    const authenticator = new SoftAuthenticator();
    const started = await api("/api/v1/auth/passkey/initiate-passkey-registration", { headers: asAttacker, body: {} });
    const credential = authenticator.register(started.body.options_json);
    expect((await api("/api/v1/auth/passkey/register", { headers: asAttacker, body: { code: started.body.code, credential } })).status).toBe(200);
    await api("/api/v1/users/me", { method: "PATCH", headers: asAttacker, body: { totp_secret_base64: randomBytes(20).toString("base64") } });
    expect((await api("/api/v1/auth/mfa/recovery-codes", { method: "POST", headers: asAttacker, body: {} })).status).toBe(200);
    const link = { user_id: attacker.userId, provider_config_id: "spotify", account_id: "attacker-spotify", email: "attacker@example.com", allow_sign_in: true, allow_connected_accounts: true };
    expect((await api("/api/v1/oauth-providers", { headers: projectHeaders(target, "server"), body: link })).status).toBe(201);

    expect((await api("/api/v1/auth/password/send-reset-code", { headers: projectHeaders(target, "client"), body: { email: victim, callback_url: CALLBACK } })).status).toBe(200);
    const code = await mailed(victim, /password/i);
    expect((await api("/api/v1/auth/password/reset", { headers: projectHeaders(target, "client"), body: { code, password: VICTIM_PASSWORD } })).status).toBe(200);

    const view = (await api(`/api/v1/users/${attacker.userId}`, { headers: projectHeaders(target, "server") })).body;
    expect(view).toMatchObject({ passkey_auth_enabled: false, requires_totp_mfa: false, oauth_providers: [] });
    const options = await api("/api/v1/auth/passkey/initiate-passkey-authentication", { headers: projectHeaders(target, "client"), body: {} });
    const answer = authenticator.authenticate(options.body.options_json);
    const passkeySignIn = await api("/api/v1/auth/passkey/sign-in", { headers: projectHeaders(target, "client"), body: { code: options.body.code, authentication_response: answer } });
    expectKnownError(passkeySignIn, "PASSKEY_AUTHENTICATION_FAILED", 400);
    const owner = await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(target, "client"), body: { email: victim, password: VICTIM_PASSWORD } });
    expect(owner.status).toBe(200);
    const codesLeft = await api("/api/v1/auth/mfa/recovery-codes", { headers: projectHeaders(target, "client", { "access-token": owner.body.access_token }) });
    expect(codesLeft.body).toEqual({ remaining: 0 });
  });

  it("keeps sessions and keys of an account whose address was already verified, beyond the reset's sign-out", async () => {
    const user = await signUpWithPassword(project, uniqueEmail("verified"));
    await api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: server(), body: { primary_email_verified: true } });
    const key = await createApiKey(user);
    await resetPassword(user.email, "another passphrase");
    expect(await apiKeyWorks(key)).toBe(true);
    expectKnownError(await refreshWithOAuth(project.projectId, user.refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  });

  it("loses them too when the owner signs in with a code mailed before the account was opened", async () => {
    const victim = uniqueEmail("rightful");
    expect((await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email: victim, callback_url: CALLBACK } })).status).toBe(200);
    const code = await mailed(victim, /^Sign in to .*: Your code is [A-Z2-7]{6}$/);
    const attacker = await signUpWithPassword(project, victim, "the attacker's passphrase");
    const attackerKey = await createApiKey(attacker);

    const owner = await api("/api/v1/auth/otp/sign-in", { headers: client(), body: { code } });
    expect(owner.status, owner.text).toBe(200);
    expect(owner.body).toMatchObject({ user_id: attacker.userId, is_new_user: false });
    expectKnownError(await refreshWithOAuth(project.projectId, attacker.refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    expect(await apiKeyWorks(attackerKey)).toBe(false);
    expectKnownError(await signIn(victim, attacker.password), "EMAIL_PASSWORD_MISMATCH", 400);
    expect(await serverView(attacker.userId)).toMatchObject({ has_password: false, primary_email_verified: true, otp_auth_enabled: true });
  });

  it("gives way to the owner who verifies the address on their own account", async () => {
    const owner = await signUpWithPassword(project, uniqueEmail("owner"));
    const address = uniqueEmail("contested");
    await api("/api/v1/users/me", { method: "PATCH", headers: client(owner), body: { primary_email: address } });
    const squatter = await signUpWithPassword(project, address, "the squatter's passphrase");
    expect((await api("/api/v1/contact-channels/send-verification-code", { headers: client(owner), body: { email: address, callback_url: CALLBACK } })).status).toBe(200);
    const code = await mailed(address, /verify/i);
    expect((await api("/api/v1/contact-channels/verify", { headers: client(), body: { code } })).status).toBe(200);
    expect((await signIn(address, owner.password)).body.user_id).toBe(owner.userId);
    expectKnownError(await signIn(address, "the squatter's passphrase"), "EMAIL_PASSWORD_MISMATCH", 400);
    expect(await serverView(squatter.userId)).toMatchObject({ primary_email_auth_enabled: false });
  });
});
