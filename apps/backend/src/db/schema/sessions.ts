import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { projectUsers } from "./users";
import { tenancyIdColumn } from "./tenancy-column";

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => projectUsers.id, { onDelete: "cascade" }),
    // SHA-256 of the refresh token; the token itself is only ever in the client's hands.
    refreshTokenHash: text("refresh_token_hash").notNull().unique(),
    isImpersonation: boolean("is_impersonation").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    // The dashboard's daily activity reads a month of sessions by when they were last used.
    index("sessions_tenancy_last_used_idx").on(t.tenancyId, t.lastUsedAt),
  ],
);
