// `pnpm size` (also run by `pnpm bench`): browser bundle sizes of our SDK beside the published @stackframe/js@2.8.108,
// each built the same way in the same run: esbuild --bundle --minify --format=esm --platform=browser --splitting, then
// gzip -9. What a page loads first (the entry and the chunks it imports statically) is counted apart from what it
// loads only when used (dynamic imports: the WebAuthn and QR code libraries), as an app's bundler splits them.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

type Case = { name: string; entry: string };

const CASES: Case[] = [
  { name: "published @stackframe/js@2.8.108: client app, sign-in, user, teams", entry: "size/published-typical.ts" },
  { name: "our @stackframe/js: the same", entry: "size/ours-typical.ts" },
  { name: "our @stackframe/react: provider + useUser (no UI)", entry: "size/react-hooks.tsx" },
  { name: "our @stackframe/react: provider + <SignIn />", entry: "size/react-sign-in.tsx" },
  { name: "our @stackframe/react: provider + <HexclaveHandler /> (every page)", entry: "size/react-handler.tsx" },
];

const BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  write: false,
  jsx: "automatic",
  external: ["react", "react-dom", "react/jsx-runtime"],
  logLevel: "error",
  define: { "process.env.NODE_ENV": '"production"' },
};

type Size = { minified: number; gzipped: number };

/**
 * Minified and gzipped bytes of one entry as a page loads it first, and of the chunks it loads later on demand; React
 * itself is left out, since the app pays for it either way.
 */
export async function bundleSize(entry: string): Promise<Size & { onDemand: Size }> {
  const result = await build({ ...BUILD_OPTIONS, entryPoints: [here(entry)], splitting: true, outdir: here("size-out"), metafile: true });
  const outputs = result.metafile!.outputs;
  const files = new Map(result.outputFiles!.map((file) => [file.path.slice(file.path.indexOf("size-out")), file.contents]));
  const keyOf = (output: string) => output.slice(output.indexOf("size-out"));
  // Chunks that are only imported dynamically are entry points too; the page's own is the one built from `entry`.
  const entryOutput = Object.keys(outputs).find((output) => outputs[output]!.entryPoint && resolve(outputs[output]!.entryPoint!) === here(entry))!;
  const firstLoad = new Set<string>();
  const visit = (output: string) => {
    if (firstLoad.has(output)) return;
    firstLoad.add(output);
    for (const imported of outputs[output]!.imports) if (imported.kind === "import-statement" && outputs[imported.path]) visit(imported.path);
  };
  visit(entryOutput);
  const sizeOf = (names: string[]): Size => {
    const codes = names.map((name) => files.get(keyOf(name))!);
    return { minified: codes.reduce((sum, code) => sum + code.byteLength, 0), gzipped: codes.reduce((sum, code) => sum + gzipSync(code, { level: 9 }).byteLength, 0) };
  };
  const js = Object.keys(outputs).filter((output) => output.endsWith(".js"));
  return { ...sizeOf([...firstLoad]), onDemand: sizeOf(js.filter((output) => !firstLoad.has(output))) };
}

/**
 * The source files that weigh most in one entry's bundle, in minified bytes. The built package is one file, so this
 * bundles the same entry against the template's generated sources instead, built the same way; the sizes above are
 * the ones that count, this only says where they come from.
 */
export async function topContributors(entry: string, count = 10): Promise<string> {
  const result = await build({
    ...BUILD_OPTIONS,
    entryPoints: [here(entry)],
    metafile: true,
    outfile: "contributors.js",
    alias: { "@stackframe/js": here("../../../packages/js/src/index.ts") },
  });
  const inputs = Object.values(result.metafile!.outputs)[0]!.inputs;
  const rows = Object.entries(inputs)
    .map(([file, { bytesInOutput }]) => ({ file: file.replace(/^(\.\.\/)+/, ""), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
  return rows.map(({ file, bytes }) => `${(bytes / 1024).toFixed(1).padStart(6)} KB  ${file}`).join("\n");
}

export async function measureSdkSizes(): Promise<string> {
  const rows: string[] = [];
  let published = 0;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const { name, entry } of CASES) {
    const { minified, gzipped, onDemand } = await bundleSize(entry);
    if (entry.includes("published")) published = gzipped;
    const share = published > 0 && !entry.includes("published") ? `${((gzipped / published) * 100).toFixed(1)}%` : "—";
    rows.push(`| ${name} | ${kb(minified)} | ${kb(gzipped)} | ${share} | ${onDemand.gzipped > 0 ? kb(onDemand.gzipped) : "—"} |`);
  }
  return ["| bundle | first load, minified | first load, gzipped | of the published SDK | loaded on demand, gzipped |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** Prints the table and keeps it in docs/benchmarks.md between the size markers. */
export async function reportSdkSizes(): Promise<void> {
  const table = await measureSdkSizes();
  console.log(`\nSDK bundle sizes\n${table}\n`);
  console.log(`Largest sources of "${CASES[1]!.name}" (minified, before gzip):\n${await topContributors(CASES[1]!.entry)}\n`);
  const doc = here("../../../docs/benchmarks.md");
  const current = readFileSync(doc, "utf8");
  const marker = /<!-- size:start -->[\s\S]*<!-- size:end -->/;
  if (marker.test(current)) writeFileSync(doc, current.replace(marker, `<!-- size:start -->\n${table}\n<!-- size:end -->`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await reportSdkSizes();
