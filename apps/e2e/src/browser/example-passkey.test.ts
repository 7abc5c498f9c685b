import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshotInBothThemes } from "../harness/browser";
import { seriousAccessibilityViolations } from "../harness/dashboard";
import { EXAMPLES } from "../harness/example-apps";
import { useExampleInBrowser } from "../harness/example-fixture";
import { api, patchProjectConfig, projectHeaders, signUpWithPassword, uniqueEmail } from "../harness/rest";
import { authenticatorCode } from "../harness/totp";
import { VirtualAuthenticator, foreignCredential } from "../harness/virtual-authenticator";
import { setEnvironmentConfig } from "../rest/config-helpers";

const PASSWORD = "correct horse battery";

/** A screenshot of the page in each theme, where axe must find nothing serious either. */
async function capture(page: Page, name: string) {
  await screenshotInBothThemes(page, name, async (scheme) => expect(await seriousAccessibilityViolations(page), `${name} in ${scheme}`).toEqual([]));
}

describe("passkeys through the Next.js example's pages", () => {
  const fx = useExampleInBrowser(EXAMPLES[0]!, "Browser passkeys");
  // WebAuthn refuses an IP address as the site a passkey is for: the example is opened as localhost, which the
  // project allows by default, and the passkeys are made for that name.
  const appUrl = () => fx.app.url.replace("127.0.0.1", "localhost");

  beforeAll(async () => {
    await patchProjectConfig(fx.project, { passkey_enabled: true });
  });

  /** The user as the API sees them, with the session the browser holds. */
  async function passkeyOnAccount(email: string): Promise<boolean> {
    const signedIn = await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(fx.project, "client"), body: { email, password: PASSWORD } });
    const me = await api("/api/v1/users/me", { headers: projectHeaders(fx.project, "client", { "access-token": signedIn.body.access_token }) });
    return me.body.passkey_auth_enabled;
  }

  async function signInWithPassword(page: Page, email: string) {
    await page.goto(`${appUrl()}/handler/sign-in`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${appUrl()}/`);
  }

  async function signOut(page: Page) {
    await page.goto(`${appUrl()}/handler/account-settings`);
    await page.locator("section").filter({ hasText: "End your session" }).getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.locator("#greeting").textContent(), { timeout: 15_000 }).toContain("Not signed in");
  }

  /** Clicks the passkey button on the sign-in page and returns the code of the API's known error, if it refused. */
  async function signInWithPasskey(page: Page): Promise<string | null> {
    await page.goto(`${appUrl()}/handler/sign-in`);
    const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/auth/passkey/sign-in"));
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    return (await answer).headers()["x-hexclave-known-error"] ?? null;
  }

  it("adds a passkey in account settings, replaces it from a new device, signs in with it, and refuses a passkey no account has", async () => {
    const page = await (await fx.browser.newContext()).newPage();
    const email = uniqueEmail("browser-passkey");
    await page.goto(`${appUrl()}/handler/sign-up`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(`${appUrl()}/`);

    const laptop = await VirtualAuthenticator.attach(page);
    await page.goto(`${appUrl()}/handler/account-settings`);
    const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "Passkey", exact: true }) });
    await section.getByRole("button", { name: "Add a passkey" }).waitFor();
    await capture(page, "nextjs-passkey-1-none");
    await section.getByRole("button", { name: "Add a passkey" }).click();
    await expect.poll(() => section.getByRole("status").textContent()).toContain("Passkey added.");
    await section.getByRole("button", { name: "Replace" }).waitFor();
    await capture(page, "nextjs-passkey-2-added");
    const [made] = await laptop.credentials();
    expect(made).toMatchObject({ rpId: "localhost", isResidentCredential: true });
    expect(await passkeyOnAccount(email)).toBe(true);

    // A new phone: the old device is gone, the passkey is made again on the new one and replaces the first.
    await laptop.remove();
    const phone = await VirtualAuthenticator.attach(page);
    await section.getByRole("button", { name: "Replace" }).click();
    await expect.poll(() => section.getByRole("status").textContent()).toContain("Passkey replaced.");
    expect(await phone.credentials()).toHaveLength(1);

    await signOut(page);
    await page.goto(`${appUrl()}/handler/sign-in`);
    await page.getByRole("button", { name: "Sign in with a passkey" }).waitFor();
    await capture(page, "nextjs-passkey-3-sign-in");
    expect(await signInWithPasskey(page)).toBeNull();
    await page.waitForURL(`${appUrl()}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${email}`);

    // The replaced passkey no longer signs in: the laptop's credential comes back on a device of its own.
    await signOut(page);
    const phoneCredential = (await phone.credentials())[0]!;
    await phone.remove();
    const old = await VirtualAuthenticator.attach(page);
    await old.addCredential(made!);
    expect(await signInWithPasskey(page)).toBe("PASSKEY_AUTHENTICATION_FAILED");
    await old.remove();

    // A device whose only passkey for this site was made elsewhere: the browser signs with it, the API knows it not.
    const stranger = await VirtualAuthenticator.attach(page);
    await stranger.addCredential(foreignCredential("localhost"));
    expect(await signInWithPasskey(page)).toBe("PASSKEY_AUTHENTICATION_FAILED");
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "passkey" }).textContent()).toContain("This passkey does not sign in to an account here.");
    await capture(page, "nextjs-passkey-4-unknown");
    await stranger.remove();

    // Removing the passkey in account settings: the phone's credential stops signing in.
    await signInWithPassword(page, email);
    await page.goto(`${appUrl()}/handler/account-settings`);
    await section.getByRole("button", { name: "Remove" }).press("Enter");
    await expect.poll(() => section.getByRole("status").textContent()).toContain("Passkey removed.");
    // The Remove button is gone; the keyboard user is left on the one that took its place.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Add a passkey");
    expect(await passkeyOnAccount(email)).toBe(false);
    await signOut(page);
    const phoneAgain = await VirtualAuthenticator.attach(page);
    await phoneAgain.addCredential(phoneCredential);
    expect(await signInWithPasskey(page)).toBe("PASSKEY_AUTHENTICATION_FAILED");
  });

  it("asks a user with two-factor sign-in for the authenticator code after the passkey", async () => {
    const user = await signUpWithPassword(fx.project, uniqueEmail("browser-passkey-mfa"), PASSWORD);
    const page = await (await fx.browser.newContext()).newPage();
    await VirtualAuthenticator.attach(page);
    await signInWithPassword(page, user.email);
    await page.goto(`${appUrl()}/handler/account-settings`);
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByRole("button", { name: "Replace" }).waitFor();
    const secret = randomBytes(20);
    const headers = projectHeaders(fx.project, "client", { "access-token": user.accessToken });
    expect((await api("/api/v1/users/me", { method: "PATCH", headers, body: { totp_secret_base64: secret.toString("base64") } })).status).toBe(200);
    await signOut(page);

    expect(await signInWithPasskey(page)).toBe("MULTI_FACTOR_AUTHENTICATION_REQUIRED");
    await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
    await page.getByLabel("Authenticator code").fill(authenticatorCode(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(`${appUrl()}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${user.email}`);
  });

  it("refuses a passkey made on a site that is not a trusted domain of the project", async () => {
    const user = await signUpWithPassword(fx.project, uniqueEmail("browser-passkey-origin"), PASSWORD);
    const page = await (await fx.browser.newContext()).newPage();
    await VirtualAuthenticator.attach(page);
    await signInWithPassword(page, user.email);
    // The page stays at localhost, which the project no longer trusts.
    await setEnvironmentConfig(fx.project, { "domains.allowLocalhost": false });
    try {
      await page.goto(`${appUrl()}/handler/account-settings`);
      const section = page.locator("section").filter({ has: page.getByRole("heading", { name: "Passkey", exact: true }) });
      const answer = page.waitForResponse((response) => response.url().endsWith("/api/v1/auth/passkey/register"));
      await section.getByRole("button", { name: "Add a passkey" }).click();
      expect((await answer).headers()["x-hexclave-known-error"]).toBe("PASSKEY_REGISTRATION_FAILED");
      await expect.poll(() => section.getByRole("alert").textContent()).toContain("The passkey could not be added here.");
      await capture(page, "nextjs-passkey-5-untrusted-site");
      expect(await passkeyOnAccount(user.email)).toBe(false);
    } finally {
      await setEnvironmentConfig(fx.project, { "domains.allowLocalhost": true });
    }
  });
});
