import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, listEmails } from "../harness/maildev";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, signUpWithPassword, sql, testEnv, uniqueEmail, refreshWithOAuth } from "../harness/rest";

// The users REST contract and the password sign-up and sign-in routes.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const SERVER_USER_KEYS = [
  "id",
  "primary_email",
  "primary_email_verified",
  "primary_email_auth_enabled",
  "display_name",
  "selected_team",
  "selected_team_id",
  "profile_image_url",
  "signed_up_at_millis",
  "has_password",
  "otp_auth_enabled",
  "passkey_auth_enabled",
  "client_metadata",
  "client_read_only_metadata",
  "server_metadata",
  "last_active_at_millis",
  "is_anonymous",
  "is_restricted",
  "restricted_reason",
  "restricted_by_admin",
  "restricted_by_admin_reason",
  "restricted_by_admin_private_details",
  "country_code",
  "risk_scores",
  "oauth_providers",
  "auth_with_email",
  "requires_totp_mfa",
].sort();

const SERVER_ONLY_KEYS = [
  "server_metadata",
  "last_active_at_millis",
  "primary_email_auth_enabled",
  "country_code",
  "risk_scores",
  "restricted_by_admin_private_details",
];
const CLIENT_USER_KEYS = SERVER_USER_KEYS.filter((key) => !SERVER_ONLY_KEYS.includes(key));

let project: TestProject;
const server = (extra: Record<string, string> = {}) => projectHeaders(project, "server", extra);
const client = (extra: Record<string, string> = {}) => projectHeaders(project, "client", extra);

beforeAll(async () => {
  project = await createTestProject("users contract");
});

const createUser = (body: Record<string, unknown>, target = project) => api("/api/v1/users", { headers: projectHeaders(target, "server"), body });
const signIn = (email: string, password: string) => api("/api/v1/auth/password/sign-in", { headers: client(), body: { email, password } });
const refresh = (refreshToken: string) => refreshWithOAuth(project.projectId, refreshToken);

describe("user objects", () => {
  it("POST /users answers 201 with exactly the ServerUser fields", async () => {
    const email = uniqueEmail("Created");
    const response = await createUser({ primary_email: email, display_name: "Ada", server_metadata: { tier: 1 } });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(SERVER_USER_KEYS);
    expect(response.body).toMatchObject({
      primary_email: email.toLowerCase(),
      primary_email_verified: false,
      display_name: "Ada",
      has_password: false,
      server_metadata: { tier: 1 },
      client_metadata: null,
      is_anonymous: false,
      is_restricted: false,
      restricted_reason: null,
      oauth_providers: [],
    });
    expect(response.body.id).toMatch(UUID);
    expect(response.body.risk_scores).toEqual({ sign_up: { bot: expect.any(Number), free_trial_abuse: expect.any(Number) } });
    expect(typeof response.body.signed_up_at_millis).toBe("number");
  });

  it("sign-up answers access_token, refresh_token and user_id", async () => {
    const response = await api("/api/v1/auth/password/sign-up", {
      headers: client(),
      body: { email: uniqueEmail(), password: "correct horse battery" },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), user_id: expect.stringMatching(UUID) });
  });

  it("client GET /users/me has exactly the client subset of fields", async () => {
    const user = await signUpWithPassword(project);
    const me = await api("/api/v1/users/me", { headers: client({ "access-token": user.accessToken }) });
    expect(me.status).toBe(200);
    expect(Object.keys(me.body).sort()).toEqual(CLIENT_USER_KEYS);
    expect(me.body).toMatchObject({ id: user.userId, primary_email: user.email, has_password: true, auth_with_email: true });
  });

  it("server GET /users/me with an access token has the ServerUser fields", async () => {
    const user = await signUpWithPassword(project);
    const me = await api("/api/v1/users/me", { headers: server({ "access-token": user.accessToken }) });
    expect(me.status).toBe(200);
    expect(Object.keys(me.body).sort()).toEqual(SERVER_USER_KEYS);
    expect(me.body).toMatchObject({ id: user.userId, primary_email_auth_enabled: true });
  });

  it("POST /users with an email another account signs in with → 409 USER_EMAIL_ALREADY_EXISTS", async () => {
    const user = await signUpWithPassword(project);
    const response = await createUser({ primary_email: user.email.toUpperCase(), primary_email_auth_enabled: true });
    expectKnownError(response, "USER_EMAIL_ALREADY_EXISTS", 409);
    expect(response.body.details.email).toBe(user.email);
  });
});

describe("GET /users pagination and search", () => {
  let listed: TestProject;
  let users: { id: string; email: string; display_name: string }[];
  const list = (query: Record<string, string>) =>
    api(`/api/v1/users?${new URLSearchParams(query)}`, { headers: projectHeaders(listed, "server") });

  beforeAll(async () => {
    listed = await createTestProject("users list");
    const names = ["Alpha Lovelace", "Bravo 100% real", "Charlie under_score", "Delta Hopper", "Echo Turing"];
    users = [];
    for (const [index, name] of names.entries()) {
      const email = uniqueEmail(`list${index}`);
      const created = await createUser({ primary_email: email, display_name: name }, listed);
      expect(created.status).toBe(201);
      users.push({ id: created.body.id, email, display_name: name });
    }
  });

  it("limit=2 gives two items and next_cursor = id of the third user", async () => {
    const page = await list({ limit: "2" });
    expect(page.status).toBe(200);
    expect(page.body.is_paginated).toBe(true);
    expect(page.body.items.map((u: { id: string }) => u.id)).toEqual([users[0]!.id, users[1]!.id]);
    expect(page.body.pagination).toEqual({ next_cursor: users[2]!.id });
  });

  it("following cursors visits every user exactly once in signed_up_at order", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: any = await list(cursor ? { limit: "2", cursor } : { limit: "2" });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((u: { id: string }) => u.id));
      cursor = page.body.pagination.next_cursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(users.map((u) => u.id));
  });

  it("desc=true reverses the order, cursors included", async () => {
    const first = await list({ limit: "2", desc: "true" });
    expect(first.body.items.map((u: { id: string }) => u.id)).toEqual([users[4]!.id, users[3]!.id]);
    expect(first.body.pagination.next_cursor).toBe(users[2]!.id);
    const second = await list({ limit: "2", desc: "true", cursor: first.body.pagination.next_cursor });
    expect(second.body.items.map((u: { id: string }) => u.id)).toEqual([users[2]!.id, users[1]!.id]);
  });

  it("without limit returns every user with next_cursor null", async () => {
    const page = await list({});
    expect(page.body.items.map((u: { id: string }) => u.id)).toEqual(users.map((u) => u.id));
    expect(page.body.pagination).toEqual({ next_cursor: null });
  });

  it("query matches a display-name substring case-insensitively", async () => {
    const page = await list({ query: "lOVELACE" });
    expect(page.body.items.map((u: { id: string }) => u.id)).toEqual([users[0]!.id]);
  });

  it("query matches an email substring case-insensitively", async () => {
    const needle = users[3]!.email.split("@")[0]!.slice(2).toUpperCase();
    const page = await list({ query: needle });
    expect(page.body.items.map((u: { id: string }) => u.id)).toEqual([users[3]!.id]);
  });

  it("query equal to a user id finds that user", async () => {
    const page = await list({ query: users[4]!.id });
    expect(page.body.items.map((u: { id: string }) => u.id)).toEqual([users[4]!.id]);
  });

  it.each([
    ["%", 1],
    ["_", 2],
  ])("query %s is matched literally, not as a LIKE wildcard", async (wildcard, index) => {
    const page = await list({ query: wildcard });
    expect(page.status).toBe(200);
    expect(page.body.items.map((u: { id: string }) => u.id)).toEqual([users[index]!.id]);
  });
});

describe("updating users", () => {
  const patch = (id: string, body: Record<string, unknown>) => api(`/api/v1/users/${id}`, { method: "PATCH", headers: server(), body });

  it('PATCH display_name "" stores null', async () => {
    const created = await createUser({ display_name: "Named" });
    const response = await patch(created.body.id, { display_name: "" });
    expect(response.status).toBe(200);
    expect(response.body.display_name).toBeNull();
    expect((await api(`/api/v1/users/${created.body.id}`, { headers: server() })).body.display_name).toBeNull();
  });

  it("PATCH client_metadata and server_metadata are stored and returned", async () => {
    const created = await createUser({});
    const response = await patch(created.body.id, { client_metadata: { theme: "dark" }, server_metadata: { plan: ["pro"] } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ client_metadata: { theme: "dark" }, server_metadata: { plan: ["pro"] } });
    const read = await api(`/api/v1/users/${created.body.id}`, { headers: server() });
    expect(read.body).toMatchObject({ client_metadata: { theme: "dark" }, server_metadata: { plan: ["pro"] } });
  });

  it("PATCH password revokes the user's sessions and the new password signs in", async () => {
    const user = await signUpWithPassword(project);
    expect((await refresh(user.refreshToken)).status).toBe(200);
    const response = await patch(user.userId, { password: "a brand new password" });
    expect(response.status).toBe(200);
    expectKnownError(await refresh(user.refreshToken), "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", 401);
    expect((await signIn(user.email, "a brand new password")).status).toBe(200);
    expectKnownError(await signIn(user.email, user.password), "EMAIL_PASSWORD_MISMATCH", 400);
  });

  it("PATCH primary_email switches to the new, unverified address", async () => {
    const created = await createUser({ primary_email: uniqueEmail(), primary_email_verified: true });
    const next = uniqueEmail("moved");
    const response = await patch(created.body.id, { primary_email: next });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ primary_email: next, primary_email_verified: false });
    expect((await api(`/api/v1/users/${created.body.id}`, { headers: server() })).body.primary_email).toBe(next);
  });
});

describe("reading and deleting users", () => {
  it("GET /users/{unknown uuid} → 404 USER_NOT_FOUND", async () => {
    expectKnownError(await api("/api/v1/users/6f1e5c1a-0000-4000-8000-000000000000", { headers: server() }), "USER_NOT_FOUND", 404);
  });

  it('DELETE /users/{id} answers {"success":true} and the user is gone', async () => {
    const created = await createUser({ primary_email: uniqueEmail() });
    const deleted = await api(`/api/v1/users/${created.body.id}`, { method: "DELETE", headers: server() });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true });
    expectKnownError(await api(`/api/v1/users/${created.body.id}`, { headers: server() }), "USER_NOT_FOUND", 404);
  });

  it("client DELETE /users/me → 400 plain text while client deletion is disabled", async () => {
    const user = await signUpWithPassword(project);
    const response = await api("/api/v1/users/me", { method: "DELETE", headers: client({ "access-token": user.accessToken }) });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.headers.get("x-stack-known-error")).toBeNull();
    expect((await api(`/api/v1/users/${user.userId}`, { headers: server() })).status).toBe(200);
  });

  it("GET /users with client access → 401 INSUFFICIENT_ACCESS_TYPE", async () => {
    const response = await api("/api/v1/users", { headers: client() });
    expectKnownError(response, "INSUFFICIENT_ACCESS_TYPE", 401);
    expect(response.body.details).toMatchObject({ actual_access_type: "client" });
  });

  it("server GET /users/me without an access token → 400 CANNOT_GET_OWN_USER_WITHOUT_USER", async () => {
    expectKnownError(await api("/api/v1/users/me", { headers: server() }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
  });

  it.each([
    ["PATCH", "/api/v1/users/me", {}],
    ["DELETE", "/api/v1/users/me", undefined],
    ["GET", "/api/v1/teams?user_id=me", undefined],
    ["GET", "/api/v1/contact-channels?user_id=me", undefined],
    ["GET", "/api/v1/team-member-profiles?user_id=me", undefined],
    ["GET", "/api/v1/auth/sessions?user_id=me", undefined],
  ])("server %s %s with no user → 400 CANNOT_GET_OWN_USER_WITHOUT_USER", async (method, path, body) => {
    expectKnownError(await api(path, { method, headers: server(), body }), "CANNOT_GET_OWN_USER_WITHOUT_USER", 400);
  });
});

describe("password sign-in", () => {
  it("a wrong password → 400 EMAIL_PASSWORD_MISMATCH", async () => {
    const user = await signUpWithPassword(project);
    expectKnownError(await signIn(user.email, "not the password"), "EMAIL_PASSWORD_MISMATCH", 400);
  });

  it("an unknown email → 400 EMAIL_PASSWORD_MISMATCH", async () => {
    expectKnownError(await signIn(uniqueEmail("nobody"), "correct horse battery"), "EMAIL_PASSWORD_MISMATCH", 400);
  });

  it("an upper-cased email signs in to the same user", async () => {
    const user = await signUpWithPassword(project);
    const response = await signIn(user.email.toUpperCase(), user.password);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user_id: user.userId, access_token: expect.any(String), refresh_token: expect.any(String) });
  });
});

const CALLBACK = "http://localhost:3000/handler/callback";

/** Lets the outbox send what is queued, so a count of arrived mail is final. */
async function settleOutbox() {
  await fetch(`${testEnv().backendUrl}/api/latest/internal/email-queue-step`, { headers: { authorization: `Bearer ${testEnv().cronSecret}` } });
}

const mailTo = async (address: string) => (await listEmails(testEnv().maildev.webUrl)).filter((mail) => mail.to.some((to) => to.address === address));
const signInChannels = (address: string) =>
  sql<{ user_id: string }>(
    "select c.user_id from contact_channels c join tenancies t on t.id = c.tenancy_id where t.project_id = $1 and c.value = $2 and c.used_for_auth",
    [project.projectId, address],
  );

// AU-07: changing the email needs no re-authentication. Stack Auth's API lets a signed-in client PATCH /users/me
// primary_email with no password field, and the published SDKs do, so the change is accepted; what holds instead is
// that the new address signs in, and receives password resets, only once its owner has verified it.
describe("changing the email without re-authentication (AU-07)", () => {
  it("is accepted, but the new address neither signs in nor gets a reset link until verified", async () => {
    const user = await signUpWithPassword(project);
    const next = uniqueEmail("changed");
    const changed = await api("/api/v1/users/me", { method: "PATCH", headers: client({ "access-token": user.accessToken }), body: { primary_email: next } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ primary_email: next, primary_email_verified: false });
    expectKnownError(await signIn(next, user.password), "EMAIL_PASSWORD_MISMATCH", 400);
    const reset = await api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email: next, callback_url: CALLBACK } });
    expect(reset.status).toBe(200);
    await settleOutbox();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mailTo(next)).toEqual([]);
  });
});

// CC-03: two users move to the same new address at the same moment.
describe("two users changing to one address at once (CC-03)", () => {
  it("as a sign-in address set by the server: one wins, the other gets 409 USER_EMAIL_ALREADY_EXISTS", async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = [await signUpWithPassword(project), await signUpWithPassword(project)];
      const address = uniqueEmail("contested");
      const body = { primary_email: address, primary_email_verified: true, primary_email_auth_enabled: true };
      const responses = await Promise.all([a, b].map((user) => api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: server(), body })));
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expectKnownError(responses.find((response) => response.status === 409)!, "USER_EMAIL_ALREADY_EXISTS", 409);
      const winner = responses[0]!.status === 200 ? a : b;
      expect(await signInChannels(address)).toEqual([{ user_id: winner.userId }]);
      expect((await signIn(address, winner.password)).body.user_id).toBe(winner.userId);
    }
  });

  // A client's new address waits for verification and blocks nobody (so no one can lock its owner out by claiming it
  // first); the contest is decided when the claims are verified. Regression: a verification that overlapped another
  // of the same address answered 500 with its code spent. Four claimants a round make the overlap near certain.
  it("as addresses several clients claim and verify at once: one signs in with it, the others do not, and nothing fails", async () => {
    for (let round = 0; round < 5; round++) {
      const claimants = await Promise.all([1, 2, 3, 4].map((n) => signUpWithPassword(project, uniqueEmail(), `claimant ${n}'s passphrase`)));
      const address = uniqueEmail("claimed");
      for (const user of claimants) {
        const headers = client({ "access-token": user.accessToken });
        expect((await api("/api/v1/users/me", { method: "PATCH", headers, body: { primary_email: address } })).status).toBe(200);
        expect((await api("/api/v1/contact-channels/send-verification-code", { headers, body: { email: address, callback_url: CALLBACK } })).status).toBe(200);
      }
      await settleOutbox();
      await expect.poll(async () => (await mailTo(address)).length, { timeout: 15_000 }).toBe(claimants.length);
      const codes = (await mailTo(address)).map(codeFromEmail);
      const verified = await Promise.all(codes.map((code) => api("/api/v1/contact-channels/verify", { headers: client(), body: { code } })));
      for (const response of verified) expect(response.status, response.text).toBeLessThan(500);
      const holders = await signInChannels(address);
      expect(holders).toHaveLength(1);
      for (const user of claimants) {
        const signedIn = await signIn(address, user.password);
        if (user.userId === holders[0]!.user_id) expect(signedIn.body.user_id).toBe(user.userId);
        else expectKnownError(signedIn, "EMAIL_PASSWORD_MISMATCH", 400);
      }
    }
  });
});
