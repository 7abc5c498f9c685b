import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { teamMembers } from "./teams";
import { projectUsers } from "./users";
import { tenancyIdColumn } from "./tenancy-column";

/**
 * Only direct grants are stored: what a grant contains comes from the project's permission graph when it is read,
 * so editing a definition changes every holder at once.
 */
export const teamPermissionGrants = pgTable(
  "team_permission_grants",
  {
    tenancyId: tenancyIdColumn(),
    teamId: uuid("team_id").notNull(),
    userId: uuid("user_id").notNull(),
    permissionId: text("permission_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId, t.permissionId] }),
    // Leaving a team drops what was granted in it.
    foreignKey({ columns: [t.teamId, t.userId], foreignColumns: [teamMembers.teamId, teamMembers.userId] }).onDelete("cascade"),
    index("team_permission_grants_user_idx").on(t.tenancyId, t.userId),
  ],
);

export const projectPermissionGrants = pgTable(
  "project_permission_grants",
  {
    tenancyId: tenancyIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => projectUsers.id, { onDelete: "cascade" }),
    permissionId: text("permission_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.permissionId] }), index("project_permission_grants_tenancy_idx").on(t.tenancyId)],
);
