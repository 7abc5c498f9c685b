/** @stackframe/react: the Hexclave SDK with React's provider, hooks and prebuilt pages. */
import { FRAMEWORK_SDK } from "./framework-version.js";
import { setSdkIdentity } from "./lib/sdk-identity.js";

setSdkIdentity(FRAMEWORK_SDK);

export * from "./lib/public-api.js";
export * from "./entry-react-client.js";
