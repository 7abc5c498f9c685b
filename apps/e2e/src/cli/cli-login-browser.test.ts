import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOT_DIR } from "../harness/browser";
import { useDashboard } from "../harness/dashboard";
import { internalProject, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";
import { CLI_BIN, cliEnv, runCli } from "./cli-helpers";

const exec = promisify(execFile);
const PASSWORD = "correct horse battery";
// A server of its own, so the test neither sees nor disturbs anyone's tmux sessions; it starts with the CLI's env.
const SOCKET = `hexclave-e2e-${randomUUID().slice(0, 8)}`;
const SESSION = "login";

let env: Record<string, string>;
// The login is approved where a Hexclave user approves it: the dashboard's own handler pages.
const fixture = useDashboard();

const tmux = (...args: string[]) => exec("tmux", ["-L", SOCKET, ...args], { env });
// -J joins the lines the terminal wrapped, so a long link reads as one.
const pane = async () => (await tmux("capture-pane", "-p", "-J", "-t", SESSION)).stdout;

async function waitForPane(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await pane();
    const match = pattern.exec(text);
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`The pane never showed ${pattern}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(() => {
  env = cliEnv();
});

afterAll(async () => {
  await tmux("kill-server").catch(() => undefined);
});

describe("hexclave login in a terminal, approved in a browser", () => {
  it("logs in through the dashboard's confirm page, then lists the user's projects", async () => {
    const app = fixture.dashboard;
    const email = uniqueEmail("cli-browser");
    await signUpWithPassword(internalProject(), email, PASSWORD);
    const command = `node ${CLI_BIN} login --api-url ${testEnv().backendUrl} --app-url ${app.url}; echo "cli exited with $?"; sleep 600`;
    await tmux("new-session", "-d", "-s", SESSION, "-x", "250", "-y", "50", command);
    const [loginUrl] = await waitForPane(/https?:\/\/\S+login_code=[a-z2-7]+/);
    expect(loginUrl.startsWith(`${app.url}/handler/cli-auth-confirm?login_code=`)).toBe(true);

    const page = await fixture.browser.newPage();
    await page.goto(loginUrl);
    // Not signed in yet: the confirm page sends the visitor to sign in and back again.
    await page.waitForURL(/\/handler\/sign-in\?after_auth_return_to=/);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.locator("form").getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/handler\/cli-auth-confirm\?login_code=/);
    await expect.poll(() => page.getByText(`It will act as ${email}`).count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/cli-login-1-confirm.png`, fullPage: true });
    await page.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => page.getByText("The command-line tool is signed in.").count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/cli-login-2-approved.png`, fullPage: true });

    await waitForPane(/Logged in to .*\n(.*\n)*cli exited with 0/);

    // A new internal user owns no project yet, so make one to see in the list.
    const created = await runCli(["projects", "create", "Terminal project", "--json"], { env });
    expect(created.status, created.stderr).toBe(0);
    const projectId = JSON.parse(created.stdout).id as string;
    const listed = await runCli(["projects", "list"], { env });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${projectId}\tTerminal project`);
  });
});
