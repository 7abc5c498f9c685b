/**
 * A throwaway npm registry (verdaccio) on 127.0.0.1 with its storage in a temporary folder, and publishing both
 * name sets into it from one build: the same packing and rewriting the real release uses.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, type Twin, npmPublish, writeHexclaveTwins } from "./built-packages";

export type LocalRegistry = {
  url: string;
  /** An npm userconfig holding this registry's token: pass it as --userconfig so nothing global is read or written. */
  npmrc: string;
  dir: string;
  stop: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * No uplinks unless asked: only what is published here can be installed, and nothing reaches the network. With the
 * uplink, third-party packages (the SDKs' own dependencies) come from npmjs, but our two scopes never do: what is
 * installed under them is always what was published here.
 */
function configYaml(dir: string, uplink: boolean): string {
  const proxy = uplink ? "\n    proxy: npmjs" : "";
  const ownScopes = ["@stackframe/*", "@hexclave/*"].map((scope) => `  "${scope}":\n    access: $all\n    publish: $authenticated\n`).join("");
  return `storage: ${JSON.stringify(path.join(dir, "storage"))}
auth:
  htpasswd:
    file: ${JSON.stringify(path.join(dir, "htpasswd"))}
    max_users: 10
uplinks:${uplink ? "\n  npmjs:\n    url: https://registry.npmjs.org/" : " {}"}
packages:
${ownScopes}  "**":
    access: $all
    publish: $authenticated${proxy}
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;
}

async function waitForRegistry(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${url}/-/ping`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`verdaccio did not answer at ${url} within 30 s:\n${output()}`);
}

/** Registers a throwaway user and returns the token verdaccio hands out for it. */
async function createUser(url: string): Promise<string> {
  const name = "local-release";
  const response = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: "local-release-password", type: "user", roles: [] }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`verdaccio refused the local user: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

export async function startLocalRegistry(options: { uplink?: boolean } = {}): Promise<LocalRegistry> {
  const dir = mkdtempSync(path.join(tmpdir(), "hexclave-registry-"));
  mkdirSync(path.join(dir, "storage"));
  writeFileSync(path.join(dir, "config.yaml"), configYaml(dir, options.uplink ?? false));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(ROOT, "node_modules/.bin/verdaccio"), ["--config", path.join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForRegistry(url, child, () => output);
    const token = await createUser(url);
    const npmrc = path.join(dir, "npmrc");
    writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, npmrc, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** npm settings that keep an install or publish inside the temporary registry, cache and config. */
export function isolatedNpmArgs(registry: LocalRegistry): string[] {
  return ["--registry", `${registry.url}/`, "--userconfig", registry.npmrc, "--cache", path.join(registry.dir, "npm-cache")];
}

export type LocalRelease = { stackframe: string[]; hexclave: string[]; twins: Twin[] };

/** Packs the built packages once and publishes each under both names: the @stackframe tarball, then its twin. */
export async function publishBothNameSets(registry: LocalRegistry, options: { version?: string } = {}): Promise<LocalRelease> {
  const outDir = mkdtempSync(path.join(registry.dir, "release-"));
  const twins = writeHexclaveTwins({ outDir, version: options.version });
  const args = isolatedNpmArgs(registry);
  const env = { ...process.env, npm_config_provenance: "false" };
  for (const twin of twins) npmPublish(twin.tarball, args, env);
  for (const twin of twins) npmPublish(twin.folder, args, env);
  return {
    stackframe: twins.map((twin) => twin.from),
    hexclave: twins.map((twin) => `${twin.name}@${twin.version}`),
    twins,
  };
}
