import { describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, addSessionCookie } from "../harness/browser";
import { EXAMPLES } from "../harness/example-apps";
import { useExampleInBrowser } from "../harness/example-fixture";
import { waitForEmail } from "../harness/maildev";
import { signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";

const nextjs = EXAMPLES.find((spec) => spec.name === "nextjs")!;

describe("account settings for an unverified email, in the Next.js example", () => {
  const fx = useExampleInBrowser(nextjs, "Browser resend verification");

  it("resends the verification email, whose link verifies the address", async () => {
    // Signed up through the API without a callback URL, so no verification email went out yet.
    const user = await signUpWithPassword(fx.project, uniqueEmail("resend"));
    const context = await fx.browser.newContext();
    await addSessionCookie(context, fx.app.url, fx.project.projectId, user.refreshToken);
    const page = await context.newPage();

    await page.goto(`${fx.app.url}/handler/account-settings`);
    const resend = page.getByRole("button", { name: "Resend verification email" });
    await expect.poll(() => resend.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByText("Not verified yet.").count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${nextjs.name}-resend-1-unverified.png`, fullPage: true });

    await resend.click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Sent." }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator(".hx-alert:not(:empty)").count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${nextjs.name}-resend-2-sent.png`, fullPage: true });

    const mail = await waitForEmail(testEnv().maildev.webUrl, user.email);
    const link = /https?:\/\/\S+\/handler\/email-verification\?code=[a-z2-7]{45}/.exec(mail.text)?.[0];
    expect(link?.startsWith(`${fx.app.url}/handler/email-verification`)).toBe(true);
    await page.goto(link!);
    await expect.poll(() => page.getByText("Your email is verified.").count(), { timeout: 15_000 }).toBe(1);

    await page.goto(`${fx.app.url}/handler/account-settings`);
    await expect.poll(() => page.getByText("Verified.").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole("button", { name: "Resend verification email" }).count()).toBe(0);
    await context.close();
  }, 120_000);
});
