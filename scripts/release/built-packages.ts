/**
 * The published workspace packages, packed from what is built, and their @hexclave twins written from those
 * tarballs into a temporary folder. The working tree is only read: `pnpm pack` writes its tarball elsewhere.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_HOMEPAGE, DEFAULT_REPOSITORY, hexclaveName, packagingProblems, rewriteManifest, rewriteSpecifiers } from "./hexclave-rewrite";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type WorkspacePackage = { dir: string; name: string; version: string };

/** Every package under packages/ that is not private: the ones released together. */
export function publishedPackages(root = ROOT): WorkspacePackage[] {
  return readdirSync(path.join(root, "packages"))
    .map((dir) => path.join(root, "packages", dir, "package.json"))
    .filter((file) => existsSync(file))
    .map((file) => ({ file, manifest: JSON.parse(readFileSync(file, "utf8")) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ file, manifest }) => ({ dir: path.relative(root, path.dirname(file)), name: manifest.name, version: manifest.version }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

/** Packs one package as `pnpm publish` would (publishConfig applied, workspace: ranges resolved) and unpacks it. */
export function packAndExtract(root: string, pkg: WorkspacePackage, into: string): { tarball: string; folder: string } {
  const tarballs = path.join(into, "tarballs");
  mkdirSync(tarballs, { recursive: true });
  const before = new Set(readdirSync(tarballs));
  execFileSync("pnpm", ["pack", "--pack-destination", tarballs], { cwd: path.join(root, pkg.dir), stdio: "pipe" });
  const created = readdirSync(tarballs).find((file) => !before.has(file) && file.endsWith(".tgz"));
  if (!created) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}.`);
  const folder = path.join(into, "unpacked", pkg.dir);
  mkdirSync(folder, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(tarballs, created), "-C", folder, "--strip-components=1"]);
  return { tarball: path.join(tarballs, created), folder };
}

/** Throws, naming the files, when a packed package holds tests or source maps with the build machine's paths. */
export function assertCleanPackage(name: string, folder: string): void {
  const files = listFiles(folder).map((file) => ({
    path: path.relative(folder, file).split(path.sep).join("/"),
    content: file.endsWith(".map") ? readFileSync(file, "utf8") : undefined,
  }));
  const problems = packagingProblems(files);
  if (problems.length > 0) throw new Error(`${name} would publish files it must not:\n  ${problems.join("\n  ")}`);
}

/** One twin: `folder` is the @hexclave copy; `tarball` is the @stackframe package it was made from, as packed. */
export type Twin = { from: string; tarball: string; name: string; version: string; folder: string; files: number; bytes: number };

export type TwinOptions = { root?: string; outDir: string; version?: string; repository?: string; homepage?: string };

const CODE_FILE = /\.(c|m)?js$|\.d\.(c|m)?ts$/;

/** Writes the @hexclave twin of every published package under outDir/hexclave/<dir>, from its packed form. */
export function writeHexclaveTwins(options: TwinOptions): Twin[] {
  const root = options.root ?? ROOT;
  const packages = publishedPackages(root);
  const published = packages.map((pkg) => pkg.name);
  return packages.map((pkg) => {
    const { tarball, folder: unpacked } = packAndExtract(root, pkg, options.outDir);
    assertCleanPackage(pkg.name, unpacked);
    const folder = path.join(options.outDir, "hexclave", pkg.dir);
    const version = options.version ?? pkg.version;
    let bytes = 0;
    const files = listFiles(unpacked);
    for (const file of files) {
      const relative = path.relative(unpacked, file);
      const target = path.join(folder, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      let content: Buffer | string = readFileSync(file);
      if (relative === "package.json") {
        const manifest = rewriteManifest(JSON.parse(content.toString("utf8")), {
          published,
          version,
          repository: options.repository ?? DEFAULT_REPOSITORY,
          homepage: options.homepage ?? DEFAULT_HOMEPAGE,
          directory: pkg.dir,
        });
        content = `${JSON.stringify(manifest, null, 2)}\n`;
      } else if (CODE_FILE.test(relative)) {
        content = rewriteSpecifiers(content.toString("utf8"), published);
      }
      bytes += Buffer.byteLength(content);
      writeFileSync(target, content);
    }
    return { from: `${pkg.name}@${pkg.version}`, tarball, name: hexclaveName(pkg.name), version, folder, files: files.length, bytes };
  });
}

/** Publishes one folder or tarball with npm; extra arguments (e.g. --registry, --provenance) are passed through. */
export function npmPublish(target: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  execFileSync("npm", ["publish", target, "--access", "public", "--ignore-scripts", ...args], { stdio: "pipe", env });
}
