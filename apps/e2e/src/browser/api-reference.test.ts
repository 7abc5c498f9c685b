import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, launchBrowser, watchPage } from "../harness/browser";
import { testEnv } from "../harness/rest";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

// The page has no favicon; the browser's request for one is its only 404.
const problemsOf = (errors: string[]) => errors.filter((error) => !/favicon\.ico|status of 404/.test(error));
// The first tag's operations are listed open in the sidebar as soon as the document is rendered.
const FIRST_OPERATION = "The current project as its clients see it";

/** Opens the reference page, noting every request it makes and every error it reports. */
async function openReference(version: string): Promise<{ page: Page; errors: string[]; requested: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const { errors } = await watchPage(page);
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.goto(`${testEnv().backendUrl}/api/${version}/docs`);
  return { page, errors, requested };
}

describe("the API reference page", () => {
  it.each(["v1", "latest"])("renders the document's title and its operations at /api/%s/docs", async (version) => {
    const { page, errors } = await openReference(version);
    await page.getByRole("heading", { name: "Hexclave REST API" }).first().waitFor({ timeout: 30_000 });
    await page.getByText(FIRST_OPERATION).first().waitFor();
    await page.getByRole("heading", { name: "Projects" }).first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/api-reference-${version}.png` });
    expect(problemsOf(errors)).toEqual([]);
    await page.close();
  });

  it("loads everything from this server, under its own content security policy", async () => {
    const response = await fetch(`${testEnv().backendUrl}/api/v1/docs`);
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'nonce-[^']+'/);
    const { page, errors, requested } = await openReference("v1");
    await page.getByText(FIRST_OPERATION).first().waitFor({ timeout: 30_000 });
    await page.getByRole("heading", { name: "Projects" }).first().waitFor();
    const origin = new URL(testEnv().backendUrl).origin;
    expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url))).toEqual([]);
    expect(requested).toContain(`${origin}/api/v1/openapi.json`);
    expect(problemsOf(errors)).toEqual([]);
    await page.close();
  });
});
