import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackendProcess } from "../harness/backend-process";
import { responseCheckEnv } from "../harness/global-setup";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { oauthSignIn } from "../harness/oauth";
import { testEnv } from "../harness/rest";
import { SoftAuthenticator } from "../harness/soft-authenticator";
import { type WebhookDeployment, apiOf, startReceiver, waitFor, webhookDeployment } from "./deployment";

// Each event of the catalog, after the API call that causes it, verified with the svix package as receivers do.

let deployment: WebhookDeployment;
let backend: BackendProcess;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: ReturnType<typeof apiOf>;
let endpointId: string;
const logFile = join(tmpdir(), `hexclave-webhooks-${process.pid}-${Date.now()}.log`);
const publishableClientKey = `pck_${randomBytes(20).toString("hex")}`;

// Verification emails go to the suite's maildev, for the contact-channel test; OAuth on the shared keys signs in at
// the suite's mock provider.
const suiteEnv = () => ({
  STACK_SEED_INTERNAL_PROJECT_PUBLISHABLE_CLIENT_KEY: publishableClientKey,
  STACK_OAUTH_MOCK_URL: testEnv().mockOAuthUrl,
  STACK_EMAIL_HOST: "127.0.0.1",
  STACK_EMAIL_PORT: String(testEnv().maildev.smtpPort),
  STACK_EMAIL_SECURE: "false",
  STACK_EMAIL_SENDER: "noreply@hexclave.test",
  STACK_EMAIL_WORKER_INTERVAL_MS: "100",
  STACK_EMAIL_RATE_LIMIT_PER_IP: "1000000",
});

beforeAll(async () => {
  deployment = await webhookDeployment({ ...responseCheckEnv(testEnv()), ...suiteEnv() });
  backend = await deployment.start({}, { quiet: true, logFile });
  api = apiOf(backend.url, deployment.keys);
  receiver = await startReceiver();
  const created = await api<{ id: string; secret: string }>("POST", "/internal/webhooks/endpoints", { url: receiver.url, description: "e2e" }, "admin");
  expect(created.status).toBe(201);
  receiver.state.secrets.push(created.body.secret);
  endpointId = created.body.id;
});
afterAll(async () => {
  await backend?.stop();
  await receiver?.close();
  await deployment?.drop();
});

/** The events received after `count` earlier ones, once `n` of them are there. */
async function nextEvents(from: number, n: number) {
  await waitFor(() => receiver.state.received.length >= from + n, 10_000, `${n} webhook(s)`);
  return receiver.state.received.slice(from, from + n);
}

describe("webhook events", () => {
  it("arrive once each, in order, with the catalog's payloads, after the calls that cause them", async () => {
    let seen = receiver.state.received.length;
    const user = await api<Record<string, unknown> & { id: string }>("POST", "/users", { primary_email: "hook-user@example.com", display_name: "Hook" });
    expect(user.status).toBe(201);
    const personalTeamId = (await api<{ selected_team_id: string }>("GET", `/users/${user.body.id}`)).body.selected_team_id;
    const created = await nextEvents(seen, 4);
    expect(created.map((event) => event.type)).toEqual(["user.created", "team.created", "team_membership.created", "team_permission.created"]);
    expect(created[0]!.data).toEqual(user.body);
    const personalTeam = await api("GET", `/teams/${personalTeamId}`);
    expect(created[1]!.data).toEqual(personalTeam.body);
    expect(created[2]!.data).toEqual({ team_id: personalTeamId, user_id: user.body.id });
    // The creator's default permission in its personal team.
    expect(created[3]!.data).toEqual({ id: "team_admin", team_id: personalTeamId, user_id: user.body.id });
    seen += 4;

    const updated = await api("PATCH", `/users/${user.body.id}`, { display_name: "Hooked" });
    const [userUpdated] = await nextEvents(seen++, 1);
    expect(userUpdated).toMatchObject({ type: "user.updated", data: updated.body });

    const team = await api<{ id: string }>("POST", "/teams", { display_name: "Hook team" });
    const [teamCreated] = await nextEvents(seen++, 1);
    expect(teamCreated).toMatchObject({ type: "team.created", data: team.body });
    const teamUpdated = await api("PATCH", `/teams/${team.body.id}`, { display_name: "Hook team 2" });
    expect((await nextEvents(seen++, 1))[0]).toMatchObject({ type: "team.updated", data: teamUpdated.body });

    expect((await api("POST", `/team-memberships/${team.body.id}/${user.body.id}`, {})).status).toBe(201);
    const membership = { team_id: team.body.id, user_id: user.body.id };
    const joined = await nextEvents(seen, 2);
    expect(joined.map(({ type, data }) => ({ type, data }))).toEqual([
      { type: "team_membership.created", data: membership },
      { type: "team_permission.created", data: { id: "team_member", ...membership } },
    ]);
    seen += 2;

    expect((await api("POST", `/team-permissions/${team.body.id}/${user.body.id}/$update_team`, {})).status).toBe(201);
    expect((await nextEvents(seen++, 1))[0]).toMatchObject({ type: "team_permission.created", data: { id: "$update_team", ...membership } });
    // A grant that is there already changes nothing, and sends nothing.
    await api("POST", `/team-permissions/${team.body.id}/${user.body.id}/$update_team`, {});
    expect((await api("DELETE", `/team-permissions/${team.body.id}/${user.body.id}/$update_team`)).status).toBe(200);
    expect((await nextEvents(seen++, 1))[0]).toMatchObject({ type: "team_permission.deleted", data: { id: "$update_team", ...membership } });

    expect((await api("POST", "/project-permission-definitions", { id: "hook_reader" }, "admin")).status).toBe(201);
    expect((await api("POST", `/project-permissions/${user.body.id}/hook_reader`, {})).status).toBe(201);
    expect((await nextEvents(seen++, 1))[0]).toMatchObject({ type: "project_permission.created", data: { id: "hook_reader", user_id: user.body.id } });
    expect((await api("DELETE", `/project-permissions/${user.body.id}/hook_reader`)).status).toBe(200);
    expect((await nextEvents(seen++, 1))[0]).toMatchObject({ type: "project_permission.deleted", data: { id: "hook_reader", user_id: user.body.id } });

    expect((await api("DELETE", `/team-memberships/${team.body.id}/${user.body.id}`)).status).toBe(200);
    expect((await nextEvents(seen++, 1))[0]).toMatchObject({ type: "team_membership.deleted", data: membership });
    expect((await api("DELETE", `/teams/${team.body.id}`)).status).toBe(200);
    expect((await nextEvents(seen++, 1))[0]).toMatchObject({ type: "team.deleted", data: { id: team.body.id } });
    expect((await api("DELETE", `/users/${user.body.id}`)).status).toBe(200);
    const [left, userDeleted] = await nextEvents(seen, 2);
    seen += 2;
    expect(left).toMatchObject({ type: "team_membership.deleted", data: { team_id: personalTeamId, user_id: user.body.id } });
    expect(userDeleted).toMatchObject({ type: "user.deleted", data: { id: user.body.id, teams: [{ id: personalTeamId }] } });

    // Nothing more, and nothing twice.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.state.received).toHaveLength(seen);
    expect(new Set(receiver.state.received.map((event) => event.id)).size).toBe(seen);
    expect(receiver.state.unverified).toBe(0);
  });

  it("send user.created for a password sign-up through the client API", async () => {
    const seen = receiver.state.received.length;
    const signUp = await fetch(`${backend.url}/api/v1/auth/password/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client" },
      body: JSON.stringify({ email: "hook-sign-up@example.com", password: "correct horse battery staple" }),
    });
    expect(signUp.status).toBe(200);
    const { user_id: userId } = (await signUp.json()) as { user_id: string };
    // user.created, the personal team, its membership and the creator's permission in it.
    const [created] = await nextEvents(seen, 4);
    expect(created).toMatchObject({ type: "user.created", data: { id: userId, primary_email: "hook-sign-up@example.com", has_password: true, selected_team: null } });
    const user = await api<{ signed_up_at_millis: number }>("GET", `/users/${userId}`);
    expect(created!.data.signed_up_at_millis).toBe(user.body.signed_up_at_millis);
  });

  it("send team_membership.deleted for each membership a deleted team or user takes with it, before its own event", async () => {
    let seen = receiver.state.received.length;
    const users: { id: string; personalTeamId: string }[] = [];
    for (const name of ["cascade-a", "cascade-b"]) {
      const created = await api<{ id: string }>("POST", "/users", { primary_email: `hook-${name}@example.com` });
      const personalTeamId = (await api<{ selected_team_id: string }>("GET", `/users/${created.body.id}`)).body.selected_team_id;
      users.push({ id: created.body.id, personalTeamId });
    }
    const team = await api<{ id: string }>("POST", "/teams", { display_name: "Cascade", creator_user_id: users[0]!.id });
    expect((await api("POST", `/team-memberships/${team.body.id}/${users[1]!.id}`, {})).status).toBe(201);
    // Four events per user, three for the team with its creator, two for the second member.
    await nextEvents(seen, 4 + 4 + 3 + 2);
    seen += 13;

    expect((await api("DELETE", `/teams/${team.body.id}`)).status).toBe(200);
    const teamGone = await nextEvents(seen, 3);
    seen += 3;
    expect(teamGone.map(({ type, data }) => ({ type, data }))).toEqual([
      ...users.map((user) => ({ type: "team_membership.deleted", data: { team_id: team.body.id, user_id: user.id } })),
      { type: "team.deleted", data: { id: team.body.id } },
    ]);

    const [first] = users;
    expect((await api("DELETE", `/users/${first!.id}`)).status).toBe(200);
    const userGone = await nextEvents(seen, 2);
    expect(userGone.map(({ type, data }) => ({ type, data }))).toEqual([
      { type: "team_membership.deleted", data: { team_id: first!.personalTeamId, user_id: first!.id } },
      { type: "user.deleted", data: { id: first!.id, teams: [{ id: first!.personalTeamId }] } },
    ]);
  });

  it("send user.updated, as the server API answers the user, for contact-channel changes that alter it, verification included", async () => {
    let seen = receiver.state.received.length;
    const user = await api<{ id: string }>("POST", "/users", { primary_email: "hook-channels@example.com", primary_email_auth_enabled: true });
    await nextEvents(seen, 4);
    seen += 4;
    const serverView = async () => (await api("GET", `/users/${user.body.id}`)).body;
    const nextUserUpdated = async () => {
      const [event] = await nextEvents(seen++, 1);
      expect(event!.type).toBe("user.updated");
      return event!.data;
    };

    // A channel that is not the primary email changes nothing the server answers for the user: its promotion is next.
    const second = await api<{ id: string }>("POST", "/contact-channels", { user_id: user.body.id, type: "email", value: "hook-second@example.com", used_for_auth: false });
    expect(second.status).toBe(201);
    const path = `/contact-channels/${user.body.id}/${second.body.id}`;
    expect((await api("PATCH", path, { is_primary: true })).status).toBe(200);
    expect(await nextUserUpdated()).toEqual(await serverView());
    expect((await serverView()).primary_email).toBe("hook-second@example.com");

    const callback = "http://localhost:3000/handler/email-verification";
    expect((await api("POST", `${path}/send-verification-code`, { callback_url: callback })).status).toBe(200);
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, "hook-second@example.com"));
    const verified = await fetch(`${backend.url}/api/v1/contact-channels/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client" },
      body: JSON.stringify({ code }),
    });
    expect(verified.status).toBe(200);
    const afterVerification = await nextUserUpdated();
    expect(afterVerification).toEqual(await serverView());
    expect(afterVerification.primary_email_verified).toBe(true);

    expect((await api("DELETE", path)).status).toBe(200);
    const afterRemoval = await nextUserUpdated();
    expect(afterRemoval).toEqual(await serverView());
    expect(afterRemoval.primary_email).toBeNull();
  });

  it("send user.updated for a first password, an OAuth link or unlink and a first passkey; nothing for what the server view does not show", async () => {
    const config = { oauth_providers: [{ id: "spotify", type: "shared" }, { id: "github", type: "shared" }], passkey_enabled: true };
    expect((await api("PATCH", "/internal/projects/current", { config }, "admin")).status).toBe(200);
    const project = { projectId: "internal", publishableClientKey };
    let seen = receiver.state.received.length;
    const signUp = await oauthSignIn(project, { email: "hook-oauth@example.com" }, { baseUrl: backend.url, providerId: "spotify" });
    expect(signUp.tokens.status).toBe(200);
    const accessToken: string = signUp.tokens.body.access_token;
    const asUser = async (path: string, body: unknown) => {
      const headers = {
        "content-type": "application/json",
        "x-hexclave-project-id": "internal",
        "x-hexclave-access-type": "client",
        "x-hexclave-publishable-client-key": publishableClientKey,
        "x-hexclave-access-token": accessToken,
      };
      const response = await fetch(`${backend.url}/api/v1${path}`, { method: "POST", headers, body: JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    };
    // The user, its personal team, its membership and the creator's permission in it.
    const created = await nextEvents(seen, 4);
    expect(created[0]).toMatchObject({ type: "user.created", data: { oauth_providers: [{ id: "spotify", email: "hook-oauth@example.com" }] } });
    const userId = String(created[0]!.data.id);
    seen += 4;
    const serverView = async () => (await api("GET", `/users/${userId}`)).body;
    const nextUserUpdated = async () => {
      const [event] = await nextEvents(seen++, 1);
      expect(event!.type).toBe("user.updated");
      return event!.data;
    };

    // Signing in again with the same provider account changes nothing the server answers: the password's event is next.
    expect((await oauthSignIn(project, { email: "hook-oauth@example.com" }, { baseUrl: backend.url, providerId: "spotify" })).tokens.status).toBe(200);
    expect(await asUser("/auth/password/set", { password: "a first password" })).toMatchObject({ status: 200 });
    const withPassword = await nextUserUpdated();
    expect(withPassword).toEqual(await serverView());
    expect(withPassword).toMatchObject({ has_password: true });
    // A new password for one it had: the same view, no event; the link's is next.
    expect(await asUser("/auth/password/update", { old_password: "a first password", new_password: "a second password" })).toMatchObject({ status: 200 });

    const linked = await oauthSignIn(project, { email: "hook-oauth-gh@example.com" }, { baseUrl: backend.url, providerId: "github", type: "link", token: accessToken });
    expect(linked.tokens.status).toBe(200);
    const withLink = await nextUserUpdated();
    expect(withLink).toEqual(await serverView());
    expect((withLink.oauth_providers as { id: string }[]).map((provider) => provider.id)).toEqual(["spotify", "github"]);

    const links = await api<{ items: { id: string; provider_config_id: string }[] }>("GET", `/oauth-providers?user_id=${userId}`);
    const github = links.body.items.find((link) => link.provider_config_id === "github")!;
    expect((await api("DELETE", `/oauth-providers/${userId}/${github.id}`)).status).toBe(200);
    const unlinked = await nextUserUpdated();
    expect(unlinked).toEqual(await serverView());
    expect((unlinked.oauth_providers as { id: string }[]).map((provider) => provider.id)).toEqual(["spotify"]);

    const registerPasskey = async () => {
      const started = await asUser("/auth/passkey/initiate-passkey-registration", {});
      const credential = new SoftAuthenticator().register(started.body.options_json);
      expect(await asUser("/auth/passkey/register", { code: started.body.code, credential })).toMatchObject({ status: 200 });
    };
    await registerPasskey();
    const withPasskey = await nextUserUpdated();
    expect(withPasskey).toEqual(await serverView());
    expect(withPasskey).toMatchObject({ passkey_auth_enabled: true });
    // A passkey that replaces the user's one leaves the view as it was: the marker's event is next.
    await registerPasskey();
    expect((await api("PATCH", `/users/${userId}`, { display_name: "Marker" })).status).toBe(200);
    expect(await nextUserUpdated()).toMatchObject({ display_name: "Marker", passkey_auth_enabled: true });
  });

  it("keep commit order per endpoint", async () => {
    const seen = receiver.state.received.length;
    const names = Array.from({ length: 30 }, (_, i) => `ordered-${i}`);
    for (const name of names) await api("POST", "/teams", { display_name: name });
    const events = await nextEvents(seen, names.length);
    expect(events.map((event) => event.data.display_name)).toEqual(names);
  });

  it("filter by event type, and send nothing to a disabled endpoint", async () => {
    const filtered = await startReceiver();
    const only = await api<{ id: string; secret: string }>("POST", "/internal/webhooks/endpoints", { url: filtered.url, event_types: ["team.deleted"] }, "admin");
    filtered.state.secrets.push(only.body.secret);
    const off = await api<{ id: string }>("POST", "/internal/webhooks/endpoints", { url: filtered.url, enabled: false }, "admin");
    expect(off.body).toMatchObject({ enabled: false });
    const team = await api<{ id: string }>("POST", "/teams", { display_name: "Filtered" });
    await api("DELETE", `/teams/${team.body.id}`);
    await waitFor(() => filtered.state.received.length >= 1, 10_000, "the filtered event");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(filtered.state.received.map((event) => event.type)).toEqual(["team.deleted"]);
    await filtered.close();
    await api("DELETE", `/internal/webhooks/endpoints/${only.body.id}`, undefined, "admin");
    await api("DELETE", `/internal/webhooks/endpoints/${off.body.id}`, undefined, "admin");
  });
});

describe("webhook endpoints", () => {
  it("refuse a URL that is not http(s), and unknown event types", async () => {
    const bad = await api("POST", "/internal/webhooks/endpoints", { url: "ftp://example.com/" }, "admin");
    expect(bad).toMatchObject({ status: 400, body: { code: "WEBHOOK_ENDPOINT_URL_NOT_ALLOWED" } });
    const badType = await api("POST", "/internal/webhooks/endpoints", { url: "https://example.com/", event_types: ["user.exploded"] }, "admin");
    expect(badType).toMatchObject({ status: 400, body: { code: "SCHEMA_ERROR" } });
    expect((await api("GET", "/internal/webhooks/endpoints", undefined, "server")).status).toBe(401);
    const listed = await api<{ items: { id: string }[] }>("GET", "/internal/webhooks/endpoints", undefined, "admin");
    expect(listed.body.items.map((item) => item.id)).toEqual([endpointId]);
    expect(JSON.stringify(listed.body)).not.toContain("whsec_");
    const patched = await api("PATCH", `/internal/webhooks/endpoints/${endpointId}`, { description: "renamed" }, "admin");
    expect(patched).toMatchObject({ status: 200, body: { id: endpointId, description: "renamed", enabled: true } });
    expect((await api("GET", `/internal/webhooks/endpoints/${endpointId}`, undefined, "admin")).body).toEqual(patched.body);
    const badUrl = await api("PATCH", `/internal/webhooks/endpoints/${endpointId}`, { url: "https://user:pw@example.com/" }, "admin");
    expect(badUrl).toMatchObject({ status: 400, body: { code: "WEBHOOK_ENDPOINT_URL_NOT_ALLOWED" } });
  });

  it("rotate secrets with both signatures valid during the grace period", async () => {
    const rotated = await api<{ secret: string; previous_secret_expires_at_millis: number }>("POST", `/internal/webhooks/endpoints/${endpointId}/rotate-secret`, undefined, "admin");
    expect(rotated.status).toBe(200);
    expect(rotated.body.previous_secret_expires_at_millis).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const [oldSecret] = receiver.state.secrets;
    const seen = receiver.state.received.length;
    await api("POST", "/teams", { display_name: "After rotation" });
    const [event] = await nextEvents(seen, 1);
    const { Webhook } = await import("svix");
    const signatures = String(event!.headers["webhook-signature"]).split(" ");
    expect(signatures).toHaveLength(2);
    expect(() => new Webhook(oldSecret!).verify(event!.body, event!.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(event!.body, event!.headers as Record<string, string>)).not.toThrow();
    receiver.state.secrets.push(rotated.body.secret);
  });

  it("send a test event, log deliveries and replay one with the same webhook-id", async () => {
    const seen = receiver.state.received.length;
    const sentAt = Date.now();
    const test = await api("POST", "/internal/send-test-webhook", { endpoint_id: endpointId }, "admin");
    expect(test.body).toEqual({ success: true });
    const endpoint = await api<{ last_delivered_at_millis: number }>("GET", `/internal/webhooks/endpoints/${endpointId}`, undefined, "admin");
    expect(endpoint.body.last_delivered_at_millis).toBeGreaterThanOrEqual(sentAt - 1000);
    const [testEvent] = await nextEvents(seen, 1);
    expect(testEvent!.type).toBe("stack.test");
    const log = await api<{ items: { id: string; event_id: string; status: string; attempts: number; last_response_status: number }[] }>(
      "GET",
      `/internal/webhooks/endpoints/${endpointId}/deliveries?limit=5`,
      undefined,
      "admin",
    );
    expect(log.body.items[0]).toMatchObject({ event_id: testEvent!.id, status: "delivered", attempts: 1, last_response_status: 204 });
    const replayed = await api("POST", `/internal/webhooks/endpoints/${endpointId}/deliveries/${log.body.items[1]!.id}/replay`, undefined, "admin");
    expect(replayed.body).toMatchObject({ status: "pending" });
    const [again] = await nextEvents(seen + 1, 1);
    expect(again!.id).toBe(log.body.items[1]!.event_id);
    const unknown = await api("POST", "/internal/send-test-webhook", { endpoint_id: "00000000-0000-4000-8000-000000000000" }, "admin");
    expect(unknown).toMatchObject({ status: 404, body: { code: "WEBHOOK_ENDPOINT_NOT_FOUND" } });
  });

  it("do not follow redirects: a 3xx answer is a failed attempt, logged", async () => {
    const target = await startReceiver();
    const redirecting = await startReceiver({ respond: () => ({ status: 302, headers: { location: target.url } }) });
    const endpoint = await api<{ id: string }>("POST", "/internal/webhooks/endpoints", { url: redirecting.url, event_types: ["team.created"] }, "admin");
    await api("POST", "/teams", { display_name: "Redirected" });
    let entry: { last_error: string | null; last_response_status: number | null; status: string } | undefined;
    await waitFor(
      async () => {
        const log = await api<{ items: (typeof entry & {})[] }>("GET", `/internal/webhooks/endpoints/${endpoint.body.id}/deliveries`, undefined, "admin");
        entry = log.body.items[0];
        return Boolean(entry?.last_error);
      },
      10_000,
      "the redirect's log entry",
    );
    expect(entry).toMatchObject({ last_response_status: 302, last_error: "Answered 302: redirects are not followed." });
    expect(target.state.requests).toBe(0);
    // Nothing it answered counts as delivered.
    const after = await api<{ last_delivered_at_millis: number | null }>("GET", `/internal/webhooks/endpoints/${endpoint.body.id}`, undefined, "admin");
    expect(after.body.last_delivered_at_millis).toBeNull();
    await api("DELETE", `/internal/webhooks/endpoints/${endpoint.body.id}`, undefined, "admin");
    await Promise.all([target.close(), redirecting.close()]);
  });

  it("answer svix-token with a known error when no Svix is configured", async () => {
    const answer = await api("POST", "/webhooks/svix-token", {}, "admin");
    expect(answer).toMatchObject({ status: 400, body: { code: "SVIX_NOT_CONFIGURED" } });
  });

  it("never write secrets or payloads to the backend's log", async () => {
    const log = readFileSync(logFile, "utf8");
    for (const secret of receiver.state.secrets) expect(log).not.toContain(secret.slice(6));
    expect(log).not.toContain("hook-user@example.com");
    expect(log).not.toContain("Hook team");
  });
});
