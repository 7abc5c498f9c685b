/**
 * The pure part of publishing the @hexclave twins: how a package's name, manifest and built files change. Nothing
 * here reads or writes files, so the rules can be tested on plain values.
 */

/** Workspace names whose twin is not simply the same name under @hexclave. */
const SPECIAL_NAMES: Record<string, string> = {
  "@stackframe/stack": "@hexclave/next",
  "@stackframe/stack-shared": "@hexclave/shared",
  "@stackframe/stack-cli": "@hexclave/cli",
};

export const DEFAULT_REPOSITORY = "https://github.com/hexclave/hexclave";
export const DEFAULT_HOMEPAGE = "https://hexclave.com";

export function hexclaveName(name: string): string {
  if (SPECIAL_NAMES[name]) return SPECIAL_NAMES[name];
  if (!name.startsWith("@stackframe/")) throw new Error(`${name} is not an @stackframe package, so it has no @hexclave twin.`);
  return `@hexclave/${name.slice("@stackframe/".length)}`;
}

export type RewriteOptions = {
  /** The published @stackframe names of this release: only these are renamed where they are referenced. */
  published: string[];
  version: string;
  repository: string;
  homepage: string;
  /** The package's folder in the repository, for the repository field's `directory`. */
  directory: string;
};

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;

function rewriteDependencies(deps: Record<string, string>, options: RewriteOptions): Record<string, string> {
  return Object.fromEntries(
    Object.entries(deps).map(([name, range]) =>
      options.published.includes(name) ? [hexclaveName(name), options.version] : [name, range],
    ),
  );
}

/** A CLI is reachable as `hexclave` under its new name, beside the names it already had. */
function withHexclaveBin(bin: unknown, packageName: string): Record<string, string> | undefined {
  if (bin === undefined) return undefined;
  const entries: Record<string, string> =
    typeof bin === "string" ? { [packageName.split("/").pop()!]: bin } : { ...(bin as Record<string, string>) };
  if (!entries.hexclave) {
    const first = Object.values(entries)[0];
    if (!first) throw new Error(`${packageName} has an empty bin field.`);
    entries.hexclave = first;
  }
  return entries;
}

/** The twin's package.json: new name and version, renamed cross-dependencies pinned to it, Hexclave's links; the rest as it was. */
export function rewriteManifest(manifest: Record<string, any>, options: RewriteOptions): Record<string, any> {
  const out: Record<string, any> = { ...manifest, name: hexclaveName(manifest.name), version: options.version };
  for (const field of DEPENDENCY_FIELDS) {
    if (manifest[field]) out[field] = rewriteDependencies(manifest[field], options);
  }
  const bin = withHexclaveBin(manifest.bin, manifest.name);
  if (bin) out.bin = bin;
  out.repository = { type: "git", url: `git+${options.repository}.git`, directory: options.directory };
  out.homepage = options.homepage;
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Renames module specifiers (import/export from, import(), require()) that point at a published sibling, so a twin
 * loads its @hexclave siblings at run time and in its types. Strings that are not specifiers are left as they are.
 */
export function rewriteSpecifiers(code: string, published: string[]): string {
  if (published.length === 0) return code;
  const names = [...published].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
  const pattern = new RegExp(`(\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\brequire\\s*\\(\\s*|\\bimport\\s+)(["'])(${names})(/[^"']*)?\\2`, "g");
  return code.replace(pattern, (_match, lead: string, quote: string, name: string, subpath = "") => {
    return `${lead}${quote}${hexclaveName(name)}${subpath}${quote}`;
  });
}

/** Files a published package must not carry: tests, and source maps that give away the machine's paths. */
export function packagingProblems(files: { path: string; content?: string }[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (/(^|\/)(__tests__|__mocks__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(file.path)) problems.push(`${file.path} is a test file`);
    if (!file.path.endsWith(".map") || file.content === undefined) continue;
    const sources: string[] = JSON.parse(file.content).sources ?? [];
    const local = sources.find((source) => /^(\/|file:|[A-Za-z]:[\\/])/.test(source));
    if (local) problems.push(`${file.path} names the local path ${local}`);
  }
  return problems;
}
