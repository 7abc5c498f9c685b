// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { createContext } from "react";
import type { HexclaveClientApp } from "../lib/apps/client-app.js";
import type { UserSnapshot } from "./user-store.js";

export const HexclaveAppContext = createContext<HexclaveClientApp | null>(null);

/** The user the server rendered with (from the provider's `initialUser`), for this render only. */
export const HexclaveInitialUserContext = createContext<UserSnapshot | null>(null);
