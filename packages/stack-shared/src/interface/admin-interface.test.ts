import { describe, expect, it } from "vitest";
import { AdminInterface } from "./admin-interface";
import { BASE_URL, PROJECT_ID, fakeFetch, knownError, ok, requestOf } from "./test-support";

function setup() {
  const { fetch, calls } = fakeFetch(ok({ items: [], is_paginated: false }));
  const api = new AdminInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: "js test", superSecretAdminKey: "sak_test", fetch });
  return { api, calls };
}

describe("AdminInterface permission definitions", () => {
  it.each(["team", "project"] as const)("lists %s permission definitions", async (scope) => {
    const { api, calls } = setup();
    await api.listPermissionDefinitions(scope);
    expect(requestOf(calls[0]!)).toEqual({ method: "GET", path: `/${scope}-permission-definitions`, body: undefined, accessType: "admin" });
  });

  it.each(["team", "project"] as const)("creates a %s permission definition", async (scope) => {
    const { api, calls } = setup();
    await api.createPermissionDefinition(scope, { id: "read:docs", description: "Read docs", contained_permission_ids: ["read:wiki"] });
    expect(requestOf(calls[0]!)).toEqual({
      method: "POST",
      path: `/${scope}-permission-definitions`,
      body: { id: "read:docs", description: "Read docs", contained_permission_ids: ["read:wiki"] },
      accessType: "admin",
    });
  });

  it("updates a definition under its escaped id", async () => {
    const { api, calls } = setup();
    await api.updatePermissionDefinition("team", "read:docs", { contained_permission_ids: [] });
    expect(requestOf(calls[0]!)).toEqual({
      method: "PATCH",
      path: "/team-permission-definitions/read%3Adocs",
      body: { contained_permission_ids: [] },
      accessType: "admin",
    });
  });

  it("deletes a definition", async () => {
    const { api, calls } = setup();
    await api.deletePermissionDefinition("project", "admin");
    expect(requestOf(calls[0]!)).toMatchObject({ method: "DELETE", path: "/project-permission-definitions/admin" });
    expect(calls[0]?.headers["x-hexclave-super-secret-admin-key"]).toBe("sak_test");
  });
});

describe("AdminInterface config", () => {
  // One scripted reply per request: the tests below make up to three.
  const configSetup = (...replies: Response[]) => {
    const { fetch, calls } = fakeFetch(...(replies.length ? replies : [ok({ config_string: "{}" }), ok({ success: true }), ok({ success: true })]));
    return { api: new AdminInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: "js test", superSecretAdminKey: "sak_test", fetch }), calls };
  };
  const github = { type: "pushed-from-github", owner: "acme", repo: "app", branch: "main", commit_hash: "abc", config_file_path: "hexclave.config.ts" } as const;

  it("reads the rendered config and one level's override", async () => {
    const { api, calls } = configSetup();
    await api.getConfig();
    await api.getConfigOverride("environment");
    expect(calls.map(requestOf)).toEqual([
      { method: "GET", path: "/internal/config", body: undefined, accessType: "admin" },
      { method: "GET", path: "/internal/config/override/environment", body: undefined, accessType: "admin" },
    ]);
  });

  it("replaces a level as a JSON string, sending the source only when there is one", async () => {
    const { api, calls } = configSetup();
    await api.setConfigOverride("branch", { "teams.allowClientTeamCreation": true }, github);
    await api.setConfigOverride("environment", {});
    expect(calls.map(requestOf)).toEqual([
      { method: "PUT", path: "/internal/config/override/branch", body: { config_string: '{"teams.allowClientTeamCreation":true}', source: github }, accessType: "admin" },
      { method: "PUT", path: "/internal/config/override/environment", body: { config_string: "{}" }, accessType: "admin" },
    ]);
  });

  it("patches a level, resets keys and unlinks the source", async () => {
    const { api, calls } = configSetup();
    await api.updateConfigOverride("project", { "project.requirePublishableClientKey": true });
    await api.resetConfigOverrideKeys("branch", ["teams"]);
    await api.unlinkPushedConfigSource();
    expect(calls.map(requestOf)).toEqual([
      { method: "PATCH", path: "/internal/config/override/project", body: { config_override_string: '{"project.requirePublishableClientKey":true}' }, accessType: "admin" },
      { method: "POST", path: "/internal/config/override/branch/reset-keys", body: { keys: ["teams"] }, accessType: "admin" },
      { method: "DELETE", path: "/internal/config/source", body: undefined, accessType: "admin" },
    ]);
  });

  it("answers the source itself, not its envelope", async () => {
    const { api } = configSetup(ok({ source: github }));
    expect(await api.getPushedConfigSource()).toEqual(github);
  });
});

describe("AdminInterface dashboard helpers", () => {
  it("asks for metrics with include_anonymous spelled out either way", async () => {
    const { fetch, calls } = fakeFetch(ok({}), ok({}));
    const api = new AdminInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: "js test", superSecretAdminKey: "sak_test", fetch });
    await api.getMetrics();
    await api.getMetrics(true);
    expect(calls.map(requestOf)).toEqual([
      { method: "GET", path: "/internal/metrics?include_anonymous=false", body: undefined, accessType: "admin" },
      { method: "GET", path: "/internal/metrics?include_anonymous=true", body: undefined, accessType: "admin" },
    ]);
  });

  it("posts a test email's recipient and SMTP settings as they are", async () => {
    const { fetch, calls } = fakeFetch(ok({ success: false, error_message: "refused" }));
    const api = new AdminInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: "js test", superSecretAdminKey: "sak_test", fetch });
    const email_config = { host: "smtp.example.com", port: 587, username: "u", password: "p", sender_name: "Acme", sender_email: "hi@example.com" };
    expect(await api.sendTestEmail({ recipient_email: "to@example.com", email_config })).toEqual({ success: false, error_message: "refused" });
    expect(requestOf(calls[0]!)).toEqual({ method: "POST", path: "/internal/send-test-email", body: { recipient_email: "to@example.com", email_config }, accessType: "admin" });
  });
});

describe("AdminInterface webhooks", () => {
  const endpointId = "2b1e7c2a-0000-4000-8000-0000000000ee";
  const deliveryId = "2b1e7c2a-0000-4000-8000-0000000000ff";
  const webhooksSetup = (...replies: Response[]) => {
    const { fetch, calls } = fakeFetch(...replies);
    return { api: new AdminInterface({ baseUrl: BASE_URL, projectId: PROJECT_ID, clientVersion: "js test", superSecretAdminKey: "sak_test", fetch }), calls };
  };

  it("manages endpoints under /internal/webhooks/endpoints with admin access", async () => {
    const { api, calls } = webhooksSetup(ok({ items: [], is_paginated: false }), ok({}), ok({}), ok({}), ok({ success: true }), ok({}));
    expect(await api.listWebhookEndpoints()).toEqual([]);
    await api.createWebhookEndpoint({ url: "https://example.com/hook", event_types: ["user.created"] });
    await api.getWebhookEndpoint(endpointId);
    await api.updateWebhookEndpoint(endpointId, { enabled: false });
    await api.deleteWebhookEndpoint(endpointId);
    await api.rotateWebhookEndpointSecret(endpointId);
    const path = `/internal/webhooks/endpoints/${endpointId}`;
    expect(calls.map(requestOf)).toEqual([
      { method: "GET", path: "/internal/webhooks/endpoints", body: undefined, accessType: "admin" },
      { method: "POST", path: "/internal/webhooks/endpoints", body: { url: "https://example.com/hook", event_types: ["user.created"] }, accessType: "admin" },
      { method: "GET", path, body: undefined, accessType: "admin" },
      { method: "PATCH", path, body: { enabled: false }, accessType: "admin" },
      { method: "DELETE", path, body: undefined, accessType: "admin" },
      // The route takes no body: one would be refused.
      { method: "POST", path: `${path}/rotate-secret`, body: undefined, accessType: "admin" },
    ]);
  });

  it("answers null for an endpoint that does not exist", async () => {
    const { api } = webhooksSetup(knownError("WEBHOOK_ENDPOINT_NOT_FOUND", 404, { endpoint_id: endpointId }));
    expect(await api.getWebhookEndpoint(endpointId)).toBeNull();
  });

  it("pages a delivery log, replays a delivery and sends a test event", async () => {
    const { api, calls } = webhooksSetup(ok({ items: [], next_before_millis: null }), ok({}), ok({}), ok({ success: false, error_message: "Answered 500." }));
    await api.listWebhookDeliveries(endpointId);
    await api.listWebhookDeliveries(endpointId, { limit: 20, before_millis: 1_700_000_000_000 });
    await api.replayWebhookDelivery(endpointId, deliveryId);
    expect(await api.sendTestWebhook(endpointId)).toEqual({ success: false, error_message: "Answered 500." });
    const path = `/internal/webhooks/endpoints/${endpointId}`;
    expect(calls.map(requestOf)).toEqual([
      { method: "GET", path: `${path}/deliveries`, body: undefined, accessType: "admin" },
      { method: "GET", path: `${path}/deliveries?limit=20&before_millis=1700000000000`, body: undefined, accessType: "admin" },
      { method: "POST", path: `${path}/deliveries/${deliveryId}/replay`, body: undefined, accessType: "admin" },
      { method: "POST", path: "/internal/send-test-webhook", body: { endpoint_id: endpointId }, accessType: "admin" },
    ]);
  });
});

describe("AdminInterface server calls", () => {
  // An admin key authorises admin access only; sent as server access it would carry no credential the API accepts.
  it("makes the server's calls with admin access and the admin key", async () => {
    const { api, calls } = setup();
    await api.listUserSessions("user-1");
    expect(requestOf(calls[0]!)).toMatchObject({ method: "GET", path: "/auth/sessions?user_id=user-1", accessType: "admin" });
    expect(calls[0]!.headers["x-hexclave-super-secret-admin-key"]).toBe("sak_test");
  });

  it("changes a user's contact channels with admin access, as the dashboard does", async () => {
    const { api, calls } = setup();
    await api.updateServerContactChannel("user-1", "channel-1", { is_verified: true });
    expect(requestOf(calls[0]!)).toEqual({ method: "PATCH", path: "/contact-channels/user-1/channel-1", body: { is_verified: true }, accessType: "admin" });
  });
});
