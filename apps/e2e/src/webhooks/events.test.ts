import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BackendProcess } from "../harness/backend-process";
import { responseCheckEnv } from "../harness/global-setup";
import { testEnv } from "../harness/rest";
import { type WebhookDeployment, apiOf, startReceiver, waitFor, webhookDeployment } from "./deployment";

// Each event of the catalog, after the API call that causes it, verified with the svix package as receivers do.

let deployment: WebhookDeployment;
let backend: BackendProcess;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let api: ReturnType<typeof apiOf>;
let endpointId: string;
const logFile = join(tmpdir(), `hexclave-webhooks-${process.pid}-${Date.now()}.log`);

beforeAll(async () => {
  deployment = await webhookDeployment(responseCheckEnv(testEnv()));
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
    const created = await nextEvents(seen, 3);
    expect(created.map((event) => event.type)).toEqual(["user.created", "team.created", "team_membership.created"]);
    expect(created[0]!.data).toEqual(user.body);
    const personalTeam = await api("GET", `/teams/${personalTeamId}`);
    expect(created[1]!.data).toEqual(personalTeam.body);
    expect(created[2]!.data).toEqual({ team_id: personalTeamId, user_id: user.body.id });
    seen += 3;

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
    expect((await nextEvents(seen++, 1))[0]).toMatchObject({ type: "team_membership.created", data: membership });

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
    const [userDeleted] = await nextEvents(seen++, 1);
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
    const [created] = await nextEvents(seen, 3);
    expect(created).toMatchObject({ type: "user.created", data: { id: userId, primary_email: "hook-sign-up@example.com", has_password: true, selected_team: null } });
    const user = await api<{ signed_up_at_millis: number }>("GET", `/users/${userId}`);
    expect(created!.data.signed_up_at_millis).toBe(user.body.signed_up_at_millis);
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
    const test = await api("POST", "/internal/send-test-webhook", { endpoint_id: endpointId }, "admin");
    expect(test.body).toEqual({ success: true });
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
