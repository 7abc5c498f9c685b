import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, launchBrowser } from "../harness/browser";
import { type CaughtEmail, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";
import { setEnvironmentConfig } from "../rest/config-helpers";

// The security-change notice as a mail client shows it: the HTML maildev caught, opened in Chromium.
const DARK_THEME_ID = "a0172b5d-cff0-463b-83bb-85124697373a";
const CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function projectWithNotices(name: string, themeId?: string): Promise<TestProject> {
  const project = await createTestProject(name);
  await setEnvironmentConfig(project, { "emails.securityNotifications": true, ...(themeId ? { "emails.selectedThemeId": themeId } : {}) });
  return project;
}

/** A verified user changes their password with `userAgent`; the notice that arrives. */
async function passwordChangeNotice(project: TestProject, userAgent: string): Promise<CaughtEmail> {
  const user = await signUpWithPassword(project, uniqueEmail("notice-shot"));
  await api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: projectHeaders(project, "server"), body: { primary_email_verified: true } });
  const changed = await api("/api/v1/auth/password/update", {
    headers: { ...projectHeaders(project, "client", { "access-token": user.accessToken }), "user-agent": userAgent },
    body: { old_password: user.password, new_password: "a brand new passphrase" },
  });
  expect(changed.status).toBe(200);
  return await waitForEmail(testEnv().maildev.webUrl, user.email, (mail) => mail.subject.endsWith("password was changed"));
}

describe("the security-change notice in a browser", () => {
  it("shows the change, when, the IP address and the device, in the project's theme", async () => {
    const mail = await passwordChangeNotice(await projectWithNotices("Acme Widgets"), CHROME);
    const page = await browser.newPage({ viewport: { width: 640, height: 900 } });
    await page.setContent(mail.html);
    await expect.poll(() => page.getByRole("heading", { name: "Your password was changed" }).count()).toBe(1);
    expect(await page.getByText(CHROME).count()).toBe(1);
    expect(await page.getByText("127.0.0.1").count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/security-notice-email-light.png`, fullPage: true });
    await page.close();
  });

  it("shows a user agent that carries markup as text, in the dark theme", async () => {
    const hostile = `Mozilla/5.0 <img src=x onerror="document.title='script ran'"><b>bold</b>`;
    const mail = await passwordChangeNotice(await projectWithNotices("Acme Dark", DARK_THEME_ID), hostile);
    const page = await browser.newPage({ viewport: { width: 640, height: 900 } });
    await page.setContent(mail.html);
    expect(await page.getByText(hostile).count()).toBe(1);
    expect(await page.locator("img, b").count()).toBe(0);
    expect(await page.title()).not.toBe("script ran");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/security-notice-email-dark.png`, fullPage: true });
    await page.close();
  });
});
