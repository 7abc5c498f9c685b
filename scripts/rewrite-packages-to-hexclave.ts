/**
 * Writes the @hexclave twin of every published @stackframe package from what is built (run `pnpm build:sdks` first),
 * into a temporary folder, and optionally publishes the twins. The working tree is never written.
 *
 *   node --import tsx scripts/rewrite-packages-to-hexclave.ts [--dry-run] [--out DIR] [--publish [npm publish args…]]
 *
 * With --publish each twin is published with npm (provenance through NPM_CONFIG_PROVENANCE); versions the registry
 * already has are skipped.
 *
 * HEXCLAVE_VERSION sets the twins' version (default: each package's own; the fixed changesets group keeps them equal).
 * HEXCLAVE_REPOSITORY_URL and HEXCLAVE_HOMEPAGE_URL override the links written into the twins' package.json.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Twin, npmPublish, writeHexclaveTwins } from "./release/built-packages";

function describe(twins: Twin[]): string {
  return twins.map((twin) => `  ${twin.from} → ${twin.name}@${twin.version} (${twin.files} files, ${(twin.bytes / 1024).toFixed(1)} KiB)`).join("\n");
}

/** Whether the registry already has this exact version (npm view prints nothing, or fails with E404, when it has not). */
function isPublished(spec: string, npmArgs: string[]): boolean {
  const registry = npmArgs.includes("--registry") ? ["--registry", npmArgs[npmArgs.indexOf("--registry") + 1]!] : [];
  try {
    return execFileSync("npm", ["view", spec, "version", ...registry], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== "";
  } catch {
    return false;
  }
}

function main(argv: string[]) {
  const dryRun = argv.includes("--dry-run");
  const publishAt = argv.indexOf("--publish");
  const outAt = argv.indexOf("--out");
  const outDir = outAt >= 0 ? path.resolve(argv[outAt + 1]!) : mkdtempSync(path.join(tmpdir(), "hexclave-twins-"));
  const twins = writeHexclaveTwins({
    outDir,
    version: process.env.HEXCLAVE_VERSION || undefined,
    repository: process.env.HEXCLAVE_REPOSITORY_URL || undefined,
    homepage: process.env.HEXCLAVE_HOMEPAGE_URL || undefined,
  });
  if (dryRun) {
    console.log(`Would publish:\n${describe(twins)}`);
    if (outAt < 0) rmSync(outDir, { recursive: true, force: true });
    return;
  }
  console.log(`Wrote the @hexclave twins under ${path.join(outDir, "hexclave")}:\n${describe(twins)}`);
  if (publishAt < 0) return;
  const npmArgs = argv.slice(publishAt + 1);
  for (const twin of twins) {
    // A rerun after a partly failed release publishes only what is missing, as `pnpm publish -r` does.
    if (isPublished(`${twin.name}@${twin.version}`, npmArgs)) {
      console.log(`Already published: ${twin.name}@${twin.version}`);
      continue;
    }
    npmPublish(twin.folder, npmArgs);
    console.log(`Published ${twin.name}@${twin.version}`);
  }
}

main(process.argv.slice(2));
