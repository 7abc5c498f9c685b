import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { SCREENSHOT_DIR, launchBrowser } from "./browser";
import { type ExampleApp, type ExampleSpec, startExample } from "./example-apps";
import { internalProject, testEnv } from "./rest";

/** The dashboard, built and served as a deployment runs it (`next build`, then `next start`). */
export const DASHBOARD: ExampleSpec = {
  name: "dashboard",
  dir: "../apps/dashboard",
  build: ["exec", "next", "build"],
  start: (port) => ["exec", "next", "start", "--port", String(port), "--hostname", "127.0.0.1"],
};

export const DASHBOARD_SCREENSHOTS = join(SCREENSHOT_DIR, "dashboard");
export const OPERATOR_PASSWORD = "correct horse battery";

export type DashboardFixture = { dashboard: ExampleApp; browser: Browser };

export type DashboardBackend = { backendUrl: string; project: Parameters<typeof startExample>[2] };

/**
 * The dashboard against the test backend's internal project, and a Chromium, for the tests of one file. `backend`
 * points it at a backend of the file's own instead, read when the file's hooks before this call have run.
 */
export function useDashboard(backend: () => DashboardBackend = () => ({ backendUrl: testEnv().backendUrl, project: internalProject() })): DashboardFixture {
  const fixture = {} as DashboardFixture;
  beforeAll(async () => {
    mkdirSync(DASHBOARD_SCREENSHOTS, { recursive: true });
    const { backendUrl, project } = backend();
    fixture.dashboard = await startExample(DASHBOARD, backendUrl, project);
    fixture.browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.dashboard?.stop();
  });
  return fixture;
}

/** Signs a new operator up through the dashboard's own sign-up page; they land on their (empty) project list. */
export async function signUpOperator(page: Page, dashboardUrl: string, email: string): Promise<void> {
  await page.goto(`${dashboardUrl}/handler/sign-up`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(OPERATOR_PASSWORD);
  await page.getByLabel("Repeat password").fill(OPERATOR_PASSWORD);
  await page.locator("form").getByRole("button", { name: "Sign up" }).click();
  await page.waitForURL(`${dashboardUrl}/`);
  await page.getByRole("heading", { name: "Projects", level: 1 }).waitFor();
}

/** Creates a project from the project list and waits for its setup page; returns the project id. */
export async function createProjectInDashboard(page: Page, name: string): Promise<string> {
  await page.getByRole("button", { name: "New project" }).first().click();
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}\/setup$/);
  return /\/projects\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * axe-core's findings of serious or critical impact on the page as it is now. The script is evaluated through the
 * debugging protocol, so pages under a strict Content-Security-Policy are checked as they really are.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  })) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** Screenshots a page in the light and the dark theme, checking both with axe; the page is left in the light theme. */
export async function captureInBothThemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    // The theme follows the system's choice; give the class switch and transitions a frame to land.
    await page.waitForFunction((dark) => document.documentElement.classList.contains("dark") === dark, colorScheme === "dark");
    await page.screenshot({ path: join(DASHBOARD_SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
    expect(await seriousAccessibilityViolations(page), `${name} in the ${colorScheme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}
