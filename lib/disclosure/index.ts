// The one disclosure projection (see ./project.ts for the rules and the API).
export * from "./project";
