import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./src/harness/global-setup.ts"],
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Argon2 sign-ups are CPU-bound; two cores serve two files at a time best.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
