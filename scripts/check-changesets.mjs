#!/usr/bin/env node
// Fails, naming each package, when a published package changed since the last release without a changeset for it.
// The base is CHANGESET_BASE when set (a ref), else the merge base of HEAD and the newest `v*` release tag; with no
// such tag (nothing released yet, or a clone without tags) there is nothing to compare against and the check is skipped.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));

// The four SDKs are generated from the template by these scripts, so a change to any of them changes all four.
const SDK_SOURCES = ["packages/template/", "scripts/generate-sdks.ts", "scripts/tsup-sibling-entries.ts"];
const SDK_NAMES = ["@stackframe/js", "@stackframe/react", "@stackframe/stack", "@stackframe/tanstack-start"];

/** Published packages as { dir, name }: every package under packages/ that is not private. */
export function publishedPackages(base = root) {
  return readdirSync(join(base, "packages"))
    .filter((dir) => existsSync(join(base, "packages", dir, "package.json")))
    .map((dir) => ({ dir: `packages/${dir}/`, manifest: JSON.parse(readFileSync(join(base, "packages", dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name }));
}

/** Package names a changeset file releases, read from its front matter. */
export function changesetPackages(text) {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!front) return [];
  return [...front[1].matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map((match) => match[1]);
}

const ignored = (file) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) || file.endsWith("CHANGELOG.md");

/** The published packages touched by `changedFiles` that no changeset names, sorted. */
export function packagesMissingChangesets(changedFiles, packages, changesetTexts) {
  const named = new Set(changesetTexts.flatMap(changesetPackages));
  const published = new Set(packages.map((pkg) => pkg.name));
  const touched = new Set();
  for (const file of changedFiles.filter((file) => !ignored(file))) {
    for (const pkg of packages) if (file.startsWith(pkg.dir)) touched.add(pkg.name);
    if (SDK_SOURCES.some((source) => file.startsWith(source))) for (const name of SDK_NAMES) if (published.has(name)) touched.add(name);
  }
  return [...touched].filter((name) => !named.has(name)).sort();
}

function git(args) {
  return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
}

function baseRef() {
  if (process.env.CHANGESET_BASE) return { ref: git(["merge-base", "HEAD", process.env.CHANGESET_BASE]), label: process.env.CHANGESET_BASE };
  const tag = git(["tag", "--list", "v*", "--sort=-version:refname"]).split("\n")[0];
  return tag ? { ref: git(["merge-base", "HEAD", tag]), label: tag } : undefined;
}

function main() {
  try {
    git(["rev-parse", "--is-inside-work-tree"]);
  } catch {
    console.log("changesets: not a git checkout; skipped.");
    return;
  }
  const base = baseRef();
  if (!base) {
    console.log("changesets: no release tag (v*) yet and no CHANGESET_BASE; nothing released to compare against, skipped.");
    return;
  }
  // Committed changes since the base, plus uncommitted and untracked files in the working tree.
  const changed = [
    ...git(["diff", "--name-only", base.ref]).split("\n"),
    ...git(["ls-files", "--others", "--exclude-standard"]).split("\n"),
  ].filter(Boolean);
  const dir = join(root, ".changeset");
  const texts = readdirSync(dir).filter((file) => file.endsWith(".md") && file !== "README.md").map((file) => readFileSync(join(dir, file), "utf8"));
  const missing = packagesMissingChangesets(changed, publishedPackages(), texts);
  if (missing.length === 0) {
    console.log(`changesets: every published package changed since ${base.label} has a changeset.`);
    return;
  }
  for (const name of missing) console.error(`changesets: ${name} changed since ${base.label} but no changeset names it.`);
  console.error("Add one with `pnpm changeset` (see CONTRIBUTING.md).");
  process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
