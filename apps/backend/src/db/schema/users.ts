import { sql } from "drizzle-orm";
import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenancyIdColumn } from "./tenancy-column";


export const projectUsers = pgTable(
  "project_users",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    displayName: text("display_name"),
    profileImageUrl: text("profile_image_url"),
    clientMetadata: jsonb("client_metadata"),
    clientReadOnlyMetadata: jsonb("client_read_only_metadata"),
    serverMetadata: jsonb("server_metadata"),
    selectedTeamId: uuid("selected_team_id"),
    isAnonymous: boolean("is_anonymous").notNull().default(false),
    restrictedByAdmin: boolean("restricted_by_admin").notNull().default(false),
    restrictedByAdminReason: text("restricted_by_admin_reason"),
    restrictedByAdminPrivateDetails: text("restricted_by_admin_private_details"),
    countryCode: text("country_code"),
    riskScores: jsonb("risk_scores").$type<{ sign_up: { bot: number; free_trial_abuse: number } }>(),
    // Sealed with the server secret (lib/crypto.ts), so a database copy holds no usable second factor.
    totpSecret: text("totp_secret"),
    // The last time step a TOTP code was accepted for: a code is good once, even within its 30 seconds.
    totpLastUsedStep: bigint("totp_last_used_step", { mode: "number" }),
    // The user can sign in with a code mailed to their sign-in address (wire: otp_auth_enabled).
    otpAuthEnabled: boolean("otp_auth_enabled").notNull().default(false),
    signedUpAt: timestamp("signed_up_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastActiveAt: timestamp("last_active_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("project_users_tenancy_signed_up_idx").on(t.tenancyId, t.signedUpAt, t.id),
    // The dashboard's recently active users and daily activity, and lists ordered by last activity.
    index("project_users_tenancy_last_active_idx").on(t.tenancyId, t.lastActiveAt, t.id),
  ],
);

export const contactChannels = pgTable(
  "contact_channels",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => projectUsers.id, { onDelete: "cascade" }),
    type: text("type").notNull().default("email"),
    value: text("value").notNull(),
    isVerified: boolean("is_verified").notNull().default(false),
    isPrimary: boolean("is_primary").notNull().default(false),
    usedForAuth: boolean("used_for_auth").notNull().default(false),
    // Asked to be a sign-in address by the user, who has not proven it yet: it becomes one when verified, and until
    // then signs nobody in and blocks nobody else from signing up with it.
    useForAuthWhenVerified: boolean("use_for_auth_when_verified").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("contact_channels_user_value_unique").on(t.tenancyId, t.userId, t.type, t.value),
    // One account per sign-in address: concurrent sign-ups race on this index, not on a read-then-write.
    uniqueIndex("contact_channels_auth_value_unique")
      .on(t.tenancyId, t.type, t.value)
      .where(sql`${t.usedForAuth}`),
    uniqueIndex("contact_channels_one_primary")
      .on(t.userId, t.type)
      .where(sql`${t.isPrimary}`),
  ],
);

export const passwordCredentials = pgTable("password_credentials", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => projectUsers.id, { onDelete: "cascade" }),
  tenancyId: tenancyIdColumn(),
  passwordHash: text("password_hash").notNull(),
});
