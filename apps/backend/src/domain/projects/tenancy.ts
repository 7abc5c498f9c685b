import type { projects } from "../../db/schema";
import type { TenancyRef } from "../../db/tenant-scope";
import type { ProjectConfig } from "./config";

export type ProjectRow = typeof projects.$inferSelect;

/**
 * One branch of one project: the unit every tenant-owned row belongs to. Domain functions receive it (never a bare
 * project), so that every query they make can be scoped to it through db/tenant-scope.ts.
 */
export type Tenancy = TenancyRef & {
  readonly branchId: string;
  readonly project: ProjectRow;
  readonly config: ProjectConfig;
};
