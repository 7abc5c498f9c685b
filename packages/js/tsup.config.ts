// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { defineConfig } from "tsup";

// The shared package ships TypeScript source, so it is bundled in; frameworks stay peer dependencies.
// esbuild tree-shakes on its own; tsup's extra (rollup) pass would drop the "use client" directive.
const common = { noExternal: ["@stackframe/stack-shared"], target: "es2022", sourcemap: false } as const;

export default defineConfig({ ...common, entry: { index: "src/index.ts" }, format: ["esm", "cjs"], dts: true, clean: true });
