// Rewritten for each generated package by scripts/generate-sdks.ts.
export const SDK_PACKAGE = "@stackframe/template";
export const SDK_VERSION = "0.0.0";
export const SDK_PLATFORM = "js";
