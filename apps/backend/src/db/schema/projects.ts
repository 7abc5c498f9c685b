import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

export const projects = pgTable("projects", {
  id: text("id").primaryKey(),
  displayName: text("display_name").notNull(),
  description: text("description").notNull().default(""),
  logoUrl: text("logo_url"),
  logoFullUrl: text("logo_full_url"),
  logoDarkModeUrl: text("logo_dark_mode_url"),
  logoFullDarkModeUrl: text("logo_full_dark_mode_url"),
  isProductionMode: boolean("is_production_mode").notNull().default(false),
  isDevelopmentEnvironment: boolean("is_development_environment").notNull().default(false),
  ownerTeamId: uuid("owner_team_id"),
  onboardingStatus: text("onboarding_status").notNull().default("completed"),
  // Dot-notation overrides on top of the config defaults: the project level of the config that
  // domain/projects/config.ts renders (the branch and environment levels live on the tenancy).
  configOverride: jsonb("config_override").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const tenancies = pgTable(
  "tenancies",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    branchId: text("branch_id").notNull().default("main"),
    branchConfigOverride: jsonb("branch_config_override").$type<Record<string, unknown>>().notNull().default({}),
    environmentConfigOverride: jsonb("environment_config_override").$type<Record<string, unknown>>().notNull().default({}),
    // Where the branch override came from: pushed from a repository, from elsewhere, or edited here ("unlinked").
    configSource: jsonb("config_source").$type<Record<string, unknown>>().notNull().default({ type: "unlinked" }),
  },
  (t) => [unique("tenancies_project_branch_unique").on(t.projectId, t.branchId)],
);

export const apiKeySets = pgTable(
  "api_key_sets",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    // Keys are stored as SHA-256 hashes: they are high-entropy, so a fast hash is enough and a leaked table grants nothing.
    publishableClientKeyHash: text("publishable_client_key_hash").unique(),
    publishableClientKeyLastFour: text("publishable_client_key_last_four"),
    secretServerKeyHash: text("secret_server_key_hash").unique(),
    secretServerKeyLastFour: text("secret_server_key_last_four"),
    superSecretAdminKeyHash: text("super_secret_admin_key_hash").unique(),
    superSecretAdminKeyLastFour: text("super_secret_admin_key_last_four"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    manuallyRevokedAt: timestamp("manually_revoked_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("api_key_sets_project_idx").on(t.projectId)],
);
