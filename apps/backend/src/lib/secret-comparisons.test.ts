import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "./crypto";

// OWASP ASVS 11.2.4: secrets (API keys, codes, tokens, signatures, PKCE verifiers) are compared in constant time.
// A static check over the backend's sources, so a new `===` on a secret fails here rather than in a timing attack.

const SRC = fileURLToPath(new URL("..", import.meta.url));
// The last word of a name that holds a secret, or a value derived from one.
const SECRET_NAME = /(secret|password|passwd|token|apikey|hash|digest|signature|verifier|challenge|otp|code|nonce|key)s?$/i;

/** Comparisons that look like secrets but are not, each with the reason. */
const ALLOWED = new Map([
  // The sentinel is public (wire contract: "no publishable key"); the real key is checked by its hash.
  ["domain/oauth/clients.ts: clientSecret === PUBLIC_CLIENT_SECRET", "a public sentinel"],
]);
// Columns named like secrets that are compared in SQL though they are not digests.
const PLAIN_COLUMNS = new Map([
  ["emailOutbox.claimToken", "a worker's lease id, never sent by a client"],
  ["webhookDeliveries.claimToken", "a worker's lease id, never sent by a client"],
  ["webhookEvents.svixClaimToken", "a worker's lease id, never sent by a client"],
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "testing" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true, path.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The name an operand is known by: `key`, `row.secretHash`, `hashOf(x)` → key, secretHash, hashOf. */
function nameOf(node: ts.Expression): string | null {
  let current: ts.Node = node;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAwaitExpression(current) || ts.isAsExpression(current)) {
    current = current.expression;
  }
  if (ts.isCallExpression(current)) current = current.expression;
  if (ts.isIdentifier(current)) return current.text;
  if (ts.isPropertyAccessExpression(current)) return current.name.text;
  if (ts.isElementAccessExpression(current) && ts.isStringLiteral(current.argumentExpression)) return current.argumentExpression.text;
  return null;
}

function isConstant(node: ts.Expression): boolean {
  let current: ts.Node = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return (
    ts.isLiteralExpression(current) ||
    ts.isNoSubstitutionTemplateLiteral(current) ||
    ts.isTypeOfExpression(current) ||
    current.kind === ts.SyntaxKind.NullKeyword ||
    current.kind === ts.SyntaxKind.TrueKeyword ||
    current.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(current) && current.text === "undefined") ||
    ts.isPrefixUnaryExpression(current)
  );
}

const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

type Check = (node: ts.Node, file: ts.SourceFile) => string | null;

function findingsIn(file: ts.SourceFile, check: Check): string[] {
  const found: string[] = [];
  walk(file, (node) => {
    const text = check(node, file);
    if (text !== null) found.push(`${relative(SRC, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text}`);
  });
  return found;
}

const findings = (check: Check) => sourceFiles(SRC).flatMap((path) => findingsIn(parse(path), check));
const fixture = (code: string) => ts.createSourceFile(join(SRC, "fixture.ts"), code, ts.ScriptTarget.Latest, true);

const secretEquality: Check = (node, file) => {
  if (!ts.isBinaryExpression(node) || !EQUALITY.has(node.operatorToken.kind)) return null;
  if (isConstant(node.left) || isConstant(node.right)) return null;
  const names = [nameOf(node.left), nameOf(node.right)];
  if (!names.some((name) => name !== null && SECRET_NAME.test(name))) return null;
  return ALLOWED.has(`${relative(SRC, file.fileName)}: ${node.getText(file)}`) ? null : node.getText(file);
};

const plainSecretColumn: Check = (node, file) => {
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || !["eq", "ne", "inArray"].includes(node.expression.text)) return null;
  const [column] = node.arguments;
  if (!column || !ts.isPropertyAccessExpression(column)) return null;
  const name = column.name.text;
  if (!SECRET_NAME.test(name) || /(Hash|Digest)$/.test(name)) return null;
  return PLAIN_COLUMNS.has(column.getText(file)) ? null : node.getText(file);
};

const directByteComparison: Check = (node, file) => {
  if (ts.isIdentifier(node) && node.text === "timingSafeEqual" && !file.fileName.endsWith("lib/crypto.ts")) return node.getText(file);
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return null;
  const { expression: target, name } = node.expression;
  if (name.text === "equals" || (name.text === "compare" && ts.isIdentifier(target) && target.text === "Buffer")) return node.getText(file);
  return null;
};

describe("secret comparisons", () => {
  it("never compares a secret with == or !=", () => {
    expect(findings(secretEquality)).toEqual([]);
  });

  it("looks secrets up in the database only by their digest", () => {
    expect(findings(plainSecretColumn)).toEqual([]);
  });

  it("reaches timingSafeEqual only through constantTimeEqual, and compares no buffers otherwise", () => {
    expect(findings(directByteComparison)).toEqual([]);
  });

  it("would catch the comparisons it bans", () => {
    const code = `
      if (given === config.cronSecret) ok();
      if (row.codeHash !== sha256Hex(code)) fail();
      if ((await load()).refreshToken == token) ok();
      db.select().where(eq(sessions.refreshToken, token));
      Buffer.from(a).equals(Buffer.from(apiKey));
      if (token === undefined || typeof secret === "string" || kind === "secret") skip();`;
    const file = fixture(code);
    expect(findingsIn(file, secretEquality)).toHaveLength(3);
    expect(findingsIn(file, plainSecretColumn)).toHaveLength(1);
    expect(findingsIn(file, directByteComparison)).toHaveLength(1);
  });
});

describe("constantTimeEqual", () => {
  it("tells equal from unequal strings, of any lengths, without throwing", () => {
    expect(constantTimeEqual("ssk_abc", "ssk_abc")).toBe(true);
    expect(constantTimeEqual("ssk_abc", "ssk_abd")).toBe(false);
    expect(constantTimeEqual("ssk_abc", "ssk_abcd")).toBe(false);
    expect(constantTimeEqual("", "x".repeat(10_000))).toBe(false);
  });
});
