/** @stackframe/react: the Hexclave SDK with React's provider, hooks and prebuilt pages. */
export * from "./lib/public-api.js";
export * from "./entry-react-client.js";
