import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";

export const SCREENSHOT_DIR = fileURLToPath(new URL("../../artifacts/screenshots", import.meta.url));

/** Debian's Chromium (installed by .ci/run), headless, with the flags a closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return await chromium.launch({
    executablePath: process.env.HEXCLAVE_CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * What a page reports as wrong from now on: console errors, uncaught exceptions (React's hydration errors are one or
 * the other) and the browser's own log entries, where Chromium reports Content-Security-Policy violations.
 */
export async function watchPage(page: Page): Promise<{ errors: string[] }> {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${page.url()} console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${page.url()} pageerror: ${error.message}`));
  const cdp = await page.context().newCDPSession(page);
  cdp.on("Log.entryAdded", ({ entry }) => {
    if (entry.level === "error") errors.push(`${entry.url ?? page.url()} ${entry.source}: ${entry.text}`);
  });
  await cdp.send("Log.enable");
  return { errors };
}

/** Signs a browser context in with a session made through the API, in the cookie the SDK writes. */
export async function addSessionCookie(context: BrowserContext, appUrl: string, projectId: string, refreshToken: string): Promise<void> {
  const value = encodeURIComponent(JSON.stringify({ refresh_token: refreshToken, updated_at_millis: Date.now() }));
  await context.addCookies([{ name: `hexclave-refresh-${projectId}--default`, value, domain: new URL(appUrl).hostname, path: "/" }]);
}
