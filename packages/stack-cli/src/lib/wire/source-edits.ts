/**
 * Small text edits on a user's source file, each applied only where the file has exactly one place for it. They
 * read the file as text, not as a syntax tree: a file they cannot read with certainty is left to the user.
 */

/** The quotes and semicolons of a file's imports, so the lines init adds look like the user's own. */
export type CodeStyle = { quote: string; semi: string };

// An import statement up to its module name at the end of a line; a multi-line import holds no semicolon before it.
const IMPORT = /^import\s[^;]*?(["'])[^"'\n]+\1(;?)[ \t]*$/gm;

export function detectStyle(content: string): CodeStyle {
  const first = new RegExp(IMPORT.source, "m").exec(content);
  return { quote: first?.[1] ?? '"', semi: first ? (first[2] ?? "") : ";" };
}

export type ImportSpec = { names: string; from: string };

/** Adds the imports after the file's last one (or at its top, below directives and reference comments). */
export function addImports(content: string, imports: ImportSpec[], style: CodeStyle): string {
  const rows = imports.map(({ names, from }) => `import { ${names} } from ${style.quote}${from}${style.quote}${style.semi}\n`).join("");
  const all = [...content.matchAll(IMPORT)];
  const last = all[all.length - 1];
  if (last) {
    const end = last.index + last[0].length + 1;
    return content.slice(0, end) + rows + content.slice(end);
  }
  const preamble = /^(?:(?:\/\/\/[^\n]*|["']use [a-z]+["'];?)[ \t]*\n)*/.exec(content)?.[0] ?? "";
  return preamble + rows + content.slice(preamble.length);
}

/** Every index where `pattern` matches in content[from, to). */
export function indexesOf(content: string, pattern: RegExp, from = 0, to = content.length): { index: number; text: string }[] {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  return [...content.slice(from, to).matchAll(global)].map((match) => ({ index: from + match.index, text: match[0] }));
}

/** The index of the bracket closing the one at `open`, skipping strings, template literals and comments. */
export function findClosing(content: string, open: number): number | null {
  const pairs: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
  const stack: string[] = [];
  for (let i = open; i < content.length; i++) {
    const char = content[i]!;
    if (char === '"' || char === "'" || char === "`") {
      i = skipString(content, i);
      continue;
    }
    if (char === "/" && content[i + 1] === "/") i = content.indexOf("\n", i) === -1 ? content.length : content.indexOf("\n", i);
    else if (char === "/" && content[i + 1] === "*") i = content.indexOf("*/", i) === -1 ? content.length : content.indexOf("*/", i) + 1;
    else if (pairs[char]) stack.push(pairs[char]);
    else if (char === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return null;
}

function skipString(content: string, start: number): number {
  const quote = content[start];
  for (let i = start + 1; i < content.length; i++) {
    if (content[i] === "\\") i++;
    else if (content[i] === quote) return i;
  }
  return content.length;
}

/**
 * Adds `property` to the object literal opening at `open`, after its last property and in its layout: on a line of
 * its own in a multi-line object, inline in a one-line one; a trailing comma only where the last property had one.
 */
export function addProperty(content: string, open: number, property: string): string | null {
  const close = findClosing(content, open);
  if (close === null) return null;
  const inside = content.slice(open + 1, close);
  const lastIndex = open + 1 + inside.trimEnd().length;
  const trailingComma = inside.trimEnd().endsWith(",");
  if (inside.trim() === "") return `${content.slice(0, open + 1)} ${property} ${content.slice(close)}`;
  if (!inside.includes("\n")) {
    const separator = trailingComma ? " " : ", ";
    return `${content.slice(0, lastIndex)}${separator}${property}${content.slice(lastIndex)}`;
  }
  const indent = /\n([ \t]*)\S/.exec(inside)?.[1] ?? "  ";
  const before = trailingComma ? "" : ",";
  return `${content.slice(0, lastIndex)}${before}\n${indent}${property}${trailingComma ? "," : ""}${content.slice(lastIndex)}`;
}

/** The leading whitespace of the line holding `index`. */
export function lineIndent(content: string, index: number): string {
  const start = content.lastIndexOf("\n", index - 1) + 1;
  return /^[ \t]*/.exec(content.slice(start))?.[0] ?? "";
}

/**
 * Wraps the text at [index, index + length) in `open`…`close`: a target alone on its line gets lines of its own,
 * indented one step deeper; anything else is wrapped inline.
 */
export function wrapAt(content: string, index: number, length: number, open: string, close: string): string {
  const lineStart = content.lastIndexOf("\n", index - 1) + 1;
  const lineEnd = content.indexOf("\n", index + length);
  const end = lineEnd === -1 ? content.length : lineEnd;
  const target = content.slice(index, index + length);
  const aloneOnLine = content.slice(lineStart, index).trim() === "" && content.slice(index + length, end).trim().replace(/^,$/, "") === "";
  if (!aloneOnLine) return content.slice(0, index) + open + target + close + content.slice(index + length);
  const indent = lineIndent(content, index);
  const step = indent.startsWith("\t") ? "\t" : "  ";
  const wrapped = `${open}\n${indent}${step}${target}\n${indent}${close}`;
  return content.slice(0, index) + wrapped + content.slice(index + length);
}
