import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// Bundles a few lines against the built @stackframe/js as an app's bundler would (unminified, so names stay readable).
async function bundle(contents: string): Promise<string> {
  return (await bundleSplit(contents)).firstLoad;
}

/** The same with code splitting: what a page loads first (the entry and the chunks it imports), and what it loads later. */
async function bundleSplit(contents: string): Promise<{ firstLoad: string; onDemand: string }> {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "error",
    splitting: true,
    outdir: "out",
    metafile: true,
  });
  const outputs = result.metafile.outputs;
  const text = new Map(result.outputFiles.map((file) => [file.path.slice(file.path.lastIndexOf("/out/") + 1), file.text]));
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint === "<stdin>")!;
  const first = new Set([entry, ...outputs[entry]!.imports.filter((i) => i.kind === "import-statement" && outputs[i.path]).map((i) => i.path)]);
  const join = (names: string[]) => names.map((name) => text.get(name)).join("\n");
  return { firstLoad: join([...first]), onDemand: join(Object.keys(outputs).filter((name) => !first.has(name))) };
}

const CLIENT_PAGE = `
  import { HexclaveClientApp } from "@stackframe/js";
  export const app = new HexclaveClientApp({ projectId: "p", tokenStore: "cookie" });
`;

describe("tree shaking of @stackframe/js", () => {
  it("leaves the server and admin apps out of a page that only uses the client app", async () => {
    const code = await bundle(CLIENT_PAGE);
    expect(code).toContain("var HexclaveClientApp =");
    for (const declaration of ["var HexclaveServerApp =", "var HexclaveAdminApp =", "var ServerInterface =", "var AdminInterface =", "function withInternalUserMethods("]) {
      expect(code).not.toContain(declaration);
    }
  });

  it("keeps only the error classes the client app names, and no other error's message", async () => {
    const code = await bundle(CLIENT_PAGE);
    expect(code).toContain("var UserAuthenticationRequired =");
    expect(code).not.toContain("var TeamNotFound =");
    expect(code).not.toContain("The super secret admin key is not valid");
    // The error tree stays, so that errors from the API still answer instanceof for the classes above their own.
    expect(code).toContain("ACCESS_TOKEN_EXPIRED");
  });

  it("hands the client app the owned-project methods wherever the admin app is bundled", async () => {
    const code = await bundle(`
      import { HexclaveAdminApp, HexclaveClientApp } from "@stackframe/js";
      export const apps = [HexclaveAdminApp, new HexclaveClientApp({ projectId: "internal", tokenStore: "memory" })];
    `);
    expect(code).toMatch(/static #\w+ = \/\* @__PURE__ \*\/ provideInternalUserMethods\(/);
    expect(code).toContain("withInternalUserMethods");
  });

  it("keeps what few pages call (OAuth, passkeys, CLI login, API keys, invitations, recovery codes) out of the first load", async () => {
    const { firstLoad, onDemand } = await bundleSplit(`
      import { HexclaveClientApp } from "@stackframe/js";
      const app = new HexclaveClientApp({ projectId: "p", tokenStore: "cookie" });
      export const user = app.getUser().then((user) => user && [user.listApiKeys(), user.registerPasskey(), user.listTeamInvitations()]);
      export const flows = [app.signInWithOAuth("github"), app.promptCliLogin({ appUrl: "https://app.example" })];
    `);
    for (const onlyOnDemand of ["-oauth-outer-", "/auth/passkey/register", "/auth/cli/poll", "/auth/mfa/recovery-codes", "/team-invitations/send-code", "manually-revoked"]) {
      expect(firstLoad).not.toContain(onlyOnDemand);
      expect(onDemand).toContain(onlyOnDemand);
    }
    expect(firstLoad).toContain("/auth/password/sign-in");
  });
});
