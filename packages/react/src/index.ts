// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
/** @stackframe/react: the Hexclave SDK with React's provider, hooks and prebuilt pages. */
export * from "./lib/public-api.js";
export * from "./client.js";
