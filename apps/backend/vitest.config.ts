import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // PGlite's WASM runtime breaks inside worker threads; child processes run it as plain Node does.
    pool: "forks",
    setupFiles: ["./src/testing/quiet-security-log.ts"],
    // Every answer a test gets is checked against the OpenAPI document; a mismatch is a 500 that fails the test.
    env: { HEXCLAVE_VALIDATE_RESPONSES: "1" },
  },
});
