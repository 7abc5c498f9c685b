import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  clean: true,
  // The workspace package ships TypeScript source, so it is bundled rather than resolved at run time.
  noExternal: ["@stackframe/stack-shared"],
});
