import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SCREENSHOT_DIR } from "../harness/browser";
import { EXAMPLES } from "../harness/example-apps";
import { signUpWithPassword, uniqueEmail } from "../harness/rest";
import { useExampleInBrowser } from "../harness/example-fixture";

const PASSWORD = "correct horse battery";
// The reported link: decoded once it is `/.//evil.example/x`, whose path `//evil.example/x` reads as another host.
const CRAFTED_RETURN = "%2F.%2F%2Fevil.example%2Fx";

/** Every host the page asked for, so a redirect attempt shows even where the other site cannot be reached. */
function hostsRequested(page: Page): Set<string> {
  const hosts = new Set<string>();
  page.on("request", (request) => hosts.add(new URL(request.url()).hostname));
  return hosts;
}

async function settleAfterLeaving(page: Page, path: string) {
  await page.waitForURL((url) => url.pathname !== path, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
}

describe.each(EXAMPLES)("the $name example's return target after sign-in", (spec) => {
  const fx = useExampleInBrowser(spec, `Redirects ${spec.name}`);

  it("stays on the site after signing in from a link whose return target is another site", async () => {
    const { email } = await signUpWithPassword(fx.project, uniqueEmail(`redirect-${spec.name}`), PASSWORD);
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const hosts = hostsRequested(page);
    await page.goto(`${fx.app.url}/handler/sign-in?after_auth_return_to=${CRAFTED_RETURN}`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await settleAfterLeaving(page, "/handler/sign-in");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${spec.name}-redirect-after-sign-in.png`, fullPage: true });
    expect(new URL(page.url()).origin).toBe(fx.app.url);
    expect([...hosts]).not.toContain("evil.example");
    await context.close();
  }, 60_000);

  it("stays on the site after signing up from such a link", async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const hosts = hostsRequested(page);
    await page.goto(`${fx.app.url}/handler/sign-up?after_auth_return_to=${CRAFTED_RETURN}`);
    await page.getByLabel("Email", { exact: true }).fill(uniqueEmail(`redirect-up-${spec.name}`));
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign up" }).click();
    await settleAfterLeaving(page, "/handler/sign-up");
    expect(new URL(page.url()).origin).toBe(fx.app.url);
    expect([...hosts]).not.toContain("evil.example");
    await context.close();
  }, 60_000);

  it("keeps the return target when the visitor goes from sign-in to sign-up", async () => {
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    const target = "/handler/account-settings";
    await page.goto(`${fx.app.url}/handler/sign-in?after_auth_return_to=${encodeURIComponent(target)}`);
    const link = page.getByRole("link", { name: "Create an account" });
    await expect.poll(async () => new URL((await link.getAttribute("href")) ?? "", fx.app.url).searchParams.get("after_auth_return_to")).toBe(target);
    await link.click();
    // The sign-up page is ready once it has carried the target on to its own link back; typing earlier can land in a
    // form that the navigation then replaces.
    const back = page.getByRole("link", { name: "Sign in instead" });
    await expect.poll(async () => new URL((await back.getAttribute("href")) ?? "", fx.app.url).searchParams.get("after_auth_return_to")).toBe(target);
    await page.getByLabel("Email", { exact: true }).fill(uniqueEmail(`carry-${spec.name}`));
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(`${fx.app.url}${target}`);
    await context.close();
  }, 60_000);

  it("still returns to a page of the site that asked for sign-in", async () => {
    const { email } = await signUpWithPassword(fx.project, uniqueEmail(`return-${spec.name}`), PASSWORD);
    const context = await fx.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${fx.app.url}/handler/sign-in?after_auth_return_to=${encodeURIComponent("/handler/account-settings")}`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${fx.app.url}/handler/account-settings`);
    await expect.poll(() => page.getByRole("heading", { name: "Account settings" }).count()).toBe(1);
    await context.close();
  }, 60_000);
});
