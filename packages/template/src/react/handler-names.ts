import { HexclaveHandlerClient } from "./components/handler.js";

/**
 * Serves the prebuilt pages under the handler URL (`/handler/sign-in`, `/handler/sign-up`, …).
 * @example <Route path="/handler/*" element={<HexclaveHandler />} />
 */
export const HexclaveHandler = HexclaveHandlerClient;
/** @deprecated Renamed to {@link HexclaveHandler}. */
export const StackHandler = HexclaveHandlerClient;
