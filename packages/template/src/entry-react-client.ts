export { HexclaveProvider, StackProvider, type HexclaveProviderProps } from "./react/provider.js";
export {
  useApiKeys,
  useConnectedAccount,
  useHexclaveApp,
  useOAuthProviders,
  usePermission,
  useStackApp,
  useTeam,
  useTeams,
  useUser,
  type UseUserOptions,
} from "./react/hooks.js";
export * from "./react/components/index.js";
export { HexclaveHandler, StackHandler } from "./react/handler-names.js";
