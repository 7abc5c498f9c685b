import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getTableName } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "./schema";
import { TENANT_TABLES } from "./tenant-scope";

// A query on a tenant-owned table that forgets the tenancy reads or changes another project's rows. This check reads
// the backend's source and refuses every statement on such a table that does not go through tenant-scope.ts, unless a
// comment in the lines above it starts with "across tenancies:" and says why it must reach every tenancy.
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EXEMPT = new Set(["db/tenant-scope.ts"]);
const EXEMPTION = /\/\/ across tenancies:/;
const tenantTables = Object.entries(schema).filter(([, value]) => TENANT_TABLES.includes(value as never)) as [string, (typeof TENANT_TABLES)[number]][];
const tenantTableNames = tenantTables.map(([name]) => name);
const tableNames = new Map(tenantTables.map(([name, table]) => [name, getTableName(table)]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // testing/ holds fixtures of the unit tests, which inspect the database as a whole on purpose.
    if (entry.isDirectory()) return ["migrations", "schema", "testing"].includes(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The text of the statement around an index: from the previous `;`/`{`/`}` to the next `;`. */
function statementAt(source: string, index: number): { text: string; before: string } {
  const start = Math.max(source.lastIndexOf(";", index), source.lastIndexOf("{\n", index), source.lastIndexOf("}\n", index)) + 1;
  const end = source.indexOf(";", index);
  return { text: source.slice(start, end === -1 ? undefined : end), before: source.slice(Math.max(0, start - 400), start + 1) };
}

function unscopedStatements(file: string, source: string): string[] {
  const problems: string[] = [];
  const names = tenantTableNames.join("|");
  const patterns = [
    { kind: "write", regex: new RegExp(`\\.(update|delete|insert)\\((${names})\\)`, "g") },
    { kind: "read", regex: new RegExp(`\\.(from|innerJoin|leftJoin)\\((${names})\\b`, "g") },
    { kind: "raw SQL", regex: new RegExp(`(update|from|into|join) \\$\\{(${names})\\}`, "g") },
  ];
  for (const { kind, regex } of patterns) {
    for (const match of source.matchAll(regex)) {
      const { text, before } = statementAt(source, match.index);
      const lineOfMatch = source.slice(0, match.index).split("\n").length;
      const table = match[2]!;
      const exempt = EXEMPTION.test(before.split("\n").slice(-6).join("\n")) || EXEMPTION.test(text);
      if (exempt) continue;
      // Reads scope through inTenancy (prepared statements with PREPARED_TENANCY), joins also by the tenancy column of
      // a table already scoped; writes only ever go through the helpers.
      const scoped =
        kind === "write"
          ? false
          : kind === "raw SQL"
            ? /tenancy\.id|tenancy_id|tenancyId/.test(text)
            : new RegExp(`inTenancy\\(\\s*\\w+,\\s*${table}\\b|eq\\(${table}\\.tenancyId, \\w+\\.tenancyId\\)`).test(text);
      if (!scoped) problems.push(`${file}:${lineOfMatch} ${kind} on ${tableNames.get(table)} without its tenancy`);
    }
  }
  return problems;
}

describe("tenant-owned tables", () => {
  it("are read and written only through the tenancy scope", () => {
    const problems = sourceFiles(SRC)
      .map((file) => path.relative(SRC, file).split(path.sep).join("/"))
      .filter((file) => !EXEMPT.has(file))
      .flatMap((file) => unscopedStatements(file, readFileSync(path.join(SRC, file), "utf8")));
    expect(problems).toEqual([]);
  });

  it("refuses an update by primary key alone", () => {
    const source = "async function f(db) {\n  await db.update(projectUsers).set({ displayName: null }).where(eq(projectUsers.id, id));\n}\n";
    expect(unscopedStatements("example.ts", source)).toEqual(["example.ts:2 write on project_users without its tenancy"]);
  });

  it("refuses a select that names no tenancy", () => {
    const source = "async function f(db) {\n  return db.select().from(teams).where(eq(teams.id, id));\n}\n";
    expect(unscopedStatements("example.ts", source)).toEqual(["example.ts:2 read on teams without its tenancy"]);
  });

  it("accepts a select through inTenancy", () => {
    const source = "async function f(db) {\n  return db.select().from(teams).where(inTenancy(tenancy, teams, eq(teams.id, id)));\n}\n";
    expect(unscopedStatements("example.ts", source)).toEqual([]);
  });
});
