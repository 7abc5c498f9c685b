import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  banner: {
    // Bundled CommonJS dependencies call require(); an ES module has none unless it is made here.
    js: '#!/usr/bin/env node\nimport { createRequire as __hexclaveCreateRequire } from "node:module";\nconst require = __hexclaveCreateRequire(import.meta.url);',
  },
  // The published CLI carries its own toolkit, so it installs from a registry that holds only our packages; the SDK
  // stays a real dependency, shared with the app and renamed with the rest of the release.
  noExternal: [/^(?!@stackframe\/)/],
});
