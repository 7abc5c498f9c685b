// Run by `pnpm bench` (BENCH_ONLY=sizes runs the size figures alone): the packed size of each SDK package as npm would
// publish it, from `npm pack` of the built package, beside the published @stackframe/* 2.8.108 tarball of the same name,
// fetched from the npm registry in the same run. Both are packed into a temporary directory that is removed afterwards.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const PUBLISHED_VERSION = "2.8.108";
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
// The CLI is measured once its package exists; the others always do.
const PACKAGE_DIRS = ["js", "react", "stack", "tanstack-start", "stack-cli"];

type Packed = { size: number; unpackedSize: number; files: number };

async function npmPack(args: string[], cwd: string, destination: string): Promise<Packed> {
  const { stdout } = await run("npm", ["pack", ...args, "--json", "--pack-destination", destination], { cwd, maxBuffer: 64 * 1024 * 1024 });
  const [result] = JSON.parse(stdout) as { size: number; unpackedSize: number; files: unknown[] }[];
  if (!result) throw new Error(`npm pack ${args.join(" ")} reported nothing`);
  return { size: result.size, unpackedSize: result.unpackedSize, files: result.files.length };
}

/** The published tarball of the same package name, or null when that name was not published at this version. */
async function packPublished(name: string, destination: string): Promise<Packed | null> {
  try {
    return await npmPack([`${name}@${PUBLISHED_VERSION}`], destination, destination);
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
    if (output.includes("E404")) return null;
    throw error;
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function measureTarballSizes(): Promise<string> {
  const temp = mkdtempSync(path.join(tmpdir(), "hexclave-tarballs-"));
  const rows: string[] = [];
  try {
    for (const dir of PACKAGE_DIRS) {
      const packageDir = path.join(ROOT, "packages", dir);
      if (!existsSync(path.join(packageDir, "package.json"))) continue;
      if (!existsSync(path.join(packageDir, "dist"))) throw new Error(`packages/${dir} is not built: run \`pnpm build:sdks\` first.`);
      const { name } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { name: string };
      const ours = await npmPack([], packageDir, temp);
      // Compared under the published scope, whatever scope our package is named in.
      const publishedName = `@stackframe/${name.split("/").pop()}`;
      const published = await packPublished(publishedName, temp);
      const theirs = published ? `${kb(published.size)} | ${kb(published.unpackedSize)} | ${published.files}` : "not published | — | —";
      const share = published ? `${((ours.size / published.size) * 100).toFixed(1)}%` : "—";
      rows.push(`| ${name} | ${kb(ours.size)} | ${kb(ours.unpackedSize)} | ${ours.files} | ${theirs} | ${share} |`);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return [
    `| package | ours: packed | unpacked | files | ${PUBLISHED_VERSION}: packed | unpacked | files | ours of the published (packed) |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
}

/** Prints the table and keeps it in docs/benchmarks.md between the tarball markers. */
export async function reportTarballSizes(): Promise<void> {
  const table = await measureTarballSizes();
  console.log(`\nSDK package tarballs\n${table}\n`);
  const doc = path.join(ROOT, "docs/benchmarks.md");
  const current = readFileSync(doc, "utf8");
  const marker = /<!-- tarball:start -->[\s\S]*<!-- tarball:end -->/;
  if (marker.test(current)) writeFileSync(doc, current.replace(marker, `<!-- tarball:start -->\n${table}\n<!-- tarball:end -->`));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await reportTarballSizes();
