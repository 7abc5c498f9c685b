import { describe, expect, it } from "vitest";
import { freePort } from "../harness/backend-process";
import { waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, testEnv, uniqueEmail } from "../harness/rest";

const CALLBACK = "http://localhost:3000/handler/magic-link-callback";

async function patchConfig(project: TestProject, config: Record<string, unknown>) {
  const response = await api("/api/v1/internal/projects/current", { method: "PATCH", headers: projectHeaders(project, "admin"), body: { config } });
  expect(response.status).toBe(200);
}

const sendCode = (project: TestProject, email: string) =>
  api("/api/v1/auth/otp/send-sign-in-code", { headers: projectHeaders(project, "client"), body: { email, callback_url: CALLBACK } });

describe("project email settings and the outbox", () => {
  it("sends through the project's own SMTP server, with its sender and chosen theme", async () => {
    const project = await createTestProject("Own SMTP");
    await enableMagicLinks(project);
    await patchConfig(project, {
      email_config: { type: "standard", host: "127.0.0.1", port: testEnv().maildev.smtpPort, username: "mailer", password: "maildev-accepts-any", sender_name: "Own Sender", sender_email: "hello@own.example" },
      email_theme: "a0172b5d-cff0-463b-83bb-85124697373a",
    });
    const email = uniqueEmail("own-smtp");
    await sendCode(project, email);
    const mail = await waitForEmail(testEnv().maildev.webUrl, email);
    expect(mail.from).toEqual([{ address: "hello@own.example", name: "Own Sender" }]);
    expect(mail.html).toContain("#09090b");
  });

  it("shows admins each email's status, retries and last error", async () => {
    const project = await createTestProject("Broken SMTP");
    await enableMagicLinks(project);
    const closedPort = await freePort();
    await patchConfig(project, { email_config: { type: "standard", host: "127.0.0.1", port: closedPort, username: "x", password: "x", sender_name: "x", sender_email: "x@example.com" } });
    const email = uniqueEmail("broken");
    await sendCode(project, email);
    const listed = async () => (await api("/api/v1/emails/outbox", { headers: projectHeaders(project, "server") })).body.items;
    await expect.poll(async () => (await listed())[0]?.send_attempt_errors.length ?? 0, { timeout: 15_000 }).toBe(1);
    const [entry] = await listed();
    expect(entry).toMatchObject({ to: { type: "custom-emails", emails: [email] }, status: "queued", simple_status: "in-progress", has_delivered: false });
    expect(entry.send_attempt_errors[0]).toMatch(/ECONNREFUSED|connect/i);
    expect(entry.next_attempt_at_millis).toBeGreaterThan(Date.now());
    const one = await api(`/api/v1/emails/outbox/${entry.id}`, { headers: projectHeaders(project, "admin") });
    expect(one.body.id).toBe(entry.id);
  });

  it("keeps each project's outbox to itself", async () => {
    const [first, second] = [await createTestProject("Outbox A"), await createTestProject("Outbox B")];
    await enableMagicLinks(first);
    await sendCode(first, uniqueEmail("isolated"));
    const own = await api("/api/v1/emails/outbox", { headers: projectHeaders(first, "server") });
    expect(own.body.items).toHaveLength(1);
    expect((await api("/api/v1/emails/outbox", { headers: projectHeaders(second, "server") })).body.items).toEqual([]);
    expect((await api(`/api/v1/emails/outbox/${own.body.items[0].id}`, { headers: projectHeaders(second, "server") })).status).toBe(404);
    expect((await api("/api/v1/emails/outbox", { headers: projectHeaders(first, "client") })).body.code).toBe("INSUFFICIENT_ACCESS_TYPE");
  });
});

describe("listing the outbox", () => {
  const list = (project: TestProject, query: string) => api(`/api/v1/emails/outbox?${query}`, { headers: projectHeaders(project, "server") });
  const ids = async (project: TestProject, query: string) => {
    const response = await list(project, query);
    expect(response.status, response.text).toBe(200);
    return response.body.items.map((item: { id: string }) => item.id);
  };

  it("filters on simple_status and status, in either spelling", async () => {
    const project = await createTestProject("Outbox filters");
    await enableMagicLinks(project);
    await sendCode(project, uniqueEmail("filtered"));
    await expect.poll(async () => (await list(project, "")).body.items[0]?.status, { timeout: 15_000 }).toBe("sent");
    const [sent] = await ids(project, "");
    for (const query of ["simple_status=ok", "simple_status=OK", "status=sent", "status=SENT", "status=sent&simple_status=ok"]) expect(await ids(project, query), query).toEqual([sent]);
    for (const query of ["simple_status=in-progress", "simple_status=IN_PROGRESS", "simple_status=error", "status=queued", "status=skipped", "status=sent&simple_status=error"]) {
      expect(await ids(project, query), query).toEqual([]);
    }
    for (const query of ["simple_status=done", "status=nope"]) expectKnownError(await list(project, query), "SCHEMA_ERROR", 400);
  });

  it("pages by limit, up to 100 a page, refusing more with a plain 400", async () => {
    const project = await createTestProject("Outbox pages");
    await enableMagicLinks(project);
    for (const label of ["first", "second"]) await sendCode(project, uniqueEmail(label));
    const first = await list(project, "limit=1");
    expect(first.body.items).toHaveLength(1);
    expect(first.body.pagination.next_cursor).toEqual(expect.any(String));
    const second = await list(project, `limit=1&cursor=${first.body.pagination.next_cursor}`);
    expect(second.body.items.map((item: { id: string }) => item.id)).not.toContain(first.body.items[0].id);
    expect((await list(project, "limit=100")).body.items).toHaveLength(2);
    for (const limit of ["101", "0", "abc"]) {
      const refused = await list(project, `limit=${limit}`);
      expect(refused.status, limit).toBe(400);
      expect(refused.headers.get("content-type")).toMatch(/^text\/plain/);
    }
  });
});
