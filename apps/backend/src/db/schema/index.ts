export * from "./projects";
export * from "./users";
export * from "./sessions";
export * from "./teams";
export * from "./emails";
