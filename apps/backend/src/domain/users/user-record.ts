import { type SQL, and, eq, inArray, sql } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { type Tx, preparedPerDatabase } from "../../db/client";
import { contactChannels, passwordCredentials, projectUsers, teams } from "../../db/schema";
import { PREPARED_TENANCY, type TenancyRef, type TenancyScope, inTenancy } from "../../db/tenant-scope";
import type { ProjectConfig } from "../projects/config";
import type { RestrictedReason } from "../tokens/access-token-claims";

export type UserRow = typeof projectUsers.$inferSelect;
export type TeamRow = typeof teams.$inferSelect;

/** A user with what every view of it needs, loaded in one statement. */
export type UserRecord = {
  row: UserRow;
  primaryEmail: { value: string; isVerified: boolean; usedForAuth: boolean } | null;
  hasPassword: boolean;
  selectedTeam: TeamRow | null;
  /** The provider accounts linked to the user, oldest first (wire: `oauth_providers`). */
  oauthProviders: LinkedProviderAccount[];
  /** Whether the user has a passkey (wire: `passkey_auth_enabled`). */
  hasPasskey: boolean;
};

export type LinkedProviderAccount = { id: string; account_id: string; email: string | null };

export const userRecordColumns = {
  row: projectUsers,
  primaryEmail: {
    value: contactChannels.value,
    isVerified: contactChannels.isVerified,
    usedForAuth: contactChannels.usedForAuth,
  },
  hasPassword: sql<boolean>`${passwordCredentials.userId} is not null`,
  selectedTeam: teams,
  // A subquery rather than a join: a user has few links, and the record stays one row per user.
  oauthProviders: sql<LinkedProviderAccount[]>`coalesce((
    select json_agg(json_build_object('id', oa.provider_config_id, 'account_id', oa.provider_account_id, 'email', oa.email) order by oa.created_at, oa.id)
    from oauth_accounts oa where oa.tenancy_id = ${projectUsers.tenancyId} and oa.user_id = ${projectUsers.id}
  ), '[]'::json)`,
  hasPasskey: sql<boolean>`exists (select 1 from passkey_credentials pk where pk.tenancy_id = ${projectUsers.tenancyId} and pk.user_id = ${projectUsers.id})`,
};

/** Adds the joins that `userRecordColumns` reads to a query over project_users. */
export function joinUserRecordParts<T extends PgSelect>(query: T) {
  return query
    .leftJoin(
      contactChannels,
      and(
        eq(contactChannels.tenancyId, projectUsers.tenancyId),
        eq(contactChannels.userId, projectUsers.id),
        eq(contactChannels.isPrimary, true),
        eq(contactChannels.type, "email"),
      ),
    )
    .leftJoin(passwordCredentials, and(eq(passwordCredentials.tenancyId, projectUsers.tenancyId), eq(passwordCredentials.userId, projectUsers.id)))
    .leftJoin(teams, and(eq(teams.id, projectUsers.selectedTeamId), eq(teams.tenancyId, projectUsers.tenancyId)));
}

/** The tenancy's users that match every condition, each with what a UserRecord holds. */
export function selectUserRecords(db: Tx, tenancy: TenancyScope, ...conditions: (SQL | undefined)[]) {
  return joinUserRecordParts(db.select(userRecordColumns).from(projectUsers).$dynamic()).where(inTenancy(tenancy, projectUsers, ...conditions));
}

/**
 * One page of the tenancy's users in `ordering`, each with what a UserRecord holds. The page is chosen first, from the
 * users table alone, so the joins that complete each record run for its rows only: whatever the planner believes of
 * the project's size (fresh tables have no statistics yet), a page costs a page, not a pass over every user.
 */
export function selectUserRecordPage(db: Tx, tenancy: TenancyScope, page: { conditions: (SQL | undefined)[]; ordering: SQL[]; limit: number }) {
  const ids = db
    .select({ id: projectUsers.id })
    .from(projectUsers)
    .where(inTenancy(tenancy, projectUsers, ...page.conditions))
    .orderBy(...page.ordering)
    .limit(page.limit);
  return selectUserRecords(db, tenancy, inArray(projectUsers.id, ids)).orderBy(...page.ordering);
}

// Every authenticated request loads its user.
const getUserRecordStatement = preparedPerDatabase((db) =>
  selectUserRecords(db, PREPARED_TENANCY, eq(projectUsers.id, sql.placeholder("userId"))).prepare("get_user_record"),
);

export async function getUserRecord(db: Tx, tenancy: TenancyRef, userId: string): Promise<UserRecord | null> {
  const [record] = await getUserRecordStatement(db).execute({ tenancyId: tenancy.id, userId });
  return record ?? null;
}

// "Last active" is kept to the minute: a user seen within the last one costs no extra write.
const LAST_ACTIVE_PRECISION_MS = 60_000;

export function isRecentlyActive(user: UserRecord): boolean {
  return Date.now() - user.row.lastActiveAt.getTime() < LAST_ACTIVE_PRECISION_MS;
}

export function restrictedReasonOf(record: UserRecord, config: ProjectConfig): RestrictedReason | null {
  if (record.row.isAnonymous) return { type: "anonymous" };
  if (config.onboarding.requireEmailVerification && !record.primaryEmail?.isVerified) return { type: "email_not_verified" };
  if (record.row.restrictedByAdmin) return { type: "restricted_by_administrator" };
  return null;
}
