import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SCREENSHOT_DIR } from "../harness/browser";
import { EXAMPLES } from "../harness/example-apps";
import { useExampleInBrowser } from "../harness/example-fixture";
import { enableOAuthProviders } from "../harness/oauth";
import { api, projectHeaders, signUpWithPassword, uniqueEmail } from "../harness/rest";

/** The mock provider's sign-in page, as a person fills it in. */
async function signInAtMockProvider(page: Page, email: string, name: string) {
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email verified").check();
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("OAuth through the Next.js example's prebuilt pages", () => {
  const fx = useExampleInBrowser(EXAMPLES[0]!, "Browser OAuth");

  it("signs up with the GitHub button, comes back signed in, and signs in again with the same account", async () => {
    await enableOAuthProviders(fx.project, [
      { id: "github", type: "shared" },
      { id: "google", type: "shared" },
    ]);
    const email = uniqueEmail("browser-oauth");
    const page = await (await fx.browser.newContext()).newPage();
    await page.goto(`${fx.app.url}/handler/sign-up`);
    const button = page.getByRole("button", { name: "Sign up with GitHub" });
    await button.waitFor();
    await expect(page.getByRole("button", { name: "Sign up with Google" }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/nextjs-oauth-1-sign-up.png`, fullPage: true });
    await button.click();
    await signInAtMockProvider(page, email, "Gita Hub");
    await page.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);

    const again = await (await fx.browser.newContext()).newPage();
    await again.goto(`${fx.app.url}/handler/sign-in`);
    await again.getByRole("button", { name: "Sign in with GitHub" }).click();
    await signInAtMockProvider(again, email, "Gita Hub");
    await again.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => again.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);
    const users = await api(`/api/v1/users?query=${encodeURIComponent(email)}`, { headers: projectHeaders(fx.project, "server") });
    expect(users.body.items).toHaveLength(1);
    expect(users.body.items[0]).toMatchObject({ display_name: "Gita Hub", oauth_providers: [{ id: "github", email }] });
  });

  it("shows the refusal on the callback page when the email belongs to an unverified account", async () => {
    const existing = await signUpWithPassword(fx.project, uniqueEmail("browser-oauth-taken"));
    const page = await (await fx.browser.newContext()).newPage();
    await page.goto(`${fx.app.url}/handler/sign-in`);
    await page.getByRole("button", { name: "Sign in with Google" }).click();
    await signInAtMockProvider(page, existing.email, "Someone");
    await page.waitForURL(/\/handler\/oauth-callback/);
    await page.getByText(/An account with this email already exists. Sign in to it another way and verify the email/).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/nextjs-oauth-2-refused.png`, fullPage: true });
    await expect(page.getByRole("link", { name: "Try again" }).isVisible()).resolves.toBe(true);
  });

  it("upgrades an anonymous visitor in place", async () => {
    const anonymous = await api("/api/v1/auth/anonymous/sign-up", { headers: projectHeaders(fx.project, "client"), body: {} });
    const context = await fx.browser.newContext();
    const value = encodeURIComponent(JSON.stringify({ refresh_token: anonymous.body.refresh_token, updated_at_millis: Date.now() }));
    await context.addCookies([{ name: `hexclave-refresh-${fx.project.projectId}--default`, value, domain: new URL(fx.app.url).hostname, path: "/" }]);
    const page = await context.newPage();
    await page.goto(`${fx.app.url}/handler/sign-in`);
    const email = uniqueEmail("browser-oauth-anon");
    await page.getByRole("button", { name: "Sign in with GitHub" }).click({ timeout: 10_000 }).catch(async (error) => {
      throw new Error(`${error.message} at ${page.url()}: ${await page.locator("body").innerText()}`);
    });
    await signInAtMockProvider(page, email, "Anna Nonymous");
    await page.waitForURL(`${fx.app.url}/`);
    const user = await api(`/api/v1/users/${anonymous.body.user_id}`, { headers: projectHeaders(fx.project, "server") });
    expect(user.body).toMatchObject({ is_anonymous: false, primary_email: email });
  });
});
