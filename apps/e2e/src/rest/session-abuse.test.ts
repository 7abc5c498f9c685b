import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import {
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  enableMagicLinks,
  expectKnownError,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  testEnv,
  uniqueEmail,
} from "../harness/rest";
import { decodePayload } from "./token-helpers";

// Sessions across sign-in, sign-out and credential changes: fixation (AU-10), revocation of the other sessions on a
// password change or reset (AU-11), and two people on one browser (TK-11). OAuth and passkey sign-in do not exist yet.

let project: TestProject;
beforeAll(async () => {
  project = await createTestProject("Session abuse");
  await enableMagicLinks(project);
});

type Tokens = { accessToken: string; refreshToken: string };

const client = (extra: Record<string, string> = {}) => projectHeaders(project, "client", extra);

async function signIn(user: SignedInUser, extra: Record<string, string> = {}): Promise<Tokens> {
  const response = await api("/api/v1/auth/password/sign-in", { headers: client(extra), body: { email: user.email, password: user.password } });
  expect(response.status).toBe(200);
  return { accessToken: response.body.access_token, refreshToken: response.body.refresh_token };
}

async function expectDead(refreshToken: string) {
  expectKnownError(await refreshWithOAuth(project.projectId, refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
  const viaHeader = await api("/api/v1/auth/sessions/current/refresh", { method: "POST", headers: client({ "refresh-token": refreshToken }) });
  expectKnownError(viaHeader, "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
}

const subjectOf = (response: ApiResponse) => decodePayload(response.body.access_token).sub as string;

async function anonymousSignUp(): Promise<Tokens & { userId: string }> {
  const response = await api("/api/v1/auth/anonymous/sign-up", { headers: client(), body: {} });
  expect(response.status).toBe(200);
  return { accessToken: response.body.access_token, refreshToken: response.body.refresh_token, userId: response.body.user_id };
}

describe("session fixation (AU-10)", () => {
  it("opens a new session on every sign-in, whatever session the request came with", async () => {
    const [victim, attacker] = await Promise.all([signUpWithPassword(project), signUpWithPassword(project)]);
    const planted = await signIn(attacker);
    const fresh = await signIn(victim, { "access-token": planted.accessToken, "refresh-token": planted.refreshToken });
    expect(fresh.refreshToken).not.toBe(planted.refreshToken);
    expect(decodePayload(fresh.accessToken).refresh_token_id).not.toBe(decodePayload(planted.accessToken).refresh_token_id);
    expect(decodePayload(fresh.accessToken).sub).toBe(victim.userId);
    // The planted session stays the attacker's own: it never reaches the victim's account.
    expect(subjectOf(await refreshWithOAuth(project.projectId, planted.refreshToken))).toBe(attacker.userId);
  });

  it("keeps an anonymous session planted before a sign-in to an existing account on the anonymous user", async () => {
    const victim = await signUpWithPassword(project);
    const planted = await anonymousSignUp();
    const fresh = await signIn(victim, { "access-token": planted.accessToken, "allow-anonymous-user": "true" });
    expect(decodePayload(fresh.accessToken).sub).toBe(victim.userId);
    expect(subjectOf(await refreshWithOAuth(project.projectId, planted.refreshToken))).toBe(planted.userId);
  });

  it("ends the anonymous sessions when an anonymous user signs up in place, so a planted one does not become the account", async () => {
    const planted = await anonymousSignUp();
    const signUp = await api("/api/v1/auth/password/sign-up", {
      headers: client({ "access-token": planted.accessToken, "allow-anonymous-user": "true" }),
      body: { email: uniqueEmail("fixated"), password: "correct horse battery" },
    });
    expect(signUp.body.user_id).toBe(planted.userId);
    expect(signUp.body.refresh_token).not.toBe(planted.refreshToken);
    await expectDead(planted.refreshToken);
  });

  it("ends the anonymous sessions when an anonymous user signs in with a code for a new address", async () => {
    const planted = await anonymousSignUp();
    const email = uniqueEmail("fixated-otp");
    await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email, callback_url: "http://localhost:3000/handler/magic-link-callback" } });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
    const signIn = await api("/api/v1/auth/otp/sign-in", { headers: client({ "access-token": planted.accessToken, "allow-anonymous-user": "true" }), body: { code } });
    expect(signIn.body).toMatchObject({ user_id: planted.userId, is_new_user: true });
    await expectDead(planted.refreshToken);
  });
});

describe("a password change or reset with three other sessions (AU-11)", () => {
  async function userWithThreeOthers() {
    const user = await signUpWithPassword(project);
    const others = await Promise.all([signIn(user), signIn(user), signIn(user)]);
    return { user, others };
  }

  it("a change ends the three other sessions, keeps the one that made it, and their access tokens live at most 10 minutes", async () => {
    const { user, others } = await userWithThreeOthers();
    const changed = await api("/api/v1/auth/password/update", {
      headers: client({ "access-token": user.accessToken, "refresh-token": user.refreshToken }),
      body: { old_password: user.password, new_password: "a brand new passphrase" },
    });
    expect(changed.body).toEqual({ success: true });
    for (const other of others) await expectDead(other.refreshToken);
    expect((await refreshWithOAuth(project.projectId, user.refreshToken)).status).toBe(200);
    for (const other of others) {
      const { iat, exp } = decodePayload(other.accessToken);
      expect(exp - iat).toBeLessThanOrEqual(600);
    }
    const listed = await api("/api/v1/auth/sessions?user_id=me", { headers: client({ "access-token": user.accessToken }) });
    expect(listed.body.items).toHaveLength(1);
  });

  it("a reset ends every session, the three others and the one that asked for it", async () => {
    const { user, others } = await userWithThreeOthers();
    await api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email: user.email, callback_url: "http://localhost:3000/handler/password-reset" } });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, user.email));
    const reset = await api("/api/v1/auth/password/reset", { headers: client(), body: { code, password: "a brand new passphrase" } });
    expect(reset.body).toEqual({ success: true });
    for (const tokens of [user, ...others]) await expectDead(tokens.refreshToken);
  });
});

describe("two people on one browser (TK-11)", () => {
  it("B signing in after A signed out gets fresh tokens of B's own, even when A's are still sent", async () => {
    const [alice, bob] = await Promise.all([signUpWithPassword(project), signUpWithPassword(project)]);
    const signedOut = await api("/api/v1/auth/sessions/current", { method: "DELETE", headers: client({ "access-token": alice.accessToken }), body: {} });
    expect(signedOut.body).toEqual({ success: true });

    const bobs = await signIn(bob, { "access-token": alice.accessToken, "refresh-token": alice.refreshToken });
    expect(bobs.refreshToken).not.toBe(alice.refreshToken);
    expect(decodePayload(bobs.accessToken)).toMatchObject({ sub: bob.userId });
    expect(decodePayload(bobs.accessToken).refresh_token_id).not.toBe(decodePayload(alice.accessToken).refresh_token_id);
    expect(subjectOf(await refreshWithOAuth(project.projectId, bobs.refreshToken))).toBe(bob.userId);
    await expectDead(alice.refreshToken);
  });

  it("never reuses a session id: every sign-in of either person opens a new one", async () => {
    const [alice, bob] = await Promise.all([signUpWithPassword(project), signUpWithPassword(project)]);
    const sessions = [alice, bob, ...(await Promise.all([signIn(alice), signIn(bob), signIn(alice), signIn(bob)]))];
    const ids = sessions.map((tokens) => decodePayload(tokens.accessToken).refresh_token_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(sessions.map((tokens) => tokens.refreshToken)).size).toBe(sessions.length);
  });
});
