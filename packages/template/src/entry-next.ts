/** @stackframe/stack: the Hexclave SDK for the Next.js App Router. */
import { FRAMEWORK_SDK } from "./framework-version.js";
import { setSdkIdentity } from "./lib/sdk-identity.js";
import { registerNextjsCookieStore } from "./next/nextjs-cookie-store.js";
import { installNextRedirect } from "./next/redirect.js";

// Statements of the entry itself, so no bundler can drop them as unused imports.
setSdkIdentity(FRAMEWORK_SDK);
registerNextjsCookieStore();
installNextRedirect();

export * from "./lib/public-api.js";
export * from "./entry-react-client.js";
// Server-component versions of these two replace the client ones of the line above.
export { HexclaveProvider, StackProvider } from "./next/provider.js";
export { HexclaveHandler, StackHandler, type HexclaveHandlerProps } from "./next/handler.js";
export { hexclaveProxy } from "./next/proxy.js";
