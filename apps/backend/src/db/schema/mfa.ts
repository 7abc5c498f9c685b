import { sql } from "drizzle-orm";
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenancyIdColumn } from "./tenancy-column";
import { projectUsers } from "./users";

/**
 * A user's passkey: the WebAuthn credential an authenticator created for the project's sign-in. One per user, as in
 * Stack Auth (registering again replaces it); a credential id belongs to one user of a tenancy.
 */
export const passkeyCredentials = pgTable(
  "passkey_credentials",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => projectUsers.id, { onDelete: "cascade" }),
    tenancyId: tenancyIdColumn(),
    // base64url, as authenticators and the browser API spell it.
    credentialId: text("credential_id").notNull(),
    // The COSE public key, base64url: public, so it is stored as it is.
    publicKey: text("public_key").notNull(),
    // The authenticator's signature counter; 0 for authenticators that keep none (synced passkeys).
    signCount: bigint("sign_count", { mode: "number" }).notNull().default(0),
    transports: text("transports").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("passkey_credentials_credential_unique").on(t.tenancyId, t.credentialId)],
);

/**
 * Single-use codes that stand in for the authenticator app when it is lost. Only a keyed hash is kept (see
 * domain/auth/recovery-codes.ts); a used code keeps its row, marked, so the count left is what the user sees.
 */
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tenancyId: tenancyIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => projectUsers.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("mfa_recovery_codes_user_idx").on(t.tenancyId, t.userId)],
);
