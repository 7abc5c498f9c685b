import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The four packages are generated from this template and built by turbo before the unit tests run; this reads the
// declarations each build emitted, so a target that fails to build, or drops a name another target has, fails here.
const PACKAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGETS = { js: "@stackframe/js", react: "@stackframe/react", stack: "@stackframe/stack", "tanstack-start": "@stackframe/tanstack-start" };
type TargetDir = keyof typeof TARGETS;

function exportedNames(dir: TargetDir): Set<string> {
  const declarations = path.join(PACKAGES, dir, "dist/index.d.ts");
  if (!existsSync(declarations)) throw new Error(`${TARGETS[dir]} is not built: run \`pnpm build\` (turbo generates and builds it).`);
  const program = ts.createProgram([declarations], { noEmit: true, skipLibCheck: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
  const source = program.getSourceFile(declarations);
  const checker = program.getTypeChecker();
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${declarations} declares no module`);
  return new Set(checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.getName()));
}

const missingFrom = (names: Set<string>, from: Set<string>) => [...names].filter((name) => !from.has(name)).sort();

describe("the generated SDK packages", () => {
  const exports = Object.fromEntries((Object.keys(TARGETS) as TargetDir[]).map((dir) => [dir, exportedNames(dir)])) as Record<TargetDir, Set<string>>;

  it("all export the apps under their Hexclave and Stack names", () => {
    for (const dir of Object.keys(TARGETS) as TargetDir[]) {
      for (const kind of ["Client", "Server", "Admin"]) {
        expect([...exports[dir]]).toEqual(expect.arrayContaining([`Hexclave${kind}App`, `Stack${kind}App`]));
      }
    }
  });

  it("export every name of the JS SDK from every React target", () => {
    for (const dir of ["react", "stack", "tanstack-start"] as const) expect(missingFrom(exports.js, exports[dir])).toEqual([]);
  });

  it("export every name of the React SDK from the Next.js and TanStack Start targets", () => {
    for (const dir of ["stack", "tanstack-start"] as const) expect(missingFrom(exports.react, exports[dir])).toEqual([]);
    expect([...exports.react]).toEqual(expect.arrayContaining(["HexclaveProvider", "StackProvider", "useUser", "SignIn", "AccountSettings"]));
  });

  it("keep React out of the JS SDK", () => {
    // OAuthProvider (a user's link to a provider account) is no React provider.
    expect([...exports.js].filter((name) => /^use[A-Z]|(?<!OAuth)Provider$/.test(name))).toEqual([]);
  });
});
