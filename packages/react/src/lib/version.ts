// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
export const SDK_PACKAGE = "@stackframe/react";
export const SDK_VERSION = "0.1.0";
export const SDK_PLATFORM = "react";
