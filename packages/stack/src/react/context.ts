// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { createContext } from "react";
import type { HexclaveClientApp } from "../lib/apps/client-app.js";

export const HexclaveAppContext = createContext<HexclaveClientApp | null>(null);
