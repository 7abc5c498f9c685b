import { describe, expect, it } from "vitest";
import { freePort } from "../harness/backend-process";
import { waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";

const metrics = (project: TestProject, query = "") => api(`/api/v1/internal/metrics${query}`, { headers: projectHeaders(project, "admin") });
const todayUtc = () => new Date().toISOString().slice(0, 10);

describe("GET /internal/metrics", () => {
  it("answers 31 empty days, ending today, for a project without users", async () => {
    const response = await metrics(await createTestProject("Metrics empty"));
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ total_users: 0, users_by_country: {}, recently_registered: [], recently_active: [], login_methods: [] });
    for (const series of [response.body.daily_users, response.body.daily_active_users]) {
      expect(series).toHaveLength(31);
      expect(series.every((point: { activity: number }) => point.activity === 0)).toBe(true);
      expect(series.at(-1).date).toBe(todayUtc());
    }
  });

  it("counts users, countries and sign-in methods, and leaves anonymous users out unless asked", async () => {
    const project = await createTestProject("Metrics users");
    const first = await signUpWithPassword(project);
    const second = await signUpWithPassword(project);
    const created = await api("/api/v1/users", { headers: projectHeaders(project, "server"), body: { primary_email: uniqueEmail("swiss"), country_code: "CH" } });
    expect(created.status, created.text).toBe(201);
    const anonymous = await api("/api/v1/auth/anonymous/sign-up", { headers: projectHeaders(project, "client"), body: {} });
    expect(anonymous.status).toBe(200);

    const response = await metrics(project);
    expect(response.status, response.text).toBe(200);
    expect(response.body.total_users).toBe(3);
    expect(response.body.users_by_country).toEqual({ CH: 1 });
    expect(response.body.login_methods).toEqual([{ method: "password", count: 2 }]);
    expect(response.body.daily_users.at(-1)).toEqual({ date: todayUtc(), activity: 3 });
    expect(response.body.daily_active_users.at(-1)).toEqual({ date: todayUtc(), activity: 3 });
    expect(response.body.recently_registered.map((user: { id: string }) => user.id)).toEqual([created.body.id, second.userId, first.userId]);
    expect(response.body.recently_active.map((user: { id: string }) => user.id).sort()).toEqual([created.body.id, second.userId, first.userId].sort());
    expect(response.body.recently_registered[0]).toMatchObject({ country_code: "CH", is_anonymous: false, server_metadata: null });

    const withAnonymous = await metrics(project, "?include_anonymous=true");
    expect(withAnonymous.body.total_users).toBe(4);
    expect(withAnonymous.body.daily_users.at(-1).activity).toBe(4);
    expect(withAnonymous.body.recently_registered[0]).toMatchObject({ id: anonymous.body.user_id, is_anonymous: true });
    expect((await metrics(project, "?include_anonymous=false")).body.total_users).toBe(3);
  });

  it("is for admins only, and checks include_anonymous", async () => {
    const project = await createTestProject("Metrics access");
    for (const accessType of ["client", "server"] as const) {
      expectKnownError(await api("/api/v1/internal/metrics", { headers: projectHeaders(project, accessType) }), "INSUFFICIENT_ACCESS_TYPE", 401);
    }
    expectKnownError(await metrics(project, "?include_anonymous=yes"), "SCHEMA_ERROR", 400);
  });
});

describe("POST /internal/send-test-email", () => {
  const SECRET = "smtp-password-not-to-be-echoed";
  const config = (overrides: Record<string, unknown> = {}) => ({
    host: "127.0.0.1",
    port: testEnv().maildev.smtpPort,
    username: "mailer",
    password: SECRET,
    sender_name: "Test Sender",
    sender_email: "sender@hexclave.test",
    ...overrides,
  });
  const sendTest = (project: TestProject, body: unknown) => api("/api/v1/internal/send-test-email", { headers: projectHeaders(project, "admin"), body });

  it("sends through the settings given and says it did", async () => {
    const project = await createTestProject("Test email ok");
    const recipient = uniqueEmail("smtp-test");
    const response = await sendTest(project, { recipient_email: recipient, email_config: config() });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ success: true });
    const mail = await waitForEmail(testEnv().maildev.webUrl, recipient);
    expect(mail.from).toEqual([{ address: "sender@hexclave.test", name: "Test Sender" }]);
    expect(mail.subject).toBe("Test email from Test email ok");
  });

  it("answers 200 with the reason when the server cannot be reached, without the password", async () => {
    const project = await createTestProject("Test email broken");
    for (const broken of [config({ port: await freePort() }), config({ host: "nonexistent.example.invalid" })]) {
      const response = await sendTest(project, { recipient_email: uniqueEmail("nobody"), email_config: broken });
      expect(response.status, response.text).toBe(200);
      expect(response.body).toEqual({ success: false, error_message: expect.any(String) });
      expect(response.text).not.toContain(SECRET);
    }
  });

  it("refuses bad input with a 400 before connecting anywhere", async () => {
    const project = await createTestProject("Test email input");
    const bodies = [
      { recipient_email: "not-an-email", email_config: config() },
      { recipient_email: uniqueEmail(), email_config: config({ port: 70000 }) },
      { recipient_email: uniqueEmail(), email_config: config({ port: 0 }) },
      { recipient_email: uniqueEmail(), email_config: config({ host: "http://127.0.0.1/" }) },
      { recipient_email: uniqueEmail(), email_config: config({ sender_email: "nobody" }) },
      { recipient_email: uniqueEmail(), email_config: config({ sender_name: "Acme\r\nBcc: victim@example.com" }) },
      { recipient_email: uniqueEmail() },
    ];
    for (const body of bodies) expectKnownError(await sendTest(project, body), "SCHEMA_ERROR", 400);
  });

  it("is for admins only", async () => {
    const project = await createTestProject("Test email access");
    const body = { recipient_email: uniqueEmail(), email_config: config() };
    const response = await api("/api/v1/internal/send-test-email", { headers: projectHeaders(project, "server"), body });
    expectKnownError(response, "INSUFFICIENT_ACCESS_TYPE", 401);
  });
});
