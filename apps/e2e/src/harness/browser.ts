import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";

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
