import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { watchPage } from "../harness/browser";
import { OPERATOR_PASSWORD, createProjectInDashboard, signUpOperator, useDashboard } from "../harness/dashboard";
import { type ShownKeys, readKeysFromSetupPage } from "../harness/dashboard-keys";
import { api, expectKnownError, internalProject, projectHeaders, uniqueEmail } from "../harness/rest";
import { SoftAuthenticator } from "../harness/soft-authenticator";

// The browser logs every refused request; those are the point of these tests. Anything else it logs is a bug.
const unexpected = (errors: string[]) => errors.filter((error) => !/status of 4\d\d/.test(error));

describe("the dashboard's forms with bad input", () => {
  const fx = useDashboard();
  let page: Page;
  let errors: string[];
  let projectUrl: string;
  let keys: ShownKeys;
  const server = () => ({ "x-hexclave-project-id": keys.projectId, "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": keys.secretServerKey });
  const operatorEmail = uniqueEmail("forms-operator");
  // The operator's own admin access, as the dashboard has it, to read back what the forms did (or did not) store.
  const admin = async () => {
    const signIn = await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(internalProject(), "client"), body: { email: operatorEmail, password: OPERATOR_PASSWORD } });
    return { "x-hexclave-project-id": keys.projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": signIn.body.access_token as string };
  };

  beforeAll(async () => {
    page = await (await fx.browser.newContext()).newPage();
    errors = (await watchPage(page)).errors;
    await signUpOperator(page, fx.dashboard.url, operatorEmail);
  }, 120_000);

  it("refuses an empty and a too-long project name next to the field, creating nothing", async () => {
    await page.getByRole("button", { name: "New project" }).first().click();
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByText("Give the project a name.").waitFor();
    await page.getByLabel("Project name").fill("x".repeat(300));
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByText("A project name has at most 256 characters.").waitFor();
    expect(await page.getByLabel("Project name").getAttribute("aria-invalid")).toBe("true");
    await page.keyboard.press("Escape");
    await page.getByText("No projects yet").waitFor();

    const projectId = await createProjectInDashboard(page, "Forms");
    projectUrl = `${fx.dashboard.url}/projects/${projectId}`;
    keys = await readKeysFromSetupPage(page);
  });

  it("refuses metadata that is not JSON, leaving the stored metadata as it was", async () => {
    const user = await api("/api/v1/users", { headers: server(), body: { primary_email: uniqueEmail("forms-user"), server_metadata: { tier: 1 } } });
    await page.goto(`${projectUrl}/users/${user.body.id}`);
    const editor = page.getByLabel("Server metadata", { exact: true });
    await editor.fill('{ "tier": 2, ');
    await page.getByRole("button", { name: "Save server metadata" }).click();
    await page.getByText(/This is not valid JSON/).waitFor();
    expect(await editor.getAttribute("aria-invalid")).toBe("true");
    expect((await api(`/api/v1/users/${user.body.id}`, { headers: server() })).body.server_metadata).toEqual({ tier: 1 });
  });

  it("shows a user's passkey and removes it", async () => {
    const asAdmin = await admin();
    expect((await api("/api/v1/internal/projects/current", { method: "PATCH", headers: asAdmin, body: { config: { passkey_enabled: true } } })).status).toBe(200);
    const user = await api("/api/v1/users", { headers: server(), body: { primary_email: uniqueEmail("forms-passkey") } });
    const session = await api("/api/v1/auth/sessions", { headers: server(), body: { user_id: user.body.id } });
    const asUser = { ...server(), "x-hexclave-access-type": "client", "x-hexclave-publishable-client-key": keys.publishableClientKey, "x-hexclave-access-token": session.body.access_token };
    const started = await api("/api/v1/auth/passkey/initiate-passkey-registration", { headers: asUser, body: {} });
    const credential = new SoftAuthenticator().register(started.body.options_json);
    expect((await api("/api/v1/auth/passkey/register", { headers: asUser, body: { code: started.body.code, credential } })).status).toBe(200);
    await page.goto(`${projectUrl}/users/${user.body.id}`);
    await page.getByText("Added: they can sign in with it.").waitFor();
    // The user's card may still be settling from its own load; a click it swallowed is made again.
    for (let attempt = 1; ; attempt++) {
      await page.getByRole("button", { name: "Remove", exact: true }).click();
      if (await page.getByRole("alertdialog").waitFor({ timeout: 2_000 }).then(() => true, () => false)) break;
      if (attempt === 5) throw new Error("The dialog to remove the passkey never opened.");
    }
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove passkey" }).click();
    await page.getByText("None. They add one from their account settings.").waitFor();
    expect((await api(`/api/v1/users/${user.body.id}`, { headers: server() })).body.passkey_auth_enabled).toBe(false);
  });

  it("shows the backend's refusal of a too-wide domain pattern next to the field, and trusts nothing new", async () => {
    await page.goto(`${projectUrl}/domains`);
    await page.getByLabel("Domain", { exact: true }).fill("https://*.com");
    await page.getByRole("button", { name: "Add domain" }).click();
    await page.locator("#domain-base-url-error").getByText(/too wide/).waitFor();
    await page.getByLabel("Domain", { exact: true }).fill("not a url");
    await page.getByRole("button", { name: "Add domain" }).click();
    await page.locator("#domain-base-url-error").getByText(/is not a trusted domain/).waitFor();
    expect(await page.getByText("No trusted domains").count()).toBe(1);
    const config = await api("/api/v1/internal/config", { headers: await admin() });
    expect(config.status).toBe(200);
    expect(JSON.parse(config.body.config_string).domains.trustedDomains).toEqual({});
  });

  it("adds a data vault store, refuses a bad id next to the field, and removes the store", async () => {
    await page.goto(`${projectUrl}/data-vault`);
    await page.getByText("No stores yet").waitFor();
    await page.getByLabel("Id", { exact: true }).fill("has spaces");
    await page.getByRole("button", { name: "Add store" }).click();
    await page.locator("#store-id-error").getByText(/letters, digits/).waitFor();
    await page.getByLabel("Id", { exact: true }).fill("provider-tokens");
    await page.getByLabel("Name", { exact: true }).fill("Provider tokens");
    await page.getByRole("button", { name: "Add store" }).click();
    await page.getByRole("cell", { name: "provider-tokens", exact: true }).waitFor();
    const stores = async () => JSON.parse((await api("/api/v1/internal/config", { headers: await admin() })).body.config_string).dataVault.stores;
    expect(await stores()).toEqual({ "provider-tokens": { displayName: "Provider tokens" } });
    await page.getByRole("button", { name: "Remove provider-tokens" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
    await page.getByText("No stores yet").waitFor();
    expect(await stores()).toEqual({});
  });

  it("shows the backend's refusal of a permission cycle next to the picker, and changes no definition", async () => {
    await page.goto(`${projectUrl}/permissions`);
    await page.getByRole("tab", { name: "Project permissions" }).click();
    for (const [id, contains] of [["cycle:a", null], ["cycle:b", "cycle:a"]] as const) {
      await page.getByRole("button", { name: "New project permission" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Permission id").fill(id);
      if (contains) await dialog.getByRole("checkbox", { name: contains }).check();
      await dialog.getByRole("button", { name: /Create/ }).click();
      await page.getByRole("cell", { name: id, exact: true }).waitFor();
    }
    await page.getByRole("button", { name: "Edit cycle:a" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("checkbox", { name: "cycle:b" }).check();
    await dialog.getByRole("button", { name: /Save/ }).click();
    await dialog.getByText("cycle:a → cycle:b → cycle:a", { exact: false }).waitFor();
    await page.keyboard.press("Escape");
    const definitions = await api("/api/v1/project-permission-definitions", { headers: await admin() });
    expect(definitions.body.items).toContainEqual({ id: "cycle:a", contained_permission_ids: [] });
  });

  it("refuses an empty team name and an empty key description next to the field", async () => {
    await page.goto(`${projectUrl}/teams`);
    await page.getByRole("button", { name: "New team" }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: /Create team/ }).click();
    await page.locator("#team-name-error").waitFor();
    await page.keyboard.press("Escape");
    expect((await api("/api/v1/teams", { headers: server() })).body.items).toEqual([]);

    await page.goto(`${projectUrl}/keys`);
    await page.getByRole("button", { name: "New key set" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Create keys" }).click();
    await page.getByText("Describe what the keys are for.").waitFor();
    await page.keyboard.press("Escape");
    expect(await page.getByText("Application error").count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });

  it("hides the project from an operator of another team, in the dashboard and at the admin API", async () => {
    const strangerEmail = uniqueEmail("forms-stranger");
    const stranger = await (await fx.browser.newContext()).newPage();
    await signUpOperator(stranger, fx.dashboard.url, strangerEmail);
    expect(await stranger.getByText("Forms", { exact: true }).count()).toBe(0);
    await stranger.goto(projectUrl);
    await stranger.getByText("Project not found").waitFor();
    await stranger.goto(`${projectUrl}/users`);
    await stranger.getByText("Project not found").waitFor();

    const signIn = await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(internalProject(), "client"), body: { email: strangerEmail, password: OPERATOR_PASSWORD } });
    const asStranger = (method: string, path: string, body?: unknown) =>
      api(`/api/v1${path}`, {
        method,
        body,
        headers: { "x-hexclave-project-id": keys.projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": signIn.body.access_token },
      });
    for (const [method, path, body] of [
      ["GET", "/internal/projects/current"],
      ["PATCH", "/internal/projects/current", { display_name: "Taken over" }],
      ["GET", "/users"],
      ["GET", "/internal/api-keys"],
      ["GET", "/internal/metrics"],
      ["GET", "/internal/config"],
      ["DELETE", "/internal/projects/current"],
    ] as const) {
      expectKnownError(await asStranger(method, path, body), "ADMIN_ACCESS_TOKEN_IS_NOT_ADMIN", 401);
    }
    const stillThere = await api("/api/v1/projects/current", { headers: { ...server(), "x-hexclave-access-type": "server" } });
    expect(stillThere.body.display_name).toBe("Forms");
  });

  it("refuses an SMTP port out of range and a contact email that is not one, next to the field", async () => {
    await page.goto(`${projectUrl}/emails`);
    await page.getByRole("switch", { name: "Use my own SMTP server" }).click();
    await page.getByLabel("Port").fill("99999");
    await page.getByRole("button", { name: "Save email server" }).click();
    await page.locator("#smtp-port-error").getByText("Ports go from 1 to 65535.").waitFor();
    const config = await api("/api/v1/internal/config", { headers: await admin() });
    expect(JSON.parse(config.body.config_string).emails.server.isShared).toBe(true);

    const user = await api("/api/v1/users", { headers: server(), body: { primary_email: uniqueEmail("forms-channels") } });
    await page.goto(`${projectUrl}/users/${user.body.id}`);
    const field = page.getByLabel("Add an email address");
    await field.fill("not-an-email");
    await field.press("Enter");
    await page.getByText("Enter an email address, like ada@example.com.").first().waitFor();
    const channels = await api(`/api/v1/contact-channels?user_id=${user.body.id}`, { headers: server() });
    expect(channels.body.items.map((item: { value: string }) => item.value)).not.toContain("not-an-email");
  });

  it("works with the keyboard alone: a dialog opens, takes its input, submits and closes", async () => {
    const keyboard = await (await fx.browser.newContext()).newPage();
    await signUpOperator(keyboard, fx.dashboard.url, uniqueEmail("forms-keyboard"));
    await keyboard.getByRole("button", { name: "New project" }).first().focus();
    await keyboard.keyboard.press("Enter");
    // The dialog puts the focus in its first field.
    await expect.poll(() => keyboard.evaluate(() => document.activeElement?.id)).toBe("project-name");
    await keyboard.keyboard.type("Keyboard");
    await keyboard.keyboard.press("Enter");
    await keyboard.waitForURL(/\/setup$/);
    // Through the project's pages by Tab and Enter: the navigation is links in order.
    await keyboard.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Setup" }).focus();
    await keyboard.keyboard.press("Tab");
    await keyboard.keyboard.press("Enter");
    await keyboard.waitForURL(/\/users$/);
    await keyboard.getByRole("heading", { name: "Users", level: 1 }).waitFor();
    await keyboard.context().close();
  });
});
