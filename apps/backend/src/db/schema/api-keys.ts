import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { teams } from "./teams";
import { projectUsers } from "./users";
import { tenancyIdColumn } from "./tenancy-column";

/** User and team API keys. The secret is kept only as a SHA-256 hash; deleting the owner deletes its keys. */
export const projectApiKeys = pgTable(
  "project_api_keys",
  {
    id: uuid("id").primaryKey(),
    tenancyId: tenancyIdColumn(),
    userId: uuid("user_id").references(() => projectUsers.id, { onDelete: "cascade" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    secretHash: text("secret_hash").notNull(),
    lastFour: text("last_four").notNull(),
    isPublic: boolean("is_public").notNull().default(false),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    manuallyRevokedAt: timestamp("manually_revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    check("project_api_keys_one_owner", sql`(${t.userId} is null) <> (${t.teamId} is null)`),
    index("project_api_keys_user_idx").on(t.tenancyId, t.userId),
    index("project_api_keys_team_idx").on(t.tenancyId, t.teamId),
  ],
);
