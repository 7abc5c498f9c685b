import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenancyIdColumn } from "./tenancy-column";
import { projectUsers } from "./users";

/** A provider account (the provider's `sub`) linked to a user: what signs them in with OAuth and what connected accounts use. */
export const oauthAccounts = pgTable(
  "oauth_accounts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => projectUsers.id, { onDelete: "cascade" }),
    // The key of the provider in the project config (auth.oauth.providers.{id}), usually its type.
    providerConfigId: text("provider_config_id").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    email: text("email"),
    allowSignIn: boolean("allow_sign_in").notNull().default(true),
    allowConnectedAccounts: boolean("allow_connected_accounts").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("oauth_accounts_user_idx").on(t.tenancyId, t.userId),
    // One user per provider account for sign-in: concurrent first sign-ins race on this index.
    uniqueIndex("oauth_accounts_sign_in_unique")
      .on(t.tenancyId, t.providerConfigId, t.providerAccountId)
      .where(sql`${t.allowSignIn}`),
    uniqueIndex("oauth_accounts_user_account_unique").on(t.tenancyId, t.userId, t.providerConfigId, t.providerAccountId),
  ],
);

/**
 * Tokens a provider issued for a linked account, sealed with the server secret: a database copy holds no usable
 * provider token. Each sign-in or connection adds a row with the scopes it was granted.
 */
export const oauthProviderTokens = pgTable(
  "oauth_provider_tokens",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    oauthAccountId: uuid("oauth_account_id")
      .notNull()
      .references(() => oauthAccounts.id, { onDelete: "cascade" }),
    accessToken: text("access_token").notNull(),
    refreshToken: text("refresh_token"),
    scopes: text("scopes").array().notNull(),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true, mode: "date" }),
    // Set when the provider refused the refresh token; the row is kept for the record but never used again.
    refreshRefusedAt: timestamp("refresh_refused_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("oauth_provider_tokens_account_idx").on(t.tenancyId, t.oauthAccountId, t.createdAt)],
);
