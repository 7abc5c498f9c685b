import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, watchPage } from "../harness/browser";
import { EXAMPLES } from "../harness/example-apps";
import { testEnv, uniqueEmail } from "../harness/rest";
import { useExampleInBrowser } from "../harness/example-fixture";

const PASSWORD = "correct horse battery";
const CODE = "a".repeat(45);
// Every page that carries a one-time code in its address, and the other prebuilt pages.
const HANDLER_PAGES = [
  `/handler/password-reset?code=${CODE}`,
  `/handler/email-verification?code=${CODE}`,
  `/handler/magic-link-callback?code=${CODE}`,
  `/handler/team-invitation?code=${CODE}`,
  `/handler/cli-auth-confirm?login_code=${CODE}`,
  "/handler/sign-in",
  "/handler/sign-up",
  "/handler/forgot-password",
  "/handler/account-settings",
];

function directivesOf(csp: string | null): Record<string, string[]> {
  return Object.fromEntries((csp ?? "").split(";").map((directive) => directive.trim().split(/\s+/)).map(([name = "", ...sources]) => [name, sources]));
}

/** The problems a page reported, less the favicon the examples do not have. */
function problemsOf(errors: string[]): string[] {
  return errors.filter((error) => !/favicon\.ico|Failed to load resource: the server responded with a status of 404/.test(error));
}

async function signUpThroughPage(page: Page, appUrl: string, email: string) {
  await page.goto(`${appUrl}/handler/sign-up`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await page.locator("form").getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL(`${appUrl}/`);
}

describe.each(EXAMPLES)("the $name example's /handler pages send security headers", (spec) => {
  const fx = useExampleInBrowser(spec, `Headers ${spec.name}`, { magicLinks: true });

  it.each(HANDLER_PAGES)("sends no-referrer and a nonce-based policy on %s, with the nonce on every inline script", async (path) => {
    const response = await fetch(`${fx.app.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const csp = directivesOf(response.headers.get("content-security-policy"));
    const nonce = /^'nonce-(.+)'$/.exec(csp["script-src"]?.find((source) => source.startsWith("'nonce-")) ?? "")?.[1];
    expect(nonce).toBeDefined();
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
    expect(csp["connect-src"]).toContain(new URL(testEnv().backendUrl).origin);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  });

  it("chooses a new nonce for every response", async () => {
    const policies = await Promise.all([1, 2, 3].map(async () => (await fetch(`${fx.app.url}/handler/sign-in`)).headers.get("content-security-policy")));
    expect(new Set(policies).size).toBe(3);
  });

  it("signs up and in under the policy, with nothing blocked or logged", async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const { errors } = await watchPage(page);
    const email = uniqueEmail(`csp-${spec.name}`);
    await signUpThroughPage(page, fx.app.url, email);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);

    await page.goto(`${fx.app.url}/handler/account-settings`);
    await page.getByText("This device", { exact: true }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${spec.name}-csp-account-settings.png`, fullPage: true });
    await page.locator("section").filter({ hasText: "End your session" }).getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.locator("#greeting").textContent(), { timeout: 15_000 }).toContain("Not signed in");

    await page.goto(`${fx.app.url}/handler/sign-in`);
    // The sign-in code form appears once the page has loaded the fx.project from the API, which the policy must allow.
    await page.getByLabel("Email for a sign-in code").waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${spec.name}-csp-sign-in.png`, fullPage: true });
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);
    await page.goto(`${fx.app.url}/handler/magic-link-callback?code=${CODE}`);
    await page.getByText("Finish signing in").waitFor();
    await page.waitForLoadState("networkidle");
    expect(problemsOf(errors)).toEqual([]);
    await context.close();
  }, 120_000);

  it("blocks a script injected into a page, and the browser reports it", async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const { errors } = await watchPage(page);
    await page.goto(`${fx.app.url}/handler/sign-in`);
    await page.getByRole("button", { name: "Sign in" }).first().waitFor();
    // Markup an attacker got into the page: an inline event handler, which only 'unsafe-inline' would let run.
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/missing.png" onerror="window.injectedScriptRan = true">'));
    await expect.poll(() => errors.some((error) => /Content Security Policy/i.test(error))).toBe(true);
    const ran = await page.evaluate(() => (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan === true);
    expect(ran).toBe(false);
    await context.close();
  }, 60_000);

  it("sends no Referer with the requests of a page that has a code in its address", async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const referers: (string | undefined)[] = [];
    page.on("request", async (request) => {
      if (request.url().startsWith(testEnv().backendUrl)) referers.push((await request.allHeaders()).referer);
    });
    await page.goto(`${fx.app.url}/handler/email-verification?code=${CODE}`);
    // The page spends the code on arrival, calling the API with it.
    await expect.poll(() => referers.length).toBeGreaterThan(0);
    expect(referers.filter((referer) => referer !== undefined)).toEqual([]);
    await context.close();
  }, 60_000);
});
