// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.
import { HexclaveHandlerClient } from "./components/handler.js";

/**
 * Serves the prebuilt pages under the handler URL (`/handler/sign-in`, `/handler/sign-up`, …).
 * @example <Route path="/handler/*" element={<HexclaveHandler />} />
 */
export const HexclaveHandler = HexclaveHandlerClient;
/** @deprecated Renamed to {@link HexclaveHandler}. */
export const StackHandler = HexclaveHandlerClient;
