#!/usr/bin/env node
// Fails when the Drizzle schema has changes that no checked-in migration covers.
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const backend = join(dirname(dirname(fileURLToPath(import.meta.url))), "apps/backend");
// drizzle-kit only handles an --out relative to the working directory.
const scratchName = `.migrations-check-${process.pid}`;
const scratch = join(backend, scratchName);
cpSync(join(backend, "src/db/migrations"), scratch, { recursive: true });
try {
  const result = spawnSync(
    "pnpm",
    ["exec", "drizzle-kit", "generate", "--dialect", "postgresql", "--schema", "./src/db/schema/index.ts", "--out", `./${scratchName}`],
    { cwd: backend, encoding: "utf8" },
  );
  const output = `${result.stdout}\n${result.stderr}`;
  const generated = readdirSync(scratch).filter((f) => f.endsWith(".sql")).length;
  const expected = readdirSync(join(backend, "src/db/migrations")).filter((f) => f.endsWith(".sql")).length;
  // drizzle-kit exits 0 on some errors, so success is its own "no changes" message and no new file.
  if (result.status !== 0 || generated !== expected || !/No schema changes/i.test(output)) {
    console.error(output);
    console.error("The Drizzle schema and the checked-in migrations differ: run `pnpm --filter @stackframe/backend db:generate` and commit the result.");
    process.exitCode = 1;
  } else {
    console.log("Schema and migrations agree.");
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
