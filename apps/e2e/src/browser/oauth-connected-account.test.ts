import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSessionCookie, launchBrowser } from "../harness/browser";
import { enableOwnKeysOpenIdProvider, mockProviderUserinfo } from "../harness/oauth";
import { type TestProject, createTestProject, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";

// A plain-JS app page with our @stackframe/js: a signed-in user connects a provider account with an extra scope, and
// the app calls the provider with the token it gets, refreshed once the provider's short-lived token expired.
let browser: Browser;
let server: Server;
let appUrl: string;
let project: TestProject;

function page(script: string, action: string): string {
  const options = JSON.stringify({
    projectId: project.projectId,
    publishableClientKey: project.publishableClientKey,
    baseUrl: testEnv().backendUrl,
    tokenStore: "cookie",
    urls: { oauthCallback: "/oauth-callback" },
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>app</title></head><body><p id="status">loading</p>
<script>${script}</script>
<script>
  const app = new window.HexclaveClientApp(${options});
  const show = (text) => { document.getElementById("status").textContent = text; };
  (async () => { ${action} })().catch((error) => show("error: " + error.message));
</script></body></html>`;
}

beforeAll(async () => {
  project = await createTestProject("Browser connected accounts");
  await enableOwnKeysOpenIdProvider(project);
  const bundled = await build({
    stdin: { contents: 'import { HexclaveClientApp } from "@stackframe/js"; window.HexclaveClientApp = HexclaveClientApp;', resolveDir: import.meta.dirname, loader: "ts" },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "error",
  });
  const script = bundled.outputFiles[0]!.text;
  const routes: Record<string, string> = {
    "/connect": page(
      script,
      `const user = await app.getUser({ or: "throw" });
       const account = await user.getConnectedAccount("acme", { or: "redirect", scopes: ["repo"] });
       const { accessToken } = await account.getAccessToken();
       show("token:" + accessToken);`,
    ),
    "/oauth-callback": page(script, "await app.callOAuthCallback();"),
  };
  server = createServer((req, res) => {
    const body = routes[new URL(req.url ?? "/", "http://x").pathname];
    res.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  appUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe("our SDK's connected accounts in a browser", () => {
  it("connects the provider with the extra scope on first use, then hands out working tokens, refreshed after expiry", async () => {
    const user = await signUpWithPassword(project, uniqueEmail("connect"));
    const context = await browser.newContext();
    await addSessionCookie(context, appUrl, project.projectId, user.refreshToken);
    const tab = await context.newPage();
    await tab.goto(`${appUrl}/connect`);
    // Not connected yet: the SDK goes to the provider, asking for the extra scope.
    await tab.waitForURL(/\/interaction\//);
    expect(await tab.content()).toContain("repo");
    await tab.getByLabel("Email", { exact: true }).fill(uniqueEmail("provider-account"));
    await tab.getByLabel("Email verified").check();
    await tab.getByRole("button", { name: "Sign in" }).click();
    // Back through the callback page to the page that asked, which now gets a token.
    await tab.waitForURL(`${appUrl}/connect**`);
    await tab.locator("#status", { hasText: /^token:|^error/ }).waitFor();
    const first = (await tab.locator("#status").textContent())!.replace(/^token:/, "");
    expect((await mockProviderUserinfo(first)).status).toBe(200);

    // The mock provider's tokens live 5 seconds in the e2e run.
    await new Promise((resolve) => setTimeout(resolve, 5500));
    expect((await mockProviderUserinfo(first)).status).toBe(401);
    await tab.reload();
    await tab.locator("#status", { hasText: /^token:|^error/ }).waitFor();
    const refreshed = (await tab.locator("#status").textContent())!.replace(/^token:/, "");
    expect(refreshed).not.toBe(first);
    expect((await mockProviderUserinfo(refreshed)).status).toBe(200);
    expect(tab.url()).toBe(`${appUrl}/connect`);
    await context.close();
  });
});
