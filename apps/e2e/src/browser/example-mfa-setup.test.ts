import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshotInBothThemes } from "../harness/browser";
import { seriousAccessibilityViolations } from "../harness/dashboard";
import { EXAMPLES } from "../harness/example-apps";
import { useExampleInBrowser } from "../harness/example-fixture";
import { api, projectHeaders, signUpWithPassword, uniqueEmail } from "../harness/rest";
import { authenticatorCode, base32Decode } from "../harness/totp";

const PASSWORD = "correct horse battery";

/** A screenshot of the page in each theme, where axe must find nothing serious either. */
async function capture(page: Page, name: string) {
  await screenshotInBothThemes(page, name, async (scheme) => expect(await seriousAccessibilityViolations(page), `${name} in ${scheme}`).toEqual([]));
}

describe("two-factor setup and recovery codes through the Next.js example's pages", () => {
  const fx = useExampleInBrowser(EXAMPLES[0]!, "Browser MFA setup");

  async function requiresTotp(accessToken: string): Promise<boolean> {
    return (await api("/api/v1/users/me", { headers: projectHeaders(fx.project, "client", { "access-token": accessToken }) })).body.requires_totp_mfa;
  }

  /** The password step of the sign-in page; the account has two-factor sign-in, so the second step follows. */
  async function passwordStep(page: Page, email: string) {
    await page.goto(`${fx.app.url}/handler/sign-in`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
  }

  async function signOut(page: Page) {
    await page.goto(`${fx.app.url}/handler/account-settings`);
    await page.locator("section").filter({ hasText: "End your session" }).getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.locator("#greeting").textContent(), { timeout: 15_000 }).toContain("Not signed in");
  }

  it("sets up an authenticator app from account settings, then signs in with a recovery code once only", async () => {
    const user = await signUpWithPassword(fx.project, uniqueEmail("browser-mfa-setup"), PASSWORD);
    const context = await fx.browser.newContext({ acceptDownloads: true });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: fx.app.url });
    const page = await context.newPage();
    await page.goto(`${fx.app.url}/handler/sign-in`);
    await page.getByLabel("Email", { exact: true }).fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${fx.app.url}/`);

    await page.goto(`${fx.app.url}/handler/account-settings`);
    const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "Two-factor authentication" }) });
    // From the keyboard: the setup panel takes the focus of the button it replaces.
    await section.getByRole("button", { name: "Set up" }).press("Enter");
    await section.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.querySelector("h3")?.textContent)).toBe("Connect your authenticator app");
    await capture(page, "nextjs-mfa-setup-1-scan");

    // Scanning nothing: the key is read off the page, as a person typing it into their app would.
    const secret = base32Decode(await section.getByLabel("Setup key").inputValue());
    expect(secret).toHaveLength(20);
    const right = authenticatorCode(secret);
    await section.getByLabel("Code from the app").fill(right === "000000" ? "111111" : "000000");
    await section.getByRole("button", { name: "Turn on" }).click();
    await expect.poll(() => section.getByRole("alert").first().textContent()).toContain("That code does not match");
    await capture(page, "nextjs-mfa-setup-2-wrong-code");
    expect(await requiresTotp(user.accessToken)).toBe(false);

    await section.getByLabel("Code from the app").fill(authenticatorCode(secret));
    await section.getByRole("button", { name: "Turn on" }).click();
    const codesList = section.getByRole("list", { name: "Save your recovery codes" });
    await codesList.waitFor();
    const codes = await codesList.locator("code").allTextContents();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    expect(new Set(codes).size).toBe(10);
    expect(await requiresTotp(user.accessToken)).toBe(true);
    await capture(page, "nextjs-mfa-setup-3-recovery-codes");

    await section.getByRole("button", { name: "Copy" }).click();
    await expect.poll(() => section.getByRole("status").first().textContent()).toContain("Copied.");
    expect((await page.evaluate(() => navigator.clipboard.readText())).trimEnd().split("\n").slice(-10)).toEqual(codes);
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("button", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toBe("browser-mfa-setup-recovery-codes.txt");
    expect((await readFile((await download.path())!, "utf8")).trimEnd().split("\n").slice(-10)).toEqual(codes);

    await section.getByRole("button", { name: "I have saved them" }).press("Enter");
    await expect.poll(() => section.textContent()).toContain("10 recovery codes left.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Regenerate recovery codes");
    await capture(page, "nextjs-mfa-setup-4-on");

    await signOut(page);
    await passwordStep(page, user.email);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!);
    await capture(page, "nextjs-mfa-setup-5-recovery-code-step");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${user.email}`);

    // The same code a second time: refused, and the page says so.
    await signOut(page);
    await passwordStep(page, user.email);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!);
    const refused = page.waitForResponse((response) => response.url().endsWith("/api/v1/auth/mfa/sign-in"));
    await page.getByRole("button", { name: "Verify" }).click();
    expect((await refused).headers()["x-hexclave-known-error"]).toBe("INVALID_MFA_RECOVERY_CODE");
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("That recovery code is not right, or it was already used.");
    await capture(page, "nextjs-mfa-setup-6-code-used");
    // Typed in capitals and without the dash, as the codes may be: the next code still works.
    await page.getByLabel("Recovery code").fill(codes[1]!.replace("-", "").toUpperCase());
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(`${fx.app.url}/`);

    await page.goto(`${fx.app.url}/handler/account-settings`);
    await expect.poll(() => section.textContent()).toContain("8 recovery codes left.");
    await section.getByRole("button", { name: "Regenerate recovery codes" }).click();
    await codesList.waitFor();
    const renewed = await codesList.locator("code").allTextContents();
    expect(renewed).toHaveLength(10);
    expect(renewed.filter((code) => codes.includes(code))).toEqual([]);
    expect(await section.textContent()).toContain("Your earlier codes no longer work.");
    await section.getByRole("button", { name: "I have saved them" }).click();
    await expect.poll(() => section.textContent()).toContain("10 recovery codes left.");

    await section.getByRole("button", { name: "Turn off" }).click();
    await capture(page, "nextjs-mfa-setup-7-turn-off");
    await section.getByRole("button", { name: "Turn off" }).click();
    await expect.poll(() => section.getByRole("status").last().textContent()).toContain("Two-factor sign-in is off.");
    await section.getByRole("button", { name: "Set up" }).waitFor();
    expect(await requiresTotp(user.accessToken)).toBe(false);
  });
});
