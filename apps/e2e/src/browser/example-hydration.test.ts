import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, addSessionCookie, watchPage } from "../harness/browser";
import { EXAMPLES } from "../harness/example-apps";
import { signUpWithPassword } from "../harness/rest";
import { useExampleInBrowser } from "../harness/example-fixture";

// React reports a hydration mismatch as minified errors #418 (text), #419, #421–#425, or in words in development.
const HYDRATION_ERROR = /#41[89]\b|#42[1-5]\b|hydrat|did not match|server rendered/i;

async function openAndSettle(page: Page, url: string, ready: (page: Page) => Promise<unknown>) {
  await page.goto(url);
  await ready(page);
  // Hydration errors are reported after the page has rendered; give React a moment to report them.
  await page.waitForLoadState("networkidle");
}

describe.each(EXAMPLES)("the $name example hydrates without mismatches", (spec) => {
  const fx = useExampleInBrowser(spec, `Hydration ${spec.name}`);

  it("renders UserButton and AccountSettings the same on server and browser, signed out and signed in", async () => {
    const signedOut = await fx.browser.newContext();
    const outPage = await signedOut.newPage();
    const outProblems = await watchPage(outPage);
    await openAndSettle(outPage, `${fx.app.url}/`, (page) => page.getByRole("button", { name: "Sign in" }).waitFor());
    await openAndSettle(outPage, `${fx.app.url}/handler/account-settings`, (page) => page.waitForURL(/\/handler\/sign-in/));
    await signedOut.close();

    const user = await signUpWithPassword(fx.project);
    const signedIn = await fx.browser.newContext();
    await addSessionCookie(signedIn, fx.app.url, fx.project.projectId, user.refreshToken);
    const page = await signedIn.newPage();
    const problems = await watchPage(page);
    await openAndSettle(page, `${fx.app.url}/`, (p) => p.getByRole("button", { name: "Account menu" }).waitFor());
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${spec.name}-hydration-home.png`, fullPage: true });
    await openAndSettle(page, `${fx.app.url}/handler/account-settings`, (p) => p.getByRole("heading", { name: "Account settings" }).waitFor());
    await page.getByText("This device", { exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${spec.name}-hydration-account-settings.png`, fullPage: true });
    await openAndSettle(page, `${fx.app.url}/`, (p) => p.getByRole("button", { name: "Account menu" }).waitFor());
    await signedIn.close();

    expect([...outProblems.errors, ...problems.errors].filter((error) => HYDRATION_ERROR.test(error))).toEqual([]);
  }, 120_000);

  // Regression: one user store served every request on the server, so the first visitor's user (usually nobody) was
  // rendered into every later visitor's page.
  it("renders each visitor's own user on the server, never another visitor's", async () => {
    const [first, second] = [await signUpWithPassword(fx.project), await signUpWithPassword(fx.project)];
    const cookieOf = (refreshToken: string) =>
      `hexclave-refresh-${fx.project.projectId}--default=${encodeURIComponent(JSON.stringify({ refresh_token: refreshToken, updated_at_millis: Date.now() }))}`;
    // The settings card's subtitle, as rendered; the email also travels in the page's data for the fx.browser.
    const renderedFor = async (cookie?: string) => {
      const html = await (await fetch(`${fx.app.url}/handler/account-settings`, { headers: cookie ? { cookie } : {} })).text();
      return /<p class="hx-subtitle">([^<]*)<\/p>/.exec(html)?.[1] ?? null;
    };

    expect(await renderedFor()).toBeNull();
    expect(await renderedFor(cookieOf(first.refreshToken))).toBe(first.email);
    expect(await renderedFor(cookieOf(second.refreshToken))).toBe(second.email);
    expect(await renderedFor()).toBeNull();
  }, 60_000);
});
