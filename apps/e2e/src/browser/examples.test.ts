import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../harness/example-apps";
import { SCREENSHOT_DIR } from "../harness/browser";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { api, projectHeaders, sql, testEnv, uniqueEmail } from "../harness/rest";
import { useExampleInBrowser } from "../harness/example-fixture";

const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "a brand new passphrase";
const SESSION_COOKIES = (projectId: string) => [
  "hexclave-access",
  "stack-access",
  `hexclave-refresh-${projectId}--default`,
  `stack-refresh-${projectId}--default`,
];

async function sessionCookieNames(context: BrowserContext, projectId: string): Promise<string[]> {
  const names = (await context.cookies()).filter((cookie) => cookie.value !== "").map((cookie) => cookie.name);
  return SESSION_COOKIES(projectId).filter((name) => names.includes(name));
}

async function screenshot(page: Page, example: string, step: string) {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${example}-${step}.png`, fullPage: true });
}

describe.each(EXAMPLES)("the $name example in Chromium", (spec) => {
  const fx = useExampleInBrowser(spec, `Browser ${spec.name}`, { magicLinks: true });

  it("signs up, signs out and signs in through the /handler pages, keeping both cookie brands", async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const email = uniqueEmail(`browser-${spec.name}`);

    await page.goto(`${fx.app.url}/handler/sign-up`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await screenshot(page, spec.name, "1-sign-up");
    await page.locator("form").getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);
    expect(await sessionCookieNames(context, fx.project.projectId)).toEqual(SESSION_COOKIES(fx.project.projectId));
    await screenshot(page, spec.name, "2-signed-up");

    // The sign-up form asked for a verification email; its link opens this site's verification page.
    const mail = await waitForEmail(testEnv().maildev.webUrl, email);
    const link = /https?:\/\/\S+\/handler\/email-verification\?code=[a-z2-7]{45}/.exec(mail.text)?.[0];
    expect(link?.startsWith(`${fx.app.url}/handler/email-verification`)).toBe(true);
    await page.goto(link!);
    await expect.poll(() => page.getByText("Your email is verified.").count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, spec.name, "2b-email-verified");
    await page.goto(`${fx.app.url}/`);

    await page.getByRole("button", { name: "Account menu" }).click();
    await screenshot(page, spec.name, "3-user-menu");
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect.poll(() => page.locator("#greeting").textContent(), { timeout: 15_000 }).toContain("Not signed in");
    expect(await sessionCookieNames(context, fx.project.projectId)).toEqual([]);

    await page.goto(`${fx.app.url}/handler/sign-in`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password").fill("wrong password!");
    // The password form; with sign-in codes on, the page has a second form for them.
    const passwordForm = page.locator("form").filter({ has: page.getByLabel("Password", { exact: true }) });
    await passwordForm.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => passwordForm.locator(".hx-alert").textContent()).toContain("Wrong email or password");
    await screenshot(page, spec.name, "4-wrong-password");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);
    expect(await sessionCookieNames(context, fx.project.projectId)).toEqual(SESSION_COOKIES(fx.project.projectId));
    await screenshot(page, spec.name, "5-signed-in");

    await page.goto(`${fx.app.url}/handler/account-settings`);
    await expect.poll(() => page.getByLabel("Display name").inputValue()).toBe("");
    expect(await page.getByText("Verified.").count()).toBe(1);
    await page.getByLabel("Display name").fill("Ada Lovelace");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByText("Saved.").count()).toBe(1);
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Repeat new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => page.getByText("Password changed.", { exact: false }).count()).toBe(1);
    await screenshot(page, spec.name, "6-account-settings");

    await page.locator("section").filter({ hasText: "End your session" }).getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.locator("#greeting").textContent(), { timeout: 15_000 }).toContain("Not signed in");
    await page.goto(`${fx.app.url}/handler/sign-in`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password").fill(NEW_PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);
    await context.close();
  }, 120_000);

  it("keeps a session that only the older SDK's stack-* cookies hold", async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const email = uniqueEmail(`legacy-${spec.name}`);
    const signUp = await fetch(`${testEnv().backendUrl}/api/v1/auth/password/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-stack-project-id": fx.project.projectId, "x-stack-access-type": "client" },
      body: JSON.stringify({ email, password: PASSWORD }),
    }).then((response) => response.json());
    const { hostname } = new URL(fx.app.url);
    await context.addCookies([
      { name: `stack-refresh-${fx.project.projectId}`, value: signUp.refresh_token, domain: hostname, path: "/" },
    ]);
    await page.goto(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);
    await context.close();
  }, 60_000);

  it("follows the visitor's dark color scheme", async () => {
    const context = await fx.browser.newContext({ colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto(`${fx.app.url}/handler/sign-in`);
    const background = await page.locator(".hx-card").evaluate((card) => getComputedStyle(card).backgroundColor);
    const [red = 255, green = 255, blue = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect(red + green + blue).toBeLessThan(200);
    await screenshot(page, spec.name, "7-dark-sign-in");
    await context.close();
  }, 60_000);

  it("signs in with a mailed code, and through the emailed link only after a click", async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const email = uniqueEmail(`code-${spec.name}`);
    await page.goto(`${fx.app.url}/handler/sign-in`);
    await page.getByLabel("Email for a sign-in code").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in code" }).click();
    const first = await waitForEmail(testEnv().maildev.webUrl, email);
    await page.getByLabel("Sign-in code").fill(codeFromEmail(first).slice(0, 6).toUpperCase());
    await screenshot(page, spec.name, "8-sign-in-code");
    await page.getByRole("button", { name: "Sign in with code" }).click();
    await page.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);
    await context.close();

    // Mail scanners open links: opening the link (scripts and all) spends nothing; the click signs in.
    await api("/api/v1/auth/otp/send-sign-in-code", {
      headers: projectHeaders(fx.project, "client"),
      body: { email, callback_url: `${fx.app.url}/handler/magic-link-callback` },
    });
    const second = await waitForEmail(testEnv().maildev.webUrl, email, (mail) => mail.id !== first.id);
    const link = /https?:\/\/\S+\/handler\/magic-link-callback\?code=[a-z2-7]{45}/.exec(second.text)![0];
    const other = await fx.browser.newContext();
    const linkPage = await other.newPage();
    await linkPage.goto(link);
    await expect.poll(() => linkPage.getByText("Finish signing in").count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [unused] = await sql("select count(*)::int as n from verification_codes where type = 'otp_sign_in' and data->>'email' = $1 and used_at is null", [email]);
    expect(unused.n).toBe(1);
    await linkPage.locator(".hx-card").getByRole("button", { name: "Sign in" }).click();
    await linkPage.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => linkPage.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);
    await other.close();
  }, 120_000);
});
