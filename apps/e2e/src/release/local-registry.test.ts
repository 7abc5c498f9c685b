// Both name sets published from one build into a local verdaccio, installed side by side from it, and used against the backend.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertCleanPackage } from "../../../../scripts/release/built-packages";
import { type LocalRegistry, type LocalRelease, isolatedNpmArgs } from "../../../../scripts/release/local-registry";
import { api, createTestProject, projectHeaders, testEnv } from "../harness/rest";
import { cliSpec, copyExampleWithoutSdk, publishLocalRelease, run, runInit, snapshot, userEnv } from "./local-release";

let registry: LocalRegistry;
let release: LocalRelease;
let app: string;
const installed = (name: string) => JSON.parse(readFileSync(path.join(app, "node_modules", name, "package.json"), "utf8"));

beforeAll(async () => {
  ({ registry, release } = await publishLocalRelease());
  app = mkdtempSync(path.join(registry.dir, "app-"));
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "side-by-side", private: true, type: "module" }));
  const version = (name: string) => release.hexclave.find((entry) => entry.startsWith(`${name}@`))!;
  const specs = [release.stackframe.find((entry) => entry.startsWith("@stackframe/js@"))!, version("@hexclave/js"), version("@hexclave/next")];
  // The frameworks @hexclave/next expects beside it are not in this registry, and this app does not load it.
  execFileSync("npm", ["install", ...specs, "--legacy-peer-deps", "--no-audit", "--no-fund", ...isolatedNpmArgs(registry)], { cwd: app, stdio: "pipe" });
}, 240_000);

afterAll(async () => {
  await registry?.stop();
});

const SCRIPT = `
import * as stackframe from "@stackframe/js";
import * as hexclave from "@hexclave/js";
const [baseUrl, projectId, publishableClientKey] = process.argv.slice(2);
const results = {};
for (const [label, sdk] of [["stackframe", stackframe], ["hexclave", hexclave]]) {
  const app = new sdk.HexclaveClientApp({ baseUrl, projectId, publishableClientKey, tokenStore: "memory" });
  const email = label + "-" + Date.now() + "@example.com";
  const result = await app.signUpWithCredential({ email, password: "correct horse battery staple", noVerificationCallback: true });
  if (result.status === "error") throw result.error;
  const user = await app.getUser({ or: "throw" });
  results[label] = { id: user.id, email: user.primaryEmail };
}
console.log(JSON.stringify(results));
`;

describe("a release to a local registry", () => {
  it("installs @stackframe/js and @hexclave/js side by side, and each signs a user up against the backend", async () => {
    const project = await createTestProject("Local registry install");
    writeFileSync(path.join(app, "sign-up.mjs"), SCRIPT);
    const output = execFileSync(process.execPath, ["sign-up.mjs", testEnv().backendUrl, project.projectId, project.publishableClientKey], {
      cwd: app,
      encoding: "utf8",
    });
    const results = JSON.parse(output.trim().split("\n").pop()!) as Record<string, { id: string; email: string }>;
    for (const label of ["stackframe", "hexclave"]) {
      const user = await api(`/api/v1/users/${results[label]!.id}`, { method: "GET", headers: projectHeaders(project, "server") });
      expect(user.status).toBe(200);
      expect(user.body.primary_email).toBe(results[label]!.email);
    }
    expect(results.stackframe!.id).not.toBe(results.hexclave!.id);
    // One build: the twin carries the very same code.
    const dist = (name: string) => readFileSync(path.join(app, "node_modules", name, "dist/index.js"), "utf8");
    expect(dist("@hexclave/js")).toBe(dist("@stackframe/js"));
  });

  it("installs @hexclave/next at the version of @hexclave/js, naming only @hexclave siblings, pinned to that version", () => {
    const next = installed("@hexclave/next");
    const js = installed("@hexclave/js");
    expect(next.name).toBe("@hexclave/next");
    expect(next.version).toBe(js.version);
    expect(installed("@stackframe/js").version).toBe(js.version);
    const deps = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"].flatMap((field) => Object.entries(next[field] ?? {}));
    expect(deps.filter(([name]) => name.startsWith("@stackframe/"))).toEqual([]);
    const siblings = deps.filter(([name]) => name.startsWith("@hexclave/"));
    expect(siblings.length).toBeGreaterThan(0);
    for (const [, range] of siblings) expect(range).toBe(js.version);
    // The Next.js package runs on the JS SDK: a dependency at its own version, the one copy in the installed tree.
    expect(next.dependencies["@hexclave/js"]).toBe(js.version);
    expect(existsSync(path.join(app, "node_modules/@hexclave/next/node_modules/@hexclave/js"))).toBe(false);
    expect(next.repository.url).toContain("hexclave");
  });

  it("publishes the CLI's twin with the hexclave binary and its @hexclave/js dependency pinned", async () => {
    const cli = release.hexclave.find((entry) => entry.startsWith("@hexclave/cli@"));
    if (!cli) throw new Error(`@hexclave/cli was not published: ${release.hexclave.join(", ")}`);
    const version = cli.slice("@hexclave/cli@".length);
    const packument = await (await fetch(`${registry.url}/@hexclave%2fcli`)).json();
    const manifest = packument.versions[version];
    // npm normalises the paths on publish.
    expect(manifest.bin).toEqual({ hexclave: "dist/index.js", stack: "dist/index.js" });
    // Its toolkit is bundled: the SDK, under its new name and at the same version, is all it installs.
    expect(manifest.dependencies).toEqual({ "@hexclave/js": version });
  });

  it("serves tarballs of both name sets that hold no test files and no source maps with local paths", async () => {
    const unpacked = path.join(registry.dir, "downloaded");
    for (const entry of [...release.stackframe, ...release.hexclave]) {
      const at = entry.lastIndexOf("@");
      const [name, version] = [entry.slice(0, at), entry.slice(at + 1)];
      const packument = await (await fetch(`${registry.url}/${name.replace("/", "%2f")}`)).json();
      const tarball = Buffer.from(await (await fetch(packument.versions[version].dist.tarball)).arrayBuffer());
      const folder = path.join(unpacked, name);
      mkdirSync(folder, { recursive: true });
      writeFileSync(`${folder}.tgz`, tarball);
      execFileSync("tar", ["-xzf", `${folder}.tgz`, "-C", folder, "--strip-components=1"]);
      expect(() => assertCleanPackage(name, folder)).not.toThrow();
      expect(JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")).name).toBe(name);
    }
    rmSync(unpacked, { recursive: true, force: true });
  });
});

const USE_INIT_FILES = `
import { hexclaveClientApp, hexclaveServerApp } from "./hexclave.mjs";
const email = "init-" + Date.now() + "@example.com";
const result = await hexclaveClientApp.signUpWithCredential({ email, password: "correct horse battery staple", noVerificationCallback: true });
if (result.status === "error") throw result.error;
const user = await hexclaveClientApp.getUser({ or: "throw" });
const seen = await hexclaveServerApp.getUser(user.id);
console.log(JSON.stringify({ id: user.id, email, serverEmail: seen?.primaryEmail }));
`;

describe("hexclave init from the local registry", () => {
  it("sets the node example up with @hexclave/js from that registry, signs up through its files, and changes nothing the second time", async () => {
    const cli = cliSpec(release);
    const version = cli.slice("@hexclave/cli@".length);
    const project = await createTestProject("Init from the local registry");
    const home = mkdtempSync(path.join(registry.dir, "home-"));
    const env = userEnv(registry, home);
    const example = mkdtempSync(path.join(registry.dir, "node-script-"));
    copyExampleWithoutSdk("node-script", example);

    const init = () => runInit(cli, example, env, testEnv().backendUrl, project);
    expect(await init()).toContain("Installing @hexclave/js");
    expect(JSON.parse(readFileSync(path.join(example, "package.json"), "utf8")).dependencies["@hexclave/js"]).toContain(version);
    expect(JSON.parse(readFileSync(path.join(example, "node_modules/@hexclave/js/package.json"), "utf8")).version).toBe(version);
    const envFile = readFileSync(path.join(example, ".env.local"), "utf8");
    expect(envFile).toContain(`HEXCLAVE_PROJECT_ID=${project.projectId}`);

    writeFileSync(path.join(example, "use-init-files.mjs"), USE_INIT_FILES);
    const output = await run(process.execPath, ["--env-file=.env.local", "use-init-files.mjs"], example, env);
    const signedUp = JSON.parse(output.split("\n").find((line) => line.startsWith("{"))!) as { id: string; email: string; serverEmail: string };
    expect(signedUp.serverEmail).toBe(signedUp.email);
    const user = await api(`/api/v1/users/${signedUp.id}`, { method: "GET", headers: projectHeaders(project, "server") });
    expect(user.body.primary_email).toBe(signedUp.email);

    const before = snapshot(example);
    const second = await init();
    expect(second).not.toContain("Installing");
    expect(second).toContain("already set up");
    expect(snapshot(example)).toEqual(before);
  }, 120_000);
});
