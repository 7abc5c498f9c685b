import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox } from "../../db/schema";
import { createTestServices } from "../../testing/test-services";
import { createProject } from "../projects/projects";
import type { Tenancy } from "../projects/tenancy";
import { createUser } from "../users/create-user";
import { type SecurityChange, queueSecurityNotice } from "./security-notices";

let services: Awaited<ReturnType<typeof createTestServices>>;
let off: Tenancy;
let on: Tenancy;

beforeAll(async () => {
  services = await createTestServices();
  const project = await createProject(services.db, { display_name: "Acme <Shop>", owner_team_id: null });
  off = (await services.projects.getTenancy(project.id))!;
  // The switch as the project's config would carry it; the e2e suite turns it on through the config endpoints.
  on = { ...off, config: { ...off.config, emails: { ...off.config.emails, securityNotifications: true } } };
});
afterAll(() => services.close());

const device = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" };
let counter = 0;

async function userWith(email: { verified: boolean } | null): Promise<{ userId: string; address: string | null }> {
  const address = email ? `notice-${++counter}@example.com` : null;
  const { user } = await createUser(services.db, off, { primaryEmail: address, primaryEmailVerified: email?.verified ?? false });
  return { userId: user.row.id, address };
}

const noticesTo = (address: string) =>
  services.db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.tenancyId, off.id), eq(emailOutbox.recipient, address), eq(emailOutbox.kind, "security_notice")));

describe("queueSecurityNotice", () => {
  it("queues nothing while the project has not turned security notifications on", async () => {
    const { userId, address } = await userWith({ verified: true });
    await queueSecurityNotice(services.db, off, { userId, change: "password_changed", device });
    expect(await noticesTo(address!)).toEqual([]);
  });

  it("mails the verified primary address, naming the change, the IP address and the device", async () => {
    const { userId, address } = await userWith({ verified: true });
    await queueSecurityNotice(services.db, on, { userId, change: "mfa_disabled", device });
    const [notice, ...more] = await noticesTo(address!);
    expect(more).toEqual([]);
    expect(notice!.subject).toBe("Two-factor authentication was turned off for your Acme <Shop> account");
    for (const body of [notice!.text, notice!.html]) {
      expect(body).toContain("203.0.113.9");
      expect(body).toContain("Firefox/133.0");
      expect(body).toMatch(/\d{1,2} \w+ \d{4} at \d{2}:\d{2} UTC/);
    }
    // No link at all: a notice never carries a code, and a look-alike asking for a click stands out.
    expect(notice!.html).not.toMatch(/href=/i);
  });

  it("queues nothing for a user without a primary email, or whose primary email is unverified", async () => {
    const allNotices = () => services.db.select().from(emailOutbox).where(and(eq(emailOutbox.tenancyId, off.id), eq(emailOutbox.kind, "security_notice")));
    const before = (await allNotices()).length;
    const none = await userWith(null);
    await queueSecurityNotice(services.db, on, { userId: none.userId, change: "password_changed", device });
    expect(await allNotices()).toHaveLength(before);
    const unverified = await userWith({ verified: false });
    await queueSecurityNotice(services.db, on, { userId: unverified.userId, change: "password_changed", device });
    expect(await noticesTo(unverified.address!)).toEqual([]);
  });

  it("gives each change a subject of its own that names the project", async () => {
    const changes: SecurityChange[] = [
      "password_changed",
      "password_reset",
      "mfa_enabled",
      "mfa_disabled",
      "mfa_secret_replaced",
      "recovery_codes_regenerated",
      "passkey_added",
      "passkey_removed",
    ];
    const { userId, address } = await userWith({ verified: true });
    for (const change of changes) await queueSecurityNotice(services.db, on, { userId, change, device });
    const subjects = (await noticesTo(address!)).map((notice) => notice.subject);
    expect(subjects).toHaveLength(changes.length);
    expect(new Set(subjects).size).toBe(changes.length);
    for (const subject of subjects) expect(subject).toContain("Acme <Shop>");
  });

  it("renders a hostile user agent as escaped text, cut to 200 characters", async () => {
    const { userId, address } = await userWith({ verified: true });
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>\r\nBcc: someone@example.com ${"A".repeat(5000)}`;
    await queueSecurityNotice(services.db, on, { userId, change: "passkey_added", device: { ip: "::ffff:198.51.100.4", userAgent: hostile } });
    const [notice] = await noticesTo(address!);
    expect(notice!.html).not.toContain("<script>");
    expect(notice!.html).not.toContain("<img");
    expect(notice!.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(notice!.text).not.toContain("\r\nBcc:");
    expect(notice!.text).not.toContain("A".repeat(201));
    expect(notice!.text).toContain(`${"A".repeat(100)}…`);
    expect(notice!.text).toContain("198.51.100.4");
    expect(notice!.text).not.toContain("::ffff:");
  });

  it("says the device is unknown when the request named none", async () => {
    const { userId, address } = await userWith({ verified: true });
    await queueSecurityNotice(services.db, on, { userId, change: "password_reset", device: { ip: null, userAgent: null } });
    const [notice] = await noticesTo(address!);
    expect(notice!.text).toMatch(/IP address\s+Unknown/);
    expect(notice!.text).toMatch(/Device\s+Unknown/);
  });

  it("leaves no notice when the change's transaction rolls back", async () => {
    const { userId, address } = await userWith({ verified: true });
    const rolledBack = new Error("the change failed after the notice was queued");
    await expect(
      services.db.transaction(async (tx) => {
        await queueSecurityNotice(tx, on, { userId, change: "password_changed", device });
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await noticesTo(address!)).toEqual([]);
  });
});
