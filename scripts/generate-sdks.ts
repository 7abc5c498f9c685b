/**
 * Writes the four SDK packages from packages/template: packages/js, react, stack and tanstack-start.
 * Their sources are build output (git ignores them); only each package's package.json, README.md and LICENSE are tracked,
 * so that pnpm can link the workspace before anything is generated. Turbo's `generate` task runs this before
 * every build, typecheck and test.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TEMPLATE = path.join(ROOT, "packages/template");
const NOTICE = "Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.";

type Target = {
  dir: string;
  name: string;
  platform: string;
  description: string;
  /** Folders of template/src copied into the package. */
  sourceDirs: string[];
  /** Generated entry (under src/) → the template file it is made from. */
  entries: Record<string, string>;
  peerDependencies: Record<string, string>;
  optionalPeers?: string[];
  /**
   * Built on @stackframe/js: the package carries only its framework layer and imports the core (src/lib and the
   * shared package) from the JS SDK, a dependency at the same version.
   */
  onJs?: boolean;
};

const REACT_PEERS = { react: ">=19.0.0", "react-dom": ">=19.0.0" };

const TARGETS: Target[] = [
  {
    dir: "js",
    name: "@stackframe/js",
    platform: "js",
    description: "Hexclave for any JavaScript runtime: sign-in, users, sessions and projects, without React.",
    sourceDirs: ["lib"],
    entries: { "index.ts": "entry-js.ts", "core.ts": "entry-core.ts" },
    peerDependencies: {},
  },
  {
    dir: "react",
    name: "@stackframe/react",
    platform: "react",
    description: "Hexclave for React: the JS SDK plus provider, hooks and prebuilt sign-in, sign-up and account pages.",
    sourceDirs: ["react"],
    entries: { "index.ts": "entry-react.ts", "client.ts": "entry-react-client.ts" },
    peerDependencies: REACT_PEERS,
    onJs: true,
  },
  {
    dir: "stack",
    name: "@stackframe/stack",
    platform: "next",
    description: "Hexclave for Next.js (App Router): server components, the nextjs-cookie token store and the /handler route.",
    sourceDirs: ["react", "next"],
    entries: { "index.ts": "entry-next.ts", "client.ts": "entry-react-client.ts" },
    peerDependencies: { ...REACT_PEERS, next: ">=15.0.0" },
    onJs: true,
  },
  {
    dir: "tanstack-start",
    name: "@stackframe/tanstack-start",
    platform: "tanstack-start",
    description: "Hexclave for TanStack Start: server functions, a cookie token store and the /handler route.",
    sourceDirs: ["react", "tanstack-start"],
    entries: { "index.ts": "entry-tanstack-start.ts", "client.ts": "entry-react-client.ts" },
    peerDependencies: { ...REACT_PEERS, "@tanstack/react-start": ">=1.160.0", "@tanstack/react-router": ">=1.160.0" },
    onJs: true,
  },
];

const templatePackage = JSON.parse(readFileSync(path.join(TEMPLATE, "package.json"), "utf8"));
const devVersions: Record<string, string> = templatePackage.devDependencies;
// The shared package is bundled into every target (see tsupConfig); the template's other dependencies are installed
// with the package that uses them.
const BUNDLED = new Set(["@stackframe/stack-shared"]);
const runtimeVersions: Record<string, string> = Object.fromEntries(
  Object.entries((templatePackage.dependencies ?? {}) as Record<string, string>).filter(([name]) => !BUNDLED.has(name)),
);

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

const JS_TARGET = "@stackframe/js";

/**
 * In a package built on the JS SDK, what the template imports from src/lib or the shared package comes from
 * @stackframe/js instead: the public API from its main entry, everything else from its core entry. `file` is the
 * importing file's path under src/.
 */
function importCoreFromJs(source: string, file: string): string {
  return source.replace(/(\bfrom\s*|\bimport\s*\(\s*)"([^"]+)"/g, (match, lead: string, specifier: string) => {
    if (specifier === "@stackframe/stack-shared") return `${lead}"${JS_TARGET}/core"`;
    if (!specifier.startsWith(".")) return match;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    if (target === "lib/public-api.js") return `${lead}"${JS_TARGET}"`;
    return target.startsWith("lib/") ? `${lead}"${JS_TARGET}/core"` : match;
  });
}

/** A source file with the notice on top, kept below a leading "use client" so the directive still counts. */
function withNotice(source: string): string {
  const directive = /^("use client";|'use client';)\n/.exec(source);
  const rest = directive ? source.slice(directive[0].length) : source;
  return `${directive ? directive[0] : ""}// ${NOTICE}\n${rest}`;
}

/**
 * The modules of lib that load on demand (lib/lazy.ts): those reached only through `import()`, and the modules only
 * they import. esbuild keeps such a module in a chunk of its own, which an app's bundler fetches when the code runs,
 * only while no entry imports it statically; so the core entry leaves them out.
 */
export function onDemandModules(libFiles: string[], otherFiles: string[]): Set<string> {
  const dynamicallyImported = new Set<string>();
  const staticImporters = new Map<string, Set<string>>();
  for (const file of [...libFiles, ...otherFiles]) {
    const source = readFileSync(file, "utf8");
    const resolve = (specifier: string) => path.resolve(path.dirname(file), specifier).replace(/\.js$/, ".ts");
    for (const [, specifier] of source.matchAll(/\bimport\(\s*"(\.[^"]+)"\s*\)/g)) dynamicallyImported.add(resolve(specifier!));
    // Type-only imports leave nothing in the JavaScript, so they do not count.
    for (const [, specifier] of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\bfrom\s*"(\.[^"]+)"/gms)) {
      const target = resolve(specifier!);
      staticImporters.set(target, (staticImporters.get(target) ?? new Set()).add(file));
    }
  }
  const onDemand = new Set(libFiles.filter((file) => dynamicallyImported.has(file) || staticImporters.has(file)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const file of onDemand) {
      const importers = [...(staticImporters.get(file) ?? [])];
      if (importers.some((importer) => !onDemand.has(importer)) || (importers.length === 0 && !dynamicallyImported.has(file))) {
        onDemand.delete(file);
        changed = true;
      }
    }
  }
  return onDemand;
}

/**
 * The core entry re-exports every module of lib and the shared package, so the other entries can import any of it from
 * the built core; except the modules loaded on demand, which would otherwise be part of every page's first load.
 */
function coreSource(): string {
  const sources = (dir: string) => listFiles(path.join(TEMPLATE, "src", dir)).filter((file) => !isTest(file) && /\.tsx?$/.test(file));
  const files = sources("lib");
  const others = readdirSync(path.join(TEMPLATE, "src"), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === "lib" ? [] : sources(entry.name)) : isTest(entry.name) ? [] : [path.join(TEMPLATE, "src", entry.name)],
  );
  const onDemand = onDemandModules(files, others);
  const modules = files
    .filter((file) => !onDemand.has(file))
    .map((file) => `./${path.relative(path.join(TEMPLATE, "src"), file).split(path.sep).join("/").replace(/\.tsx?$/, ".js")}`)
    .sort();
  const lines = [...modules, "@stackframe/stack-shared"].map((module) => `export * from "${module}";`);
  return withNotice(`${lines.join("\n")}\n`);
}

function entrySource(target: Target, templateFile: string): string {
  if (templateFile === "entry-core.ts") return coreSource();
  let source = readFileSync(path.join(TEMPLATE, "src", templateFile), "utf8");
  // Entries point at each other by their template names; in a package they are core.ts and client.ts.
  for (const [generated, template] of Object.entries(target.entries)) {
    source = source.replaceAll(`./${template.replace(/\.tsx?$/, ".js")}`, `./${generated.replace(/\.tsx?$/, ".js")}`);
  }
  return withNotice(target.onJs ? importCoreFromJs(source, templateFile) : source);
}

/**
 * A generated package keeps the version in its tracked package.json: changesets bumps that file, and the next
 * generation must not undo it. The template's version only seeds a package that has none yet.
 */
function targetVersion(target: Target): string {
  const file = path.join(ROOT, "packages", target.dir, "package.json");
  const current = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).version : undefined;
  return typeof current === "string" ? current : templatePackage.version;
}

function versionSource(target: Target): string {
  return withNotice(
    `export const SDK_PACKAGE = ${JSON.stringify(target.name)};\nexport const SDK_VERSION = ${JSON.stringify(targetVersion(target))};\nexport const SDK_PLATFORM = ${JSON.stringify(target.platform)};\n`,
  );
}

function frameworkVersionSource(target: Target): string {
  const identity = { package: target.name, version: targetVersion(target), platform: target.platform };
  return withNotice(`export const FRAMEWORK_SDK = ${JSON.stringify(identity)};\n`);
}

/** The template's runtime dependencies that a target's own sources import (statically or with import()). */
function runtimeDependencies(target: Target): Record<string, string> {
  const sources = target.sourceDirs
    .flatMap((dir) => listFiles(path.join(TEMPLATE, "src", dir)))
    .filter((file) => !isTest(file))
    .map((file) => readFileSync(file, "utf8"));
  const imported = new Set(sources.flatMap((source) => [...source.matchAll(/(?:from |import\()"((?:@[^/"]+\/)?[^/"]+)/g)].map((match) => match[1])));
  return Object.fromEntries(Object.entries(runtimeVersions).filter(([name]) => imported.has(name)));
}

function packageJson(target: Target): string {
  const hasClient = "client.ts" in target.entries;
  // workspace:* becomes this exact version when packed, so a framework package always runs on its own release of the core.
  const dependencies = { ...(target.onJs ? { [JS_TARGET]: "workspace:*" } : {}), ...runtimeDependencies(target) };
  const peers = target.peerDependencies;
  const pick = (names: string[]) => Object.fromEntries(names.filter((name) => devVersions[name]).map((name) => [name, devVersions[name]]));
  const json = {
    "//": NOTICE,
    name: target.name,
    version: targetVersion(target),
    description: target.description,
    license: "MIT",
    type: "module",
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.ts",
    exports: {
      ".": { types: "./dist/index.d.ts", import: "./dist/index.js", require: "./dist/index.cjs" },
      ...("core.ts" in target.entries ? { "./core": { types: "./dist/core.d.ts", import: "./dist/core.js", require: "./dist/core.cjs" } } : {}),
    },
    files: ["dist"],
    sideEffects: hasClient ? ["./dist/index.js", "./dist/index.cjs"] : false,
    scripts: { build: "tsup", typecheck: "tsc -p ." },
    ...(Object.keys(dependencies).length > 0 ? { dependencies } : {}),
    ...(Object.keys(peers).length > 0 ? { peerDependencies: peers } : {}),
    devDependencies: {
      ...(target.onJs ? {} : { "@stackframe/stack-shared": "workspace:*" }),
      ...pick(["@types/node", "tsup", "typescript", ...Object.keys(peers), ...(peers.react ? ["@types/react", "@types/react-dom"] : [])]),
    },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function tsupConfig(target: Target): string {
  const builds = target.onJs
    ? `
  // client: React ("use client"); index: the public entry, which imports client rather than bundling it again. The
  // core comes from @stackframe/js (a dependency, so external): one copy of each class however many entries load it.
  ...(["esm", "cjs"] as const).flatMap((format) => [
    { ...common, entry: { client: "src/client.ts" }, format: [format], banner: { js: '"use client";' }, esbuildPlugins: [siblingEntries(format, "client")] },
    { ...common, entry: { index: "src/index.ts" }, format: [format], esbuildPlugins: [siblingEntries(format, "index")] },
  ]),
  { ...common, entry: { index: "src/index.ts" }, format: ["esm", "cjs"], dts: { only: true } },`
    : `
  // core: the whole SDK, for the framework packages built on this one; index: the public entry, which imports core
  // rather than bundling it again, so every class exists once at run time.
  ...(["esm", "cjs"] as const).flatMap((format) => [
    { ...common, entry: { core: "src/core.ts" }, format: [format] },
    { ...common, entry: { index: "src/index.ts" }, format: [format], esbuildPlugins: [siblingEntries(format, "index")] },
  ]),
  { ...common, entry: { index: "src/index.ts", core: "src/core.ts" }, format: ["esm", "cjs"], dts: { only: true } },`;
  return `// ${NOTICE}
import { rmSync } from "node:fs";
import { defineConfig } from "tsup";
import { siblingEntries } from "../../scripts/tsup-sibling-entries";

// Every build starts from an empty dist: files of an older set of entries must not linger there to be packed.
rmSync("dist", { recursive: true, force: true });

// The shared package ships TypeScript source, so it is bundled in; frameworks stay peer dependencies.
// esbuild tree-shakes on its own; tsup's extra (rollup) pass would drop the "use client" directive.
const common = { noExternal: ["@stackframe/stack-shared"], target: "es2022", sourcemap: false } as const;

export default defineConfig([${builds}
]);
`;
}

const TSCONFIG = `{
  "//": "${NOTICE.replaceAll("`", "")}",
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "lib": ["ES2023", "DOM", "DOM.Iterable"],
    "jsx": "react-jsx",
    "paths": { "@stackframe/stack-shared": ["../stack-shared/src/index.ts"] }
  },
  "include": ["src"]
}
`;

function readme(target: Target): string {
  return `<!-- ${NOTICE} -->
# ${target.name}

${target.description}

\`\`\`ts
import { HexclaveClientApp } from "${target.name}";

const app = new HexclaveClientApp({ projectId: "<project id>", publishableClientKey: "<pck_…>", tokenStore: "${target.dir === "js" ? "memory" : "cookie"}" });
\`\`\`

\`StackClientApp\`, \`StackServerApp\` and \`StackAdminApp\` (and, with React, \`StackProvider\`, \`useStackApp\`) are the same classes and
functions under their Stack Auth names, kept so existing apps work unchanged. See the repository's README and \`examples/\`.
`;
}

/** Everything one target consists of: package path → content. */
function render(target: Target): Map<string, string> {
  const files = new Map<string, string>();
  const base = `packages/${target.dir}`;
  for (const dir of target.sourceDirs) {
    for (const file of listFiles(path.join(TEMPLATE, "src", dir))) {
      if (isTest(file)) continue;
      const relative = path.relative(path.join(TEMPLATE, "src"), file).split(path.sep).join("/");
      const source = readFileSync(file, "utf8");
      files.set(`${base}/src/${relative}`, relative === "lib/version.ts" ? versionSource(target) : withNotice(target.onJs ? importCoreFromJs(source, relative) : source));
    }
  }
  if (target.onJs) files.set(`${base}/src/framework-version.ts`, frameworkVersionSource(target));
  for (const [generated, template] of Object.entries(target.entries)) files.set(`${base}/src/${generated}`, entrySource(target, template));
  files.set(`${base}/package.json`, packageJson(target));
  files.set(`${base}/tsconfig.json`, TSCONFIG);
  files.set(`${base}/tsup.config.ts`, tsupConfig(target));
  files.set(`${base}/README.md`, readme(target));
  return files;
}

/** Files a generated package has on disk that generation would not write (build output and installs aside). */
function strayFiles(target: Target, expected: Map<string, string>): string[] {
  const base = path.join(ROOT, "packages", target.dir);
  const owned = ["src", "package.json", "tsconfig.json", "tsup.config.ts", "README.md"].map((name) => path.join(base, name));
  return owned
    .flatMap((entry) => (existsSync(entry) && !/\.(json|ts|md)$/.test(entry) ? listFiles(entry) : existsSync(entry) ? [entry] : []))
    .map((file) => path.relative(ROOT, file).split(path.sep).join("/"))
    .filter((file) => !expected.has(file));
}

function main() {
  for (const target of TARGETS) {
    const files = render(target);
    for (const [file, content] of files) {
      const full = path.join(ROOT, file);
      // Unchanged files keep their modification time, so watchers and tsup's caches are not disturbed.
      if (existsSync(full) && readFileSync(full, "utf8") === content) continue;
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    for (const stray of strayFiles(target, files)) rmSync(path.join(ROOT, stray));
  }
  console.log(`Generated ${TARGETS.map((target) => target.name).join(", ")}.`);
}

main();
