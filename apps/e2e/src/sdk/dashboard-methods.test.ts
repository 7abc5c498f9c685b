import * as ours from "@stackframe/js";
import { HexclaveAdminApp, HexclaveServerApp } from "@stackframe/js";
import { describe, expect, it } from "vitest";
import { freePort } from "../harness/backend-process";
import { waitForEmail } from "../harness/maildev";
import { api, createTestProject, enableMagicLinks, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";
import type { StackSdk } from "./clients";
import { createProjectThroughSdk } from "./sdk-project";

async function projectApps() {
  const project = await createTestProject("Dashboard SDK");
  const options = { baseUrl: testEnv().backendUrl, projectId: project.projectId, publishableClientKey: project.publishableClientKey, tokenStore: null };
  return {
    project,
    server: new HexclaveServerApp({ ...options, secretServerKey: project.secretServerKey }),
    admin: new HexclaveAdminApp({ ...options, secretServerKey: project.secretServerKey, superSecretAdminKey: project.superSecretAdminKey }),
  };
}

const smtp = (overrides: Partial<ours.TestEmailConfig> = {}): ours.TestEmailConfig => ({
  host: "127.0.0.1",
  port: testEnv().maildev.smtpPort,
  username: "",
  password: "",
  senderEmail: "dashboard@hexclave.test",
  senderName: "Dashboard test",
  ...overrides,
});

describe("our SDK's dashboard methods", () => {
  it("reads a project's metrics through the owner's session, as the dashboard does", async () => {
    const { project } = await createProjectThroughSdk(ours as unknown as StackSdk);
    const empty = (await project.app.getMetrics()) as ours.ProjectMetrics;
    expect(empty.totalUsers).toBe(0);
    expect(empty.dailyUsers).toHaveLength(31);
    expect(empty.dailyUsers.at(-1)?.date.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
  });

  it("counts users and answers recent users as server users", async () => {
    const { project, admin } = await projectApps();
    const user = await signUpWithPassword(project);
    await api("/api/v1/auth/anonymous/sign-up", { headers: projectHeaders(project, "client"), body: {} });
    const metrics = await admin.getMetrics();
    expect(metrics.totalUsers).toBe(1);
    expect(metrics.dailyUsers.at(-1)?.activity).toBe(1);
    expect(metrics.loginMethods).toEqual([{ method: "password", count: 1 }]);
    expect(metrics.recentlyRegistered.map((u) => u.id)).toEqual([user.userId]);
    expect(metrics.recentlyActive[0]?.primaryEmail).toBe(user.email);
    await metrics.recentlyActive[0]!.update({ displayName: "Renamed from the metrics" });
    expect((await admin.getUser(user.userId))?.displayName).toBe("Renamed from the metrics");
    expect((await admin.getMetrics({ includeAnonymous: true })).totalUsers).toBe(2);
  });

  it("sends a test email, and answers a failure with its reason", async () => {
    const { admin } = await projectApps();
    const recipient = uniqueEmail("sdk-smtp");
    expect(await admin.sendTestEmail({ recipientEmail: recipient, emailConfig: smtp() })).toEqual({ success: true });
    expect((await waitForEmail(testEnv().maildev.webUrl, recipient)).from).toEqual([{ address: "dashboard@hexclave.test", name: "Dashboard test" }]);
    const failed = await admin.sendTestEmail({ recipientEmail: recipient, emailConfig: smtp({ port: await freePort(), password: "never-echoed" }) });
    expect(failed).toEqual({ success: false, errorMessage: expect.stringContaining("connect") });
    expect(JSON.stringify(failed)).not.toContain("never-echoed");
  });

  it("pages through the outbox from the server app", async () => {
    const { project, server } = await projectApps();
    await enableMagicLinks(project);
    const emails = [uniqueEmail("outbox-a"), uniqueEmail("outbox-b")];
    for (const email of emails) {
      const sent = await api("/api/v1/auth/otp/send-sign-in-code", {
        headers: projectHeaders(project, "client"),
        body: { email, callback_url: "http://localhost:3000/handler/magic-link-callback" },
      });
      expect(sent.status, sent.text).toBe(200);
    }
    const first = await server.listOutboxEmails({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ to: { type: "custom-emails", emails: [emails[1]] }, createdAt: expect.any(Date) });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await server.listOutboxEmails({ limit: 1, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.to.emails[0])).toEqual([emails[0]]);
    expect(second.nextCursor).toBeNull();
    await expect.poll(async () => (await server.listOutboxEmails({ simpleStatus: "ok" })).items.length, { timeout: 15_000 }).toBe(2);
  });
});
