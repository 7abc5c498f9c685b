import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// Bundles a few lines against the built @stackframe/js as an app's bundler would (unminified, so names stay readable).
async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "error",
  });
  return result.outputFiles[0]!.text;
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
    // Codes stay, so that errors from the API still answer instanceof for their classes.
    expect(code).toContain("TEAM_NOT_FOUND");
  });

  it("hands the client app the owned-project methods wherever the admin app is bundled", async () => {
    const code = await bundle(`
      import { HexclaveAdminApp, HexclaveClientApp } from "@stackframe/js";
      export const apps = [HexclaveAdminApp, new HexclaveClientApp({ projectId: "internal", tokenStore: "memory" })];
    `);
    expect(code).toMatch(/static #\w+ = \/\* @__PURE__ \*\/ provideInternalUserMethods\(/);
    expect(code).toContain("withInternalUserMethods");
  });
});
