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

/**
 * `<name>-light.png` and `<name>-dark.png` of the page as it is now: the prebuilt components follow the visitor's
 * color scheme, so one state is shown in both without going through the flow twice. `check` runs in each scheme,
 * e.g. an accessibility check, whose contrast findings differ between them.
 */
export async function screenshotInBothThemes(page: Page, name: string, check?: (colorScheme: "light" | "dark") => Promise<void>): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    // Transitions finished at once: a colour fading from the other scheme is not what a visitor sees.
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${colorScheme}.png`, fullPage: true, animations: "disabled" });
    await check?.(colorScheme);
  }
  await page.emulateMedia({ colorScheme: "light" });
}
