// Rewritten for each framework package by scripts/generate-sdks.ts: the identity its entry gives the core.
export const FRAMEWORK_SDK = { package: "@stackframe/template", version: "0.0.0", platform: "react" };
