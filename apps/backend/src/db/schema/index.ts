export * from "./projects";
export * from "./users";
export * from "./sessions";
export * from "./teams";
export * from "./emails";
export * from "./permissions";
export * from "./api-keys";
export * from "./sign-in-guard";
