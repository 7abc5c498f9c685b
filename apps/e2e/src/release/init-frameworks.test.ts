// `npx @hexclave/cli init --yes` from a local registry on a fresh app of each framework, its starter's entry files
// edited in place: the app builds, its prebuilt sign-up page signs a user up in Chromium against the backend, and a
// second init changes nothing.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalRegistry, LocalRelease } from "../../../../scripts/release/local-registry";
import { freePort } from "../harness/backend-process";
import { launchBrowser } from "../harness/browser";
import { waitForPage } from "../harness/example-apps";
import { type TestProject, api, createTestProject, projectHeaders, testEnv, uniqueEmail } from "../harness/rest";
import { type FreshApp, FRESH_APPS } from "./fresh-apps";
import { cliSpec, publishLocalRelease, run, runInit, snapshot, userEnv } from "./local-release";

const PASSWORD = "correct horse battery staple";

type InitializedApp = { project: TestProject; env: NodeJS.ProcessEnv; dir: string; output: string };

let registry: LocalRegistry;
let release: LocalRelease;
let browser: Browser;
const initialized = new Map<FreshApp, Promise<InitializedApp>>();

/** A fresh app, a project of its own, and the first init: its install is the app's only one (the framework comes through the uplink). */
async function createAndInit(app: FreshApp): Promise<InitializedApp> {
  const project = await createTestProject(`Init on a fresh ${app.name} app`);
  const env = userEnv(registry, mkdtempSync(path.join(registry.dir, "home-")));
  const dir = mkdtempSync(path.join(registry.dir, "fresh-app-"));
  app.create(dir);
  return { project, env, dir, output: await runInit(cliSpec(release), dir, env, testEnv().backendUrl, project) };
}

beforeAll(async () => {
  ({ registry, release } = await publishLocalRelease());
  browser = await launchBrowser();
  // Installs wait on the network more than the CPU: all of them run while the first apps build.
  for (const app of FRESH_APPS) {
    const setUp = createAndInit(app);
    // Its test reports a failure; until then it is not an unhandled rejection.
    setUp.catch(() => {});
    initialized.set(app, setUp);
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await registry?.stop();
});

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

function envFile(dir: string): Map<string, string> {
  const entries = readFileSync(path.join(dir, ".env.local"), "utf8")
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);
  return new Map(entries);
}

/** The app's production server on a free port; stopped with its whole process group. */
async function serve(app: FreshApp, dir: string, env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const [command, ...args] = app.serve(port);
  const child: ChildProcess = spawn(command!, args, { cwd: dir, env: { ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      process.kill(-(child.pid as number), "SIGTERM");
    });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForPage(url, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function signUpInBrowser(url: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const email = uniqueEmail("init-fresh-app");
    await page.goto(`${url}/handler/sign-up`);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign up" }).click();
    // Signed up, the prebuilt page sends the visitor home: the app's own page, under the provider init put around it.
    await page.waitForURL(`${url}/`);
    await page.locator("#home").waitFor();
    return email;
  } finally {
    await context.close();
  }
}

describe.each(FRESH_APPS)("hexclave init on a fresh $name app", (app) => {
  it("installs the SDK from the local registry and writes its files; the app builds and signs up in Chromium; a second init changes nothing", async () => {
    const version = cliSpec(release).slice("@hexclave/cli@".length);
    const { project, env, dir, output } = await initialized.get(app)!;
    expect(output).toContain(`Installing ${app.sdk}`);
    expect(readJson(path.join(dir, "package.json")).dependencies[app.sdk]).toContain(version);
    expect(readJson(path.join(dir, "node_modules", app.sdk, "package.json")).version).toBe(version);
    for (const file of ["hexclave.config.ts", ...app.files]) expect(existsSync(path.join(dir, file)), file).toBe(true);
    if (app.handler) expect(readFileSync(path.join(dir, app.handler), "utf8")).toContain(`from "${app.sdk}"`);
    for (const file of app.edited) expect(output).toContain(`Added Hexclave to ${file}`);
    const written = envFile(dir);
    expect([...written.keys()]).toEqual(app.envNames);
    expect(written.get(app.envNames.find((name) => name.endsWith("PROJECT_ID"))!)).toBe(project.projectId);

    const [build, ...buildArgs] = app.build;
    await run(build!, buildArgs, dir, env);
    const server = await serve(app, dir, env);
    let email: string;
    try {
      email = await signUpInBrowser(server.url);
    } finally {
      await server.stop();
    }
    const users = await api("/api/v1/users", { method: "GET", headers: projectHeaders(project, "server") });
    expect(users.status).toBe(200);
    expect(users.body.items.map((user: { primary_email: string }) => user.primary_email)).toEqual([email]);

    const before = snapshot(dir, app.outputs);
    const second = await runInit(cliSpec(release), dir, env, testEnv().backendUrl, project);
    expect(second).not.toContain("Installing");
    expect(second).toContain("already set up");
    expect(snapshot(dir, app.outputs)).toEqual(before);
  }, 420_000);
});
