import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type SignedInUser, api, internalProject, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";
import { type CliResult, cliEnv, copyExample, runCli, snapshotDir, startLogin } from "./cli-helpers";

let env: Record<string, string>;
let owner: SignedInUser;
let projectId: string;

const cli = (args: string[], cwd?: string) => runCli(args, { env, cwd });
const ok = (result: CliResult) => {
  if (result.status !== 0) throw new Error(`CLI failed (${result.status}): ${result.stdout}\n${result.stderr}`);
  return result.stdout;
};
const credentialsFile = () => join(env.HEXCLAVE_CONFIG_DIR ?? "", "credentials.json");

beforeAll(async () => {
  env = cliEnv();
  owner = await signUpWithPassword(internalProject(), uniqueEmail("cli-owner"));
});

describe("hexclave login, projects, keys, config", () => {
  it("logs in once a browser session approves the printed link", async () => {
    const { loginUrl, done } = await startLogin(env);
    expect(loginUrl.origin + loginUrl.pathname).toBe("http://localhost:8101/handler/cli-auth-confirm");
    // What the confirm page does in the browser: approve the login code with its own session.
    const approved = await api("/api/v1/auth/cli/complete", {
      headers: projectHeaders(internalProject(), "client"),
      body: { login_code: loginUrl.searchParams.get("login_code"), refresh_token: owner.refreshToken },
    });
    expect(approved.body).toEqual({ success: true });
    const result = await done;
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Logged in/);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(credentialsFile(), "utf8"))).toEqual({ refresh_token: owner.refreshToken, api_url: testEnv().backendUrl });
  });

  it("creates and lists the user's projects", async () => {
    projectId = JSON.parse(ok(await cli(["projects", "create", "CLI project", "--json"]))).id;
    const listed = JSON.parse(ok(await cli(["projects", "list", "--json"])));
    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ id: projectId, display_name: "CLI project" })]));
    expect(ok(await cli(["projects", "list"]))).toContain(`${projectId}\tCLI project`);
  });

  it("creates keys that the backend accepts", async () => {
    const keys = JSON.parse(ok(await cli(["keys", "create", "--project-id", projectId, "--json"])));
    expect(keys).toMatchObject({ publishable_client_key: expect.stringMatching(/^pck_/), secret_server_key: expect.stringMatching(/^ssk_/) });
    expect(keys.super_secret_admin_key).toBeUndefined();
    const asServer = await api("/api/v1/users", { headers: { "x-hexclave-project-id": projectId, "x-hexclave-access-type": "server", "x-hexclave-secret-server-key": keys.secret_server_key } });
    expect(asServer.status).toBe(200);
  });

  it("pushes the config file and pulls it back, dotted keys kept", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hexclave-cli-config-"));
    writeFileSync(join(dir, "stack.config.ts"), 'const on: boolean = true;\nexport const config = { "teams.allowClientTeamCreation": on, users: { allowClientUserDeletion: true } };\n');
    ok(await cli(["config", "push", "--project-id", projectId], dir));
    const effective = await api("/api/v1/internal/config", { headers: { "x-hexclave-project-id": projectId, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": owner.accessToken } });
    expect(JSON.parse(effective.body.config_string)).toMatchObject({ teams: { allowClientTeamCreation: true }, users: { allowClientUserDeletion: true } });
    expect(JSON.parse(ok(await cli(["config", "show", "--project-id", projectId])))).toEqual(JSON.parse(effective.body.config_string));

    const other = mkdtempSync(join(tmpdir(), "hexclave-cli-pull-"));
    ok(await cli(["config", "pull", "--project-id", projectId], other));
    const pulled = readFileSync(join(other, "hexclave.config.ts"), "utf8");
    expect(pulled).toContain('"teams.allowClientTeamCreation": true');
    expect(pulled).toMatch(/export const config = \{/);
    ok(await cli(["config", "pull", "--project-id", projectId], other));
    expect(readFileSync(join(other, "hexclave.config.ts"), "utf8")).toBe(pulled);

    writeFileSync(join(other, "hexclave.config.ts"), 'export const config = { "nope.unknown": 1 };\n');
    const refused = await cli(["config", "push", "--project-id", projectId], other);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/400/);
  });

  it("creates the project during init when logged in", async () => {
    const dir = copyExample("node-script");
    ok(await cli(["init", dir, "--yes", "--no-install", "--create-project", "Init project"]));
    const envFile = readFileSync(join(dir, ".env.local"), "utf8");
    const created = /^HEXCLAVE_PROJECT_ID=(.+)$/m.exec(envFile)?.[1];
    expect(envFile).toMatch(/^HEXCLAVE_PUBLISHABLE_CLIENT_KEY=pck_/m);
    expect(JSON.parse(ok(await cli(["projects", "list", "--json"]))).map((p: { id: string }) => p.id)).toContain(created);
  });

  it("logs out, then a Stack Auth CLI login is found and migrated", async () => {
    ok(await cli(["logout"]));
    expect(existsSync(credentialsFile())).toBe(false);
    const refused = await cli(["projects", "list"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Not logged in/);

    mkdirSync(join(env.STACK_CLI_CONFIG_PATH ?? "", ".."), { recursive: true });
    writeFileSync(env.STACK_CLI_CONFIG_PATH ?? "", JSON.stringify({ STACK_CLI_REFRESH_TOKEN: owner.refreshToken }));
    expect(ok(await cli(["projects", "list"]))).toContain(projectId);
    expect(JSON.parse(readFileSync(credentialsFile(), "utf8")).refresh_token).toBe(owner.refreshToken);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
  });
});

describe("hexclave init", () => {
  it.each(["nextjs", "tanstack-start", "node-script"])("sets up a copy of the %s example, and a second run changes nothing", async (name) => {
    const dir = copyExample(name);
    const first = ok(await cli(["init", "--yes", "--no-install", "--project-id", "p1", "--api-url", "http://localhost:8102"], dir));
    expect(first).toMatch(/Wrote hexclave.config.ts/);
    expect(readFileSync(join(dir, ".env.local"), "utf8")).toMatch(/PROJECT_ID=p1\n/);
    const before = snapshotDir(dir);
    const second = ok(await cli(["init", "--yes", "--no-install", "--project-id", "p1"], dir));
    expect(second).toMatch(/Nothing to do/);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it("keeps a user's differing file under --yes and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hexclave-cli-vite-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ dependencies: { react: "19" }, devDependencies: { vite: "8" } }));
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src/main.tsx"), "mine\n");
    const result = ok(await cli(["init", "--yes", "--no-install"], dir));
    expect(result).toMatch(/Kept your src\/main.tsx/);
    expect(readFileSync(join(dir, "src/main.tsx"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(dir, ".env.local"), "utf8")).toMatch(/^VITE_HEXCLAVE_PROJECT_ID=$/m);
  });

  it.each([
    ["an empty folder", {}, /No package.json/],
    ["an unsupported framework", { "package.json": JSON.stringify({ dependencies: { vue: "3" } }) }, /Unsupported framework/],
    ["an existing config", { "package.json": "{}", "hexclave.config.ts": "export const config = { a: 1 };\n" }, /already exists/],
  ])("refuses %s with a clear message and writes nothing", async (_label, files: Record<string, string>, message) => {
    const dir = mkdtempSync(join(tmpdir(), "hexclave-cli-bad-"));
    for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
    const result = await cli(["init", "--yes"], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
  });

  it("writes nothing when the package install fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hexclave-cli-offline-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "offline-app", version: "1.0.0" }));
    // A registry nobody listens on: the install fails the way it does without network.
    const result = await runCli(["init", "--yes"], { env: { ...env, npm_config_registry: "http://127.0.0.1:9/", npm_config_fetch_retries: "0" }, cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/npm install @hexclave\/js.*failed/);
    expect(readdirSync(dir)).toEqual(["package.json"]);
  });
});
