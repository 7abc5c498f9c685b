// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
export { HexclaveProvider, StackProvider, type HexclaveProviderProps } from "./react/provider.js";
export { useApiKeys, useHexclaveApp, usePermission, useStackApp, useTeam, useTeams, useUser, type UseUserOptions } from "./react/hooks.js";
export * from "./react/components/index.js";
export { HexclaveHandler, StackHandler } from "./react/handler-names.js";
