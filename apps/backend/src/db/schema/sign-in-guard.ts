import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tenancyIdColumn } from "./tenancy-column";

/**
 * Wrong passwords per sign-in identifier (a lowercased email, whether or not an account has it, so the answers are
 * the same for both) since its last success, and until when password sign-in for it is paused. In Postgres so every
 * instance sees the same count and the same pause.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    tenancyId: tenancyIdColumn(),
    identifier: text("identifier").notNull(),
    failures: integer("failures").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenancyId, t.identifier] })],
);
