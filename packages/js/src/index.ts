// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
/** @stackframe/js: the Hexclave SDK for any JavaScript runtime, without React. */
export * from "./lib/public-api.js";
