// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { defineConfig } from "tsup";
import { siblingEntries } from "../../scripts/tsup-sibling-entries";

// The shared package ships TypeScript source, so it is bundled in; frameworks stay peer dependencies.
// esbuild tree-shakes on its own; tsup's extra (rollup) pass would drop the "use client" directive.
const common = { noExternal: ["@stackframe/stack-shared"], target: "es2022", sourcemap: false } as const;

export default defineConfig([
  // core: the framework-agnostic SDK; client: React ("use client"); index: the public entry. Each is built once
  // and the others import it, so every class exists once at run time.
  ...(["esm", "cjs"] as const).flatMap((format) => [
    { ...common, entry: { core: "src/core.ts" }, format: [format] },
    { ...common, entry: { client: "src/client.ts" }, format: [format], banner: { js: '"use client";' }, esbuildPlugins: [siblingEntries(format, "client")] },
    { ...common, entry: { index: "src/index.ts" }, format: [format], esbuildPlugins: [siblingEntries(format, "index")] },
  ]),
  { ...common, entry: { index: "src/index.ts" }, format: ["esm", "cjs"], dts: { only: true } },
]);
