import path from "node:path";
import type { Plugin } from "esbuild";

/**
 * Keeps the SDK's entries separate: code under src/lib is imported from the built `core` file (in the JS SDK; the
 * framework packages import it from @stackframe/js) and React code from the built `client` file, instead of being
 * bundled again. One copy of each class then exists at run time
 * (so `instanceof` holds across entries; the shared package is imported from core too), and the "use client" boundary stays on the client file alone.
 */
export function siblingEntries(format: "esm" | "cjs", building: "client" | "index"): Plugin {
  const extension = format === "cjs" ? ".cjs" : ".js";
  return {
    name: "sibling-entries",
    setup(build) {
      // The shared package is bundled into core only; a second copy would make `instanceof KnownError` fail.
      build.onResolve({ filter: /^@stackframe\/stack-shared$/ }, () => ({ path: `./core${extension}`, external: true }));
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const src = path.resolve(build.initialOptions.absWorkingDir ?? process.cwd(), "src");
        const target = path.relative(src, path.resolve(args.resolveDir, args.path)).split(path.sep).join("/");
        // The public API's own module is bundled into the index, which then names exactly its exports from core.
        if (target === "lib/public-api.js" && building === "index") return undefined;
        if (target.startsWith("lib/") || target === "core.js") return { path: `./core${extension}`, external: true };
        const isClientCode = target === "client.js" || target.startsWith("react/") || /(^|\/)client\//.test(target);
        if (building === "index" && isClientCode) return { path: `./client${extension}`, external: true };
        return undefined;
      });
    },
  };
}
