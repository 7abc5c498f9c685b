import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // PGlite's WASM runtime breaks inside worker threads; child processes run it as plain Node does.
    pool: "forks",
    setupFiles: ["./src/testing/quiet-security-log.ts"],
  },
});
