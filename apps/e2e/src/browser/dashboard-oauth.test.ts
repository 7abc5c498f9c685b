import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { watchPage } from "../harness/browser";
import { DASHBOARD_SCREENSHOTS, OPERATOR_PASSWORD, captureInBothThemes, createProjectInDashboard, signUpOperator, useDashboard } from "../harness/dashboard";
import { type ShownKeys, readKeysFromSetupPage } from "../harness/dashboard-keys";
import { authorize, oauthSignIn, readApiResponse } from "../harness/oauth";
import { type TestProject, api, expectKnownError, internalProject, projectHeaders, testEnv, uniqueEmail } from "../harness/rest";

// The browser logs every refused request; none is expected here, but a 4xx is the backend's answer, not a page bug.
const unexpected = (errors: string[]) => errors.filter((error) => !/status of 4\d\d/.test(error));

describe("the dashboard's OAuth providers", () => {
  const fx = useDashboard();
  let page: Page;
  let errors: string[];
  let keys: ShownKeys;
  let adminToken: string;
  const operatorEmail = uniqueEmail("oauth-operator");
  const client = () => ({ "x-hexclave-project-id": keys.projectId, "x-hexclave-access-type": "client", "x-hexclave-publishable-client-key": keys.publishableClientKey });
  // The operator's own admin access, as the dashboard has it, to read back what the section stored.
  const admin = () => ({ "x-hexclave-project-id": keys.projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": adminToken });
  const signInProviders = async () => (await api("/api/v1/projects/current", { headers: client() })).body.config.enabled_oauth_providers;
  const adminProviders = async () => (await api("/api/v1/internal/projects/current", { headers: admin() })).body.config.oauth_providers;
  // The OAuth round trip reads only the project id and its publishable key, both shown on the setup page.
  const project = () => ({ ...keys, superSecretAdminKey: "" }) as unknown as TestProject;
  const storedProviders = async () => JSON.parse((await api("/api/v1/internal/config", { headers: admin() })).body.config_string).auth.oauth.providers;

  const section = () => page.getByRole("region", { name: "OAuth providers" });
  const row = (id: string) => page.getByRole("list", { name: "OAuth providers" }).getByRole("listitem").filter({ has: page.getByText(id, { exact: true }) });
  const dialog = () => page.getByRole("dialog");
  const chooseProvider = async (label: string) => {
    await dialog().getByRole("combobox", { name: "Provider" }).click();
    await page.getByRole("option", { name: label }).click();
  };
  const expectClosed = (locator: Locator) => expect.poll(() => locator.count()).toBe(0);
  // The switch shows its new position at once and stays disabled until the config it wrote has come back.
  const flip = async (toggle: Locator, to: boolean) => {
    await toggle.click();
    await expect.poll(async () => [await toggle.getAttribute("aria-checked"), await toggle.isDisabled()]).toEqual([String(to), false]);
  };

  beforeAll(async () => {
    page = await (await fx.browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    errors = (await watchPage(page)).errors;
    await signUpOperator(page, fx.dashboard.url, operatorEmail);
    const projectId = await createProjectInDashboard(page, "OAuth");
    keys = await readKeysFromSetupPage(page);
    const signIn = await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(internalProject(), "client"), body: { email: operatorEmail, password: OPERATOR_PASSWORD } });
    adminToken = signIn.body.access_token;
    await page.goto(`${fx.dashboard.url}/projects/${projectId}/auth-methods`);
  }, 120_000);

  it("starts with no providers, and adds Spotify on the shared keys with the keyboard alone", async () => {
    await section().getByText("No OAuth providers").waitFor();
    expect(await signInProviders()).toEqual([]);

    await section().getByRole("button", { name: "Add provider" }).focus();
    await page.keyboard.press("Enter");
    // The dialog puts the focus on its first control, the provider picker; typing a name picks it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("oauth-type");
    await page.keyboard.press("Enter");
    await page.getByRole("option", { name: "Spotify" }).waitFor();
    await page.keyboard.type("Spot");
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog().getByRole("combobox", { name: "Provider" }).textContent()).toContain("Spotify");
    // Own keys is checked first; the arrow key moves the choice to the shared keys, as in any radio group.
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    expect(await dialog().getByRole("radio", { name: "Shared development keys" }).isChecked()).toBe(true);
    await dialog().getByText(/A self-hosted Hexclave has no keys to lend/).waitFor();
    await captureInBothThemes(page, "33-oauth-provider-shared-keys");
    await dialog().getByRole("button", { name: "Add provider" }).focus();
    await page.keyboard.press("Enter");
    await expectClosed(dialog());

    await row("spotify").getByText("Shared keys").waitFor();
    expect(await row("spotify").getByRole("switch", { name: "Sign-in with Spotify" }).getAttribute("aria-checked")).toBe("true");
    expect(await signInProviders()).toEqual([{ id: "spotify" }]);
    expect(await adminProviders()).toEqual([{ provider_config_id: "spotify", id: "spotify", type: "shared" }]);
  });

  it("refuses own keys without a client secret next to the field, and stores nothing", async () => {
    await section().getByRole("button", { name: "Add provider" }).click();
    await chooseProvider("GitHub");
    expect(await dialog().getByRole("radio", { name: "My own OAuth app" }).isChecked()).toBe(true);
    await dialog().getByLabel("Client id").fill("gh-client-1");
    await dialog().getByRole("button", { name: "Add provider" }).click();
    await page.locator("#oauth-client-secret-error").getByText("Enter the client secret of your OAuth app.").waitFor();
    expect(await dialog().getByLabel("Client secret").getAttribute("aria-invalid")).toBe("true");
    await captureInBothThemes(page, "32-oauth-provider-refused");
    expect(Object.keys(await storedProviders())).toEqual(["spotify"]);
    expect(await signInProviders()).toEqual([{ id: "spotify" }]);
  });

  it("adds GitHub with its own client id and secret, and shows the callback URL to register there", async () => {
    const callbackUrl = `${testEnv().backendUrl}/api/v1/auth/oauth/callback/github`;
    await dialog().getByText(callbackUrl).waitFor();
    await dialog().getByLabel("Client secret").fill("gh-secret-1");
    expect(await dialog().getByLabel("Client secret").getAttribute("type")).toBe("password");
    await dialog().getByRole("button", { name: "Add provider" }).click();
    await expectClosed(dialog());

    await row("github").getByText("Own keys").waitFor();
    expect(await row("github").locator("code").textContent()).toBe(callbackUrl);
    expect(await signInProviders()).toEqual([{ id: "github" }, { id: "spotify" }]);
    expect(await adminProviders()).toEqual([
      { provider_config_id: "github", id: "github", type: "standard", client_id: "gh-client-1", client_secret: "gh-secret-1" },
      { provider_config_id: "spotify", id: "spotify", type: "shared" },
    ]);
  });

  it("turns sign-in with GitHub off with its switch", async () => {
    await flip(row("github").getByRole("switch", { name: "Sign-in with GitHub" }), false);
    expect(await signInProviders()).toEqual([{ id: "spotify" }]);
    expect((await adminProviders()).map((provider: { id: string }) => provider.id)).toEqual(["spotify"]);
    expect((await storedProviders()).github).toMatchObject({ allowSignIn: false, clientId: "gh-client-1", clientSecret: "gh-secret-1" });
    const { response } = await authorize(project(), { providerId: "github" });
    expectKnownError(await readApiResponse(response), "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400);
  });

  it("edits GitHub: the secret stays masked and is kept unless a new one is typed", async () => {
    await page.getByRole("button", { name: "Edit GitHub" }).click();
    expect(await dialog().getByLabel("Client id").inputValue()).toBe("gh-client-1");
    expect(await dialog().getByLabel("Client secret").inputValue()).toBe("");
    await dialog().getByText("Saved and hidden. Type a new one to replace it.").waitFor();
    await dialog().getByLabel("Client id").fill("gh-client-2");
    await dialog().getByRole("checkbox", { name: /Allow connected accounts/ }).click();
    await dialog().getByRole("button", { name: "Save changes" }).click();
    await expectClosed(dialog());
    await row("github").getByText("Connected accounts").waitFor();
    // Editing leaves sign-in as the switch set it.
    expect((await storedProviders()).github).toEqual({
      type: "github",
      allowSignIn: false,
      allowConnectedAccounts: true,
      isShared: false,
      clientId: "gh-client-2",
      clientSecret: "gh-secret-1",
      appleBundles: {},
    });

    await page.getByRole("button", { name: "Edit GitHub" }).click();
    await dialog().getByLabel("Client secret").fill("gh-secret-2");
    await dialog().getByRole("button", { name: "Save changes" }).click();
    await expectClosed(dialog());
    await expect.poll(async () => (await storedProviders()).github.clientSecret).toBe("gh-secret-2");

    await flip(row("github").getByRole("switch", { name: "Sign-in with GitHub" }), true);
    expect(await signInProviders()).toEqual([{ id: "github" }, { id: "spotify" }]);
    expect((await adminProviders())[0]).toEqual({ provider_config_id: "github", id: "github", type: "standard", client_id: "gh-client-2", client_secret: "gh-secret-2" });
    // Sign-in now starts at GitHub itself, with the edited client id and the callback URL the section shows.
    const { response } = await authorize(project(), { providerId: "github" });
    expect(response.status).toBe(307);
    const toGitHub = new URL(response.headers.get("location")!);
    expect(toGitHub.origin + toGitHub.pathname).toBe("https://github.com/login/oauth/authorize");
    expect(toGitHub.searchParams.get("client_id")).toBe("gh-client-2");
    expect(toGitHub.searchParams.get("redirect_uri")).toBe(await row("github").locator("code").textContent());
  });

  it("sets how OAuth accounts meet existing accounts with the same email", async () => {
    const select = section().getByLabel("When someone signs in with the email of an existing account");
    expect(await select.inputValue()).toBe("link_method");
    await section().getByText(/only when both the provider and the existing account have verified the email/).waitFor();
    await select.selectOption("raise_error");
    await expect.poll(async () => (await api("/api/v1/internal/projects/current", { headers: admin() })).body.config.oauth_account_merge_strategy).toBe("raise_error");
    await select.selectOption("link_method");
    await expect.poll(async () => (await api("/api/v1/internal/projects/current", { headers: admin() })).body.config.oauth_account_merge_strategy).toBe("link_method");
  });

  it("looks right in light and dark, the list and the edit dialog, and passes axe", async () => {
    await expect.poll(() => section().getByRole("switch", { disabled: true }).count()).toBe(0);
    await captureInBothThemes(page, "30-oauth-providers");
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.waitForFunction((dark) => document.documentElement.classList.contains("dark") === dark, colorScheme === "dark");
      await section().screenshot({ path: join(DASHBOARD_SCREENSHOTS, `30-oauth-providers-section-${colorScheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.getByRole("button", { name: "Edit GitHub" }).click();
    await dialog().getByLabel("Client id").waitFor();
    await captureInBothThemes(page, "31-oauth-provider-dialog");
    await page.keyboard.press("Escape");
    await expectClosed(dialog());
  });

  it("removes GitHub after asking, and its sign-in stops at the API", async () => {
    await page.getByRole("button", { name: "Remove GitHub" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove provider" }).click();
    await expectClosed(row("github"));
    expect(await storedProviders()).not.toHaveProperty("github");
    expect(await signInProviders()).toEqual([{ id: "spotify" }]);
    expect(await adminProviders()).toEqual([{ provider_config_id: "spotify", id: "spotify", type: "shared" }]);
    const { response } = await authorize(project(), { providerId: "github" });
    expectKnownError(await readApiResponse(response), "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", 400);
  });

  it("signs a user in to the project with the Spotify it configured, through the mock provider", async () => {
    const email = uniqueEmail("oauth-dashboard-user");
    const shownCallback = await row("spotify").locator("code").textContent();
    const flow = await oauthSignIn(project(), { email, name: "Dana Dashboard" }, { providerId: "spotify" });
    // The provider sent the user back to the very URL the section shows.
    expect(flow.callbackUrl.split("?")[0]).toBe(shownCallback);
    expect(flow.tokens.status).toBe(200);
    const me = await api("/api/v1/users/me", { headers: { ...client(), "x-hexclave-access-token": flow.tokens.body.access_token } });
    expect(me.body).toMatchObject({ primary_email: email, display_name: "Dana Dashboard" });
    expect(me.body.oauth_providers).toEqual([{ id: "spotify", account_id: expect.any(String), email }]);
    expect(unexpected(errors)).toEqual([]);
  });
});
