import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // PGlite's WASM runtime breaks inside worker threads; child processes run it as plain Node does.
    pool: "forks",
    // A migrated in-memory database, or a property test's hundred runs, can take several seconds on a busy 2-core
    // machine: these limits catch hangs, not slowness.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    setupFiles: ["./src/testing/quiet-security-log.ts"],
    // Every answer a test gets is checked against the OpenAPI document; a mismatch is a 500 that fails the test.
    env: { HEXCLAVE_VALIDATE_RESPONSES: "1" },
  },
});
