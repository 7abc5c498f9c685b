// The release versioning: the changeset check's rules, and `changeset version` bumping the fixed group on a copy of the repository.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript script without type declarations
import { changesetPackages, packagesMissingChangesets, publishedPackages } from "../../../../scripts/check-changesets.mjs";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const PACKAGES = [
  { dir: "packages/js/", name: "@stackframe/js" },
  { dir: "packages/react/", name: "@stackframe/react" },
  { dir: "packages/stack/", name: "@stackframe/stack" },
  { dir: "packages/tanstack-start/", name: "@stackframe/tanstack-start" },
  { dir: "packages/stack-shared/", name: "@stackframe/stack-shared" },
];
const changeset = (releases: string, summary = "A change.") => `---\n${releases}\n---\n\n${summary}\n`;

describe("the changeset check", () => {
  it("reads the released names from a changeset's front matter", () => {
    expect(changesetPackages(changeset(`"@stackframe/js": minor\n'@stackframe/stack': patch`))).toEqual(["@stackframe/js", "@stackframe/stack"]);
    expect(changesetPackages("no front matter")).toEqual([]);
  });

  it("names each published package whose files changed without a changeset, counting the template for all four SDKs", () => {
    const texts = [changeset(`"@stackframe/react": patch`)];
    expect(packagesMissingChangesets(["packages/template/src/lib/client-app.ts", "apps/backend/src/app.ts"], PACKAGES, texts)).toEqual([
      "@stackframe/js",
      "@stackframe/stack",
      "@stackframe/tanstack-start",
    ]);
    expect(packagesMissingChangesets(["packages/stack-shared/src/known-errors.ts"], PACKAGES, texts)).toEqual(["@stackframe/stack-shared"]);
  });

  it("passes when only private code, tests or changelogs changed", () => {
    const files = ["apps/backend/src/app.ts", "packages/template/src/lib/a.test.ts", "packages/js/CHANGELOG.md", "examples/nextjs/app/page.tsx"];
    expect(packagesMissingChangesets(files, PACKAGES, [])).toEqual([]);
  });

  it("finds the published packages of this repository and leaves the private template out", () => {
    const names = publishedPackages(ROOT).map((pkg: { name: string }) => pkg.name);
    expect(names).toEqual(expect.arrayContaining(PACKAGES.map((pkg) => pkg.name)));
    expect(names).not.toContain("@stackframe/template");
  });
});

describe("changeset version", () => {
  const copy = mkdtempSync(path.join(tmpdir(), "hexclave-changesets-"));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("bumps every published package together and writes their changelogs, leaving private packages alone", () => {
    for (const file of ["package.json", "pnpm-workspace.yaml", ".changeset/config.json"]) cpSync(path.join(ROOT, file), path.join(copy, file));
    for (const group of ["apps", "packages", "examples"]) {
      for (const dir of readdirSync(path.join(ROOT, group))) {
        const manifest = path.join(ROOT, group, dir, "package.json");
        if (!existsSync(manifest)) continue;
        mkdirSync(path.join(copy, group, dir), { recursive: true });
        cpSync(manifest, path.join(copy, group, dir, "package.json"));
      }
    }
    writeFileSync(path.join(copy, ".changeset/quick-fox.md"), changeset(`"@stackframe/js": minor`, "Sessions refresh on their own."));
    const before = publishedPackages(copy);
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/@changesets/cli/bin.js"), "version"], { cwd: copy, encoding: "utf8" });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);

    const version = (dir: string) => JSON.parse(readFileSync(path.join(copy, dir, "package.json"), "utf8")).version;
    const bumped = before.map((pkg: { dir: string }) => version(pkg.dir));
    const [minor] = (JSON.parse(readFileSync(path.join(ROOT, "packages/js/package.json"), "utf8")).version as string).split(".").slice(1);
    expect(new Set(bumped).size).toBe(1);
    expect(bumped[0]).toMatch(new RegExp(`^\\d+\\.${Number(minor) + 1}\\.0$`));
    for (const pkg of before) expect(existsSync(path.join(copy, pkg.dir, "CHANGELOG.md"))).toBe(true);
    expect(readFileSync(path.join(copy, "packages/js/CHANGELOG.md"), "utf8")).toContain("Sessions refresh on their own.");
    expect(version("packages/template")).toBe(JSON.parse(readFileSync(path.join(ROOT, "packages/template/package.json"), "utf8")).version);
    expect(existsSync(path.join(copy, ".changeset/quick-fox.md"))).toBe(false);
  });
});
