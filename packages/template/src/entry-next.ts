/** @stackframe/stack: the Hexclave SDK for the Next.js App Router. */
import "./next/nextjs-cookie-store.js";
import "./next/redirect.js";

export * from "./lib/public-api.js";
export * from "./entry-react-client.js";
// Server-component versions of these two replace the client ones of the line above.
export { HexclaveProvider, StackProvider } from "./next/provider.js";
export { HexclaveHandler, StackHandler, type HexclaveHandlerProps } from "./next/handler.js";
