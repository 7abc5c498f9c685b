export * from "./known-error.js";
export * as KnownErrors from "./known-errors.js";
export * from "./headers.js";
export * from "./env.js";
