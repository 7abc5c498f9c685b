import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR, launchBrowser } from "../harness/browser";
import { enableOAuthProviders } from "../harness/oauth";
import { type TestProject, createTestProject, testEnv, uniqueEmail } from "../harness/rest";

// A page of a plain-JS app: the SDK under test, bundled for the browser as an app's bundler would.
const SDKS = [
  { name: "@stackframe/js@2.8.77", module: "stack-js-2-8-77" },
  { name: "@stackframe/js@2.8.108", module: "stack-js-2-8-108" },
];

async function bundleFor(module: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { StackClientApp } from "${module}"; window.StackClientApp = StackClientApp;`,
      resolveDir: import.meta.dirname,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "error",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return result.outputFiles[0]!.text;
}

function page(project: TestProject, script: string, action: string): string {
  const options = JSON.stringify({
    projectId: project.projectId,
    publishableClientKey: project.publishableClientKey,
    baseUrl: testEnv().backendUrl,
    tokenStore: "cookie",
    redirectMethod: "window",
    urls: { oauthCallback: "/oauth-callback", afterSignIn: "/signed-in", afterSignUp: "/signed-in" },
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>app</title></head><body><p id="status">loading</p>
<script>${script}</script>
<script>
  const app = new window.StackClientApp(${options});
  window.app = app;
  (async () => { ${action} })().catch((error) => { document.getElementById("status").textContent = "error: " + error.message; });
</script></body></html>`;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

for (const sdk of SDKS) {
  describe(`${sdk.name} signInWithOAuth`, () => {
    let server: Server;
    let appUrl: string;
    let project: TestProject;

    beforeAll(async () => {
      project = await createTestProject();
      await enableOAuthProviders(project);
      const script = await bundleFor(sdk.module);
      const routes: Record<string, string> = {
        "/": page(project, script, 'document.getElementById("status").textContent = "ready";'),
        "/oauth-callback": page(project, script, 'await app.callOAuthCallback(); document.getElementById("status").textContent = "called back";'),
        "/signed-in": page(project, script, 'const user = await app.getUser(); document.getElementById("status").textContent = user ? "user: " + user.primaryEmail : "no user";'),
      };
      server = createServer((req, res) => {
        const body = routes[new URL(req.url ?? "/", "http://x").pathname];
        res.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
        res.end(body ?? "not found");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      appUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("signs up through the provider's page and comes back signed in", async () => {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(`${appUrl}/`);
      await tab.locator("#status", { hasText: "ready" }).waitFor();
      const email = uniqueEmail("sdk-oauth");
      await tab.evaluate(() => void (window as unknown as { app: { signInWithOAuth(id: string): Promise<void> } }).app.signInWithOAuth("spotify"));
      await tab.waitForURL(/\/interaction\//);
      await tab.getByLabel("Email", { exact: true }).fill(email);
      await tab.getByLabel("Display name").fill("Sam Published");
      await tab.getByLabel("Email verified").check();
      await tab.screenshot({ path: `${SCREENSHOT_DIR}/oauth-mock-provider-sign-in.png` });
      await tab.getByRole("button", { name: "Sign in" }).click();
      await tab.waitForURL(`${appUrl}/signed-in**`).catch(async (error) => {
        throw new Error(`${error.message} at ${tab.url()}: ${await tab.locator("body").textContent()}`);
      });
      await tab.locator("#status", { hasText: "user:" }).waitFor();
      expect(await tab.locator("#status").textContent()).toBe(`user: ${email}`);
      await context.close();
    });
  });
}
