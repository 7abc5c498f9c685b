import { describe, expect, it } from "vitest";
import { captureInBothThemes, createProjectInDashboard, signUpOperator, useDashboard } from "../harness/dashboard";
import { watchPage } from "../harness/browser";
import { api, uniqueEmail } from "../harness/rest";
import { readKeysFromSetupPage } from "../harness/dashboard-keys";

// Every page of the dashboard, with data and without, in both themes: a screenshot each, and axe finds nothing serious.
describe("the dashboard's pages", () => {
  const fx = useDashboard();

  it("look right and pass axe in light and dark, empty and filled", async () => {
    const context = await fx.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const watched = await watchPage(page);
    const base = fx.dashboard.url;

    const home = await fetch(`${base}/`, { redirect: "manual" });
    expect(home.headers.get("x-frame-options")).toBe("DENY");
    expect(home.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
    expect(home.headers.get("referrer-policy")).toBe("same-origin");
    const signInPage = await fetch(`${base}/handler/sign-in`);
    expect(signInPage.headers.get("referrer-policy")).toBe("no-referrer");
    expect(signInPage.headers.get("x-frame-options")).toBe("DENY");

    await page.goto(`${base}/handler/sign-in`);
    await page.getByLabel("Email", { exact: true }).waitFor();
    await captureInBothThemes(page, "00-sign-in");

    await signUpOperator(page, base, uniqueEmail("pages-operator"));
    await captureInBothThemes(page, "01-projects-empty");
    await page.getByRole("button", { name: "New project" }).first().click();
    await page.getByLabel("Project name").waitFor();
    await captureInBothThemes(page, "02-new-project");
    await page.keyboard.press("Escape");

    const projectId = await createProjectInDashboard(page, "Screenshots");
    const project = `${base}/projects/${projectId}`;
    await captureInBothThemes(page, "03-setup");
    const keys = await readKeysFromSetupPage(page);
    await captureInBothThemes(page, "04-setup-with-keys");

    // Empty states first, then the same pages with a user and a team in them.
    for (const [path, name] of [["/users", "05-users-empty"], ["/teams", "06-teams-empty"]] as const) {
      await page.goto(`${project}${path}`);
      await page.getByText(/^No (users|teams) yet$/).waitFor();
      await captureInBothThemes(page, name);
    }

    const headers = { "x-hexclave-project-id": projectId, "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": keys.secretServerKey };
    const user = await api("/api/v1/users", { headers, body: { primary_email: uniqueEmail("pages-user"), display_name: "Grace Hopper", primary_email_auth_enabled: true } });
    expect(user.status).toBe(201);
    const team = await api("/api/v1/teams", { headers, body: { display_name: "Compilers", creator_user_id: user.body.id } });
    expect(team.status).toBe(201);

    const pages: [string, string, RegExp | string][] = [
      ["", "07-overview", "Total users"],
      ["/users", "08-users", "Grace Hopper"],
      [`/users/${user.body.id}`, "09-user", "Sessions"],
      ["/teams", "10-teams", "Compilers"],
      [`/teams/${team.body.id}`, "11-team", "Members"],
      ["/permissions", "12-permissions", "team_admin"],
      ["/auth-methods", "13-auth-methods", "Email and password"],
      ["/domains", "14-domains", "Trusted domains"],
      ["/keys", "15-keys", "Created on the setup page"],
      ["/emails", "16-emails", "Email server"],
      ["/webhooks", "23-webhooks-empty", "No endpoints yet"],
      ["/data-vault", "22-data-vault", "No stores yet"],
      ["/settings", "17-settings", "Owner team"],
    ];
    for (const [path, name, marker] of pages) {
      await page.goto(`${project}${path}`);
      await page.getByText(marker).first().waitFor();
      // Loading placeholders gone: what is captured is the page with its data.
      // Lazy parts and the page's data can take seconds on a busy 2-core machine.
      await expect.poll(() => page.locator("output[aria-label^='Loading']").count(), { timeout: 15_000 }).toBe(0);
      await captureInBothThemes(page, name);
    }

    // The dialogs, open: each traps focus over the page and must pass axe too.
    const dialogs: [string, string, string][] = [
      ["/keys", "New key set", "18-new-key-set"],
      ["/teams", "New team", "19-new-team"],
      ["/permissions", "New team permission", "20-new-permission"],
      ["/settings", "Delete project", "21-delete-project"],
    ];
    for (const [path, button, name] of dialogs) {
      await page.goto(`${project}${path}`);
      await page.getByRole("button", { name: button }).first().click();
      await page.getByRole(name === "21-delete-project" ? "alertdialog" : "dialog").waitFor();
      await captureInBothThemes(page, name);
      await page.keyboard.press("Escape");
    }
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 240_000);
});
