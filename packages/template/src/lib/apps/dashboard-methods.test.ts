import { BASE_URL, FIXTURE_IDS, PROJECT_ID, type Reply, fakeFetch, ok, requestOf, serverUserJson } from "@stackframe/stack-shared/test-support";
import { describe, expect, it } from "vitest";
import { HexclaveAdminApp, HexclaveServerApp } from "../public-api.js";

function adminApp(...replies: Reply[]) {
  const { fetch, calls } = fakeFetch(...replies);
  const app = new HexclaveAdminApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk", superSecretAdminKey: "sak", tokenStore: null, fetch });
  return { app, requests: () => calls.map(requestOf) };
}

const metricsJson = {
  total_users: 2,
  daily_users: [
    { date: "2026-04-12", activity: 0 },
    { date: "2026-04-13", activity: 2 },
  ],
  daily_active_users: [
    { date: "2026-04-12", activity: 1 },
    { date: "2026-04-13", activity: 2 },
  ],
  users_by_country: { CH: 1 },
  recently_registered: [serverUserJson({ country_code: "CH" })],
  recently_active: [serverUserJson(), serverUserJson({ id: "3f1c2b7e-0000-4000-8000-000000000002", display_name: "Grace" })],
  login_methods: [{ method: "password", count: 2 }],
};

const outboxJson = {
  id: "6b1e7c2a-0000-4000-8000-0000000000dd",
  created_at_millis: 1_700_000_000_000,
  kind: "magic_link",
  to: { type: "custom-emails", emails: ["ada@example.com"] },
  subject: "Your code",
  status: "failed",
  simple_status: "error",
  has_delivered: false,
  sent_at_millis: null,
  send_retries: 4,
  next_attempt_at_millis: null,
  send_attempt_errors: ["connect ECONNREFUSED"],
};

describe("getMetrics", () => {
  it("reads the figures in camel case, with days as UTC midnights and recent users as server users", async () => {
    const { app, requests } = adminApp(ok(metricsJson));
    const metrics = await app.getMetrics();
    expect(requests()[0]).toEqual({ method: "GET", path: "/internal/metrics?include_anonymous=false", body: undefined, accessType: "admin" });
    expect(metrics).toMatchObject({ totalUsers: 2, usersByCountry: { CH: 1 }, loginMethods: [{ method: "password", count: 2 }] });
    expect(metrics.dailyUsers.map((point) => [point.date.toISOString(), point.activity])).toEqual([
      ["2026-04-12T00:00:00.000Z", 0],
      ["2026-04-13T00:00:00.000Z", 2],
    ]);
    expect(metrics.dailyActiveUsers[0]?.activity).toBe(1);
    expect(metrics.recentlyRegistered[0]).toMatchObject({ id: FIXTURE_IDS.user, countryCode: "CH" });
    expect(metrics.recentlyActive.map((user) => user.displayName)).toEqual(["Ada", "Grace"]);
    // Server users, with their methods.
    expect(typeof metrics.recentlyActive[0]?.update).toBe("function");
  });

  it("asks for anonymous users when told to", async () => {
    const { app, requests } = adminApp(ok(metricsJson));
    await app.getMetrics({ includeAnonymous: true });
    expect(requests()[0]?.path).toBe("/internal/metrics?include_anonymous=true");
  });
});

describe("sendTestEmail", () => {
  const emailConfig = { host: "smtp.example.com", port: 587, username: "mailer", password: "pw", senderEmail: "hi@example.com", senderName: "Acme" };

  it("sends the settings in the wire spelling and answers success", async () => {
    const { app, requests } = adminApp(ok({ success: true }));
    expect(await app.sendTestEmail({ recipientEmail: "me@example.com", emailConfig })).toEqual({ success: true });
    expect(requests()[0]).toEqual({
      method: "POST",
      path: "/internal/send-test-email",
      body: {
        recipient_email: "me@example.com",
        email_config: { host: "smtp.example.com", port: 587, username: "mailer", password: "pw", sender_name: "Acme", sender_email: "hi@example.com" },
      },
      accessType: "admin",
    });
  });

  it("answers a refusal as a result with the server's reason", async () => {
    const { app } = adminApp(ok({ success: false, error_message: "Could not connect to the email server." }));
    expect(await app.sendTestEmail({ recipientEmail: "me@example.com", emailConfig })).toEqual({ success: false, errorMessage: "Could not connect to the email server." });
  });
});

describe("listOutboxEmails", () => {
  it("reads a page of the outbox in camel case with its next cursor", async () => {
    const { fetch, calls } = fakeFetch(ok({ items: [outboxJson], is_paginated: true, pagination: { next_cursor: FIXTURE_IDS.apiKey } }));
    const app = new HexclaveServerApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk", tokenStore: null, fetch });
    const page = await app.listOutboxEmails({ simpleStatus: "error", limit: 20, cursor: FIXTURE_IDS.team });
    expect(requestOf(calls[0]!)).toEqual({ method: "GET", path: `/emails/outbox?simple_status=error&limit=20&cursor=${FIXTURE_IDS.team}`, body: undefined, accessType: "server" });
    expect(page.nextCursor).toBe(FIXTURE_IDS.apiKey);
    expect(page.items).toEqual([
      {
        id: outboxJson.id,
        createdAt: new Date(1_700_000_000_000),
        kind: "magic_link",
        to: { type: "custom-emails", emails: ["ada@example.com"] },
        subject: "Your code",
        status: "failed",
        simpleStatus: "error",
        hasDelivered: false,
        sentAt: null,
        sendRetries: 4,
        nextAttemptAt: null,
        sendAttemptErrors: ["connect ECONNREFUSED"],
      },
    ]);
  });

  it("answers a null cursor on the last page", async () => {
    const { fetch } = fakeFetch(ok({ items: [], is_paginated: true, pagination: { next_cursor: null } }));
    const app = new HexclaveServerApp({ projectId: PROJECT_ID, baseUrl: BASE_URL, secretServerKey: "ssk", tokenStore: null, fetch });
    expect(await app.listOutboxEmails()).toEqual({ items: [], nextCursor: null });
  });
});
