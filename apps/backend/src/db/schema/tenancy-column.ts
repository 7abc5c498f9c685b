import { uuid } from "drizzle-orm/pg-core";
import { tenancies } from "./projects";

/** The column every tenant-owned table has; rows go when their tenancy does. Read and write such tables through db/tenant-scope.ts. */
export const tenancyIdColumn = () =>
  uuid("tenancy_id")
    .notNull()
    .references(() => tenancies.id, { onDelete: "cascade" });
