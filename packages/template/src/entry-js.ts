/** @stackframe/js: the Hexclave SDK for any JavaScript runtime, without React. */
export * from "./lib/public-api.js";
