// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { defineConfig } from "tsup";

// The shared package ships TypeScript source, so it is bundled in; frameworks stay peer dependencies.
const common = { noExternal: ["@stackframe/stack-shared"], target: "es2022", sourcemap: false, treeshake: true } as const;

export default defineConfig({ ...common, entry: { index: "src/index.ts" }, format: ["esm", "cjs"], dts: { resolve: ["@stackframe/stack-shared"] }, clean: true });
