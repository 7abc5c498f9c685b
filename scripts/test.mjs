#!/usr/bin/env node
// Every check and test, in order; ends with one "N passed, N failed" line summed over every vitest run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const reports = mkdtempSync(join(tmpdir(), "hexclave-test-"));
let passed = 0;
let failed = 0;
const failedSteps = [];

function run(name, command, args, cwd = root) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env: process.env });
  if (result.status !== 0) failedSteps.push(name);
  return result.status === 0;
}

function vitest(name, cwd) {
  const output = join(reports, `${name.replace(/\W+/g, "-")}.json`);
  run(name, "pnpm", ["exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${output}`], join(root, cwd));
  if (existsSync(output)) {
    const report = JSON.parse(readFileSync(output, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } else {
    failed += 1;
  }
}

run("lint", "pnpm", ["exec", "biome", "lint", "."]);
// A published package changed since the last release needs a changeset (skipped before the first release tag).
run("changesets", "node", ["scripts/check-changesets.mjs"]);
// Import circles and the layer rules (routes → domain → db; the SDK's client app never reaches the admin app).
run("import rules", "pnpm", ["exec", "depcruise", "apps/backend/src", "packages/template/src", "packages/stack-shared/src", "--config", ".dependency-cruiser.cjs"]);
// Turbo's generate task writes the SDK packages from packages/template before they are built.
run("generate and build the SDK packages", "pnpm", ["exec", "turbo", "run", "build", "--filter=./packages/*", "--output-logs=errors-only"]);
// The e2e package's typecheck first writes its API client types from the OpenAPI document (build output, not tracked).
run("typecheck", "pnpm", ["exec", "turbo", "run", "typecheck", "--output-logs=errors-only"]);
run("schema and migrations agree", "node", ["scripts/check-migrations-current.mjs"]);
vitest("unit: stack-shared", "packages/stack-shared");
vitest("unit: backend", "apps/backend");
vitest("unit: SDK template", "packages/template");
vitest("unit: CLI", "packages/stack-cli");
vitest("unit: mock OAuth server", "apps/mock-oauth-server");
vitest("e2e", "apps/e2e");

if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(", ")}`);
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
