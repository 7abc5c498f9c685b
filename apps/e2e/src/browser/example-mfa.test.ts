import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SCREENSHOT_DIR } from "../harness/browser";
import { EXAMPLES } from "../harness/example-apps";
import { useExampleInBrowser } from "../harness/example-fixture";
import { waitForEmail } from "../harness/maildev";
import { api, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";
import { authenticatorCode } from "../harness/totp";

const PASSWORD = "correct horse battery";

describe("two-factor sign-in through the Next.js example's sign-in page", () => {
  const fx = useExampleInBrowser(EXAMPLES[0]!, "Browser MFA", { magicLinks: true });

  it("asks for the authenticator code after the password, refuses a wrong one and signs in with the right one", async () => {
    const user = await signUpWithPassword(fx.project, uniqueEmail("browser-mfa"), PASSWORD);
    const secret = randomBytes(20);
    const enabled = await api("/api/v1/users/me", {
      method: "PATCH",
      headers: projectHeaders(fx.project, "client", { "access-token": user.accessToken }),
      body: { totp_secret_base64: secret.toString("base64") },
    });
    expect(enabled.status).toBe(200);

    const page = await (await fx.browser.newContext()).newPage();
    await page.goto(`${fx.app.url}/handler/sign-in`);
    await page.getByLabel("Email", { exact: true }).fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/nextjs-mfa-1-code.png`, fullPage: true });

    const right = authenticatorCode(secret);
    await page.getByLabel("Authenticator code").fill(right === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect.poll(() => page.locator(".hx-alert").textContent()).toContain("That code is not right");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/nextjs-mfa-2-wrong.png`, fullPage: true });

    await page.getByLabel("Authenticator code").fill(right);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${user.email}`);
  });

  it("asks for the authenticator code after a sign-in link too", async () => {
    const user = await signUpWithPassword(fx.project, uniqueEmail("browser-mfa-link"), PASSWORD);
    const secret = randomBytes(20);
    const server = projectHeaders(fx.project, "server");
    await api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: server, body: { primary_email_verified: true, totp_secret_base64: secret.toString("base64") } });
    const sent = await api("/api/v1/auth/otp/send-sign-in-code", {
      headers: projectHeaders(fx.project, "client"),
      body: { email: user.email, callback_url: `${fx.app.url}/handler/magic-link-callback` },
    });
    expect(sent.status).toBe(200);
    const mail = await waitForEmail(testEnv().maildev.webUrl, user.email);
    const link = /https?:\/\/\S+\/handler\/magic-link-callback\?code=[a-z2-7]{45}/.exec(mail.text)?.[0];
    const page = await (await fx.browser.newContext()).newPage();
    await page.goto(link!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Two-factor sign-in" }).waitFor();
    await page.getByLabel("Authenticator code").fill(authenticatorCode(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(`${fx.app.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(`Signed in as ${user.email}`);
  });
});
