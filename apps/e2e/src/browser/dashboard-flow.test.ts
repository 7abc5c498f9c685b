import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchPage } from "../harness/browser";
import { createProjectInDashboard, signUpOperator, useDashboard } from "../harness/dashboard";
import { type ShownKeys, readKeysFromSetupPage } from "../harness/dashboard-keys";
import { EXAMPLES, type ExampleApp, startExample } from "../harness/example-apps";
import { waitForEmail } from "../harness/maildev";
import { api, testEnv, uniqueEmail } from "../harness/rest";

const PASSWORD = "correct horse battery";

// A person's first hour with Hexclave: the dashboard, then the Next.js example running on the keys it showed them.
describe("the dashboard running a project for the Next.js example", () => {
  const fx = useDashboard();
  let dash: Page;
  let keys: ShownKeys;
  let example: ExampleApp;
  let projectUrl: string;
  let errors: string[];
  const endUser = uniqueEmail("flow-user");
  const server = () => ({ "x-hexclave-project-id": keys.projectId, "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": keys.secretServerKey });

  beforeAll(async () => {
    dash = await (await fx.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    errors = (await watchPage(dash)).errors;
    await signUpOperator(dash, fx.dashboard.url, uniqueEmail("flow-operator"));
    const projectId = await createProjectInDashboard(dash, "Flow");
    projectUrl = `${fx.dashboard.url}/projects/${projectId}`;
    keys = await readKeysFromSetupPage(dash);
    expect(keys.projectId).toBe(projectId);
    example = await startExample(EXAMPLES[0]!, testEnv().backendUrl, keys);
  }, 600_000);
  afterAll(async () => {
    await example?.stop();
  });

  it("trusts the example's address, which a user of the example then signs up on", async () => {
    await dash.goto(`${projectUrl}/domains`);
    await dash.getByLabel("Domain", { exact: true }).fill(example.url);
    await dash.getByRole("button", { name: "Add domain" }).click();
    await dash.getByRole("cell", { name: example.url, exact: true }).waitFor();

    const page = await fx.browser.newPage();
    await page.goto(`${example.url}/handler/sign-up`);
    await page.getByLabel("Email", { exact: true }).fill(endUser);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(`${example.url}/`);
    await expect.poll(() => page.locator("#greeting").textContent()).toContain(endUser);
    await page.close();
  });

  it("finds the user by search, edits them, revokes their session, impersonates them and deletes them", async () => {
    await dash.goto(`${projectUrl}/users`);
    await dash.getByLabel("Search users").fill(endUser.slice(0, 16));
    await dash.getByRole("link", { name: new RegExp(endUser) }).click();
    await dash.getByLabel("Display name").fill("Ada Example");
    await dash.getByRole("button", { name: "Save profile" }).click();
    await dash.getByRole("heading", { name: "Ada Example", level: 1 }).waitFor();
    await dash.getByLabel("Server metadata", { exact: true }).fill('{ "plan": "pro" }');
    await dash.getByRole("button", { name: "Save server metadata" }).click();
    await dash.getByText("Saved.").first().waitFor();
    const userId = /\/users\/([0-9a-f-]{36})$/.exec(dash.url())![1]!;
    const stored = await api(`/api/v1/users/${userId}`, { headers: server() });
    expect(stored.body).toMatchObject({ display_name: "Ada Example", server_metadata: { plan: "pro" } });

    // The example's session, revoked from the dashboard, is gone at the API.
    await dash.getByRole("button", { name: /^Revoke session/ }).click();
    await dash.getByRole("alertdialog").getByRole("button", { name: "Revoke session" }).click();
    await dash.getByText("No active sessions").waitFor();
    expect((await api(`/api/v1/auth/sessions?user_id=${userId}`, { headers: server() })).body.items).toEqual([]);

    // Impersonation: the snippet the dashboard shows, run on the example's site, signs that browser in as the user.
    await dash.getByRole("button", { name: "Impersonate" }).click();
    const snippet = (await dash.getByLabel("Impersonation snippet", { exact: true }).textContent()) ?? "";
    expect(snippet).toContain(`-refresh-${keys.projectId}--default`);
    const appPage = await fx.browser.newPage();
    await appPage.goto(example.url);
    await expect.poll(() => appPage.locator("#greeting").textContent()).toContain("Not signed in");
    await Promise.all([appPage.waitForEvent("load"), appPage.evaluate(snippet)]);
    await expect.poll(() => appPage.locator("#greeting").textContent(), { timeout: 15_000 }).toContain(endUser);
    await appPage.close();
    await dash.keyboard.press("Escape");
    await dash.reload();
    await dash.getByText("Impersonation", { exact: true }).waitFor();

    await dash.getByRole("button", { name: "Delete user" }).click();
    await dash.getByRole("alertdialog").getByRole("button", { name: "Delete user" }).click();
    await dash.waitForURL(`${projectUrl}/users`);
    expect((await api(`/api/v1/users/${userId}`, { headers: server() })).status).toBe(404);
  });

  it("creates a team and invites a member, who gets the invitation by email", async () => {
    await dash.goto(`${projectUrl}/teams`);
    await dash.getByRole("button", { name: "New team" }).first().click();
    await dash.getByLabel("Team name").fill("Crew");
    await dash.getByRole("dialog").getByRole("button", { name: /Create team/ }).click();
    await dash.getByRole("heading", { name: "Crew", level: 1 }).waitFor();
    const invitee = uniqueEmail("flow-invitee");
    await dash.getByLabel("Invite by email").fill(invitee);
    await dash.getByRole("button", { name: "Send invitation" }).click();
    await dash.getByText(invitee).first().waitFor();
    const mail = await waitForEmail(testEnv().maildev.webUrl, invitee);
    expect(mail.text).toContain(`${example.url}/handler/team-invitation?code=`);
  });

  it("defines three nested permissions and grants the outer one", async () => {
    await dash.goto(`${projectUrl}/permissions`);
    await dash.getByRole("tab", { name: "Project permissions" }).click();
    for (const [id, contains] of [["docs:read", null], ["docs:write", "docs:read"], ["docs:admin", "docs:write"]] as const) {
      await dash.getByRole("button", { name: "New project permission" }).click();
      const dialog = dash.getByRole("dialog");
      await dialog.getByLabel("Permission id").fill(id);
      if (contains) await dialog.getByRole("checkbox", { name: contains }).check();
      await dialog.getByRole("button", { name: /Create/ }).click();
      await dash.getByRole("cell", { name: id, exact: true }).waitFor();
    }
    const grantee = await api("/api/v1/users", { headers: server(), body: { primary_email: uniqueEmail("flow-grantee") } });
    await dash.goto(`${projectUrl}/users/${grantee.body.id}`);
    await dash.getByRole("combobox", { name: "Permission to grant" }).click();
    await dash.getByRole("option", { name: "docs:admin" }).click();
    await dash.getByRole("button", { name: "Grant", exact: true }).click();
    await dash.getByRole("button", { name: "Revoke docs:admin" }).waitFor();
    const held = await api(`/api/v1/project-permissions?user_id=${grantee.body.id}&recursive=true`, { headers: server() });
    expect(held.body.items.map((item: { id: string }) => item.id).sort()).toEqual(["docs:admin", "docs:read", "docs:write"]);
  });

  it("changes the sign-in methods, and the example's sign-in page follows", async () => {
    const signIn = await fx.browser.newPage();
    await signIn.goto(`${example.url}/handler/sign-in`);
    await signIn.getByLabel("Password", { exact: true }).waitFor();
    expect(await signIn.getByLabel("Email for a sign-in code").count()).toBe(0);

    await dash.goto(`${projectUrl}/auth-methods`);
    await dash.getByRole("switch", { name: "Magic link and one-time code" }).click();
    await expect.poll(() => dash.getByRole("switch", { name: "Magic link and one-time code" }).getAttribute("aria-checked")).toBe("true");
    await dash.getByRole("switch", { name: "Email and password" }).click();
    await expect.poll(() => dash.getByRole("switch", { name: "Email and password" }).getAttribute("aria-checked")).toBe("false");

    await expect
      .poll(async () => {
        await signIn.reload();
        await signIn.getByRole("heading").first().waitFor();
        return [await signIn.getByLabel("Email for a sign-in code").count(), await signIn.getByLabel("Password", { exact: true }).count()];
      }, { timeout: 20_000 })
      .toEqual([1, 0]);
    await signIn.close();
  });

  it("creates a key set that works at the API, and revokes it so it stops working", async () => {
    await dash.goto(`${projectUrl}/keys`);
    await dash.getByRole("button", { name: "New key set" }).click();
    await dash.getByLabel("Description").fill("Temporary CI key");
    await dash.getByRole("dialog").getByRole("button", { name: "Create keys" }).click();
    const block = dash.getByLabel("Next.js environment", { exact: true });
    await block.getByText(/ssk_/).waitFor();
    const secret = /HEXCLAVE_SECRET_SERVER_KEY=(\S+)/.exec((await block.textContent()) ?? "")![1]!;
    const withKey = () => api("/api/v1/users?limit=1", { headers: { ...server(), "x-hexclave-secret-server-key": secret } });
    expect((await withKey()).status).toBe(200);

    await dash.getByRole("button", { name: "I have copied them" }).click();
    await dash.getByRole("button", { name: "Revoke Temporary CI key" }).click();
    await dash.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
    await dash.getByRole("row", { name: /Temporary CI key/ }).getByText("Revoked").waitFor();
    const refused = await withKey();
    expect(refused.status).toBe(401);
    expect(refused.headers.get("x-hexclave-known-error")).toBe("INVALID_SECRET_SERVER_KEY");
    expect(errors).toEqual([]);
  });
});
