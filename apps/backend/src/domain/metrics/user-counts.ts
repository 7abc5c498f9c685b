import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { passwordCredentials, projectUsers } from "../../db/schema";
import type { TenancyRef } from "../../db/tenant-scope";

export type LoginMethodCount = { method: string; count: number };

export type UserCounts = {
  totalUsers: number;
  /** ISO 3166-1 alpha-2 code → users; users with no known country are left out. */
  usersByCountry: Record<string, number>;
  /** One entry per sign-in method some user has, most used first; a user with two methods counts under both. */
  loginMethods: LoginMethodCount[];
};

type CountRow = { is_total: number; country_code: string | null; users: number; with_password: number; with_otp: number };

/**
 * The project's users in all, per country and per sign-in method, from one pass over its users: the grouping sets give
 * the totals row and one row per country of the same scan.
 */
export async function countUsers(db: Tx, tenancy: TenancyRef, options: { includeAnonymous: boolean }): Promise<UserCounts> {
  const result = await db.execute<CountRow>(sql`
    select grouping(u.country_code)::int as is_total, u.country_code, count(*)::int as users,
      count(p.user_id)::int as with_password, (count(*) filter (where u.otp_auth_enabled))::int as with_otp
    from ${projectUsers} u
    left join ${passwordCredentials} p on p.tenancy_id = u.tenancy_id and p.user_id = u.id
    where u.tenancy_id = ${tenancy.id} and (${options.includeAnonymous}::boolean or not u.is_anonymous)
    group by grouping sets ((), (u.country_code))`);
  const rows = (result as unknown as { rows: CountRow[] }).rows;
  const total = rows.find((row) => Number(row.is_total) === 1);
  const usersByCountry: Record<string, number> = {};
  for (const row of rows) if (Number(row.is_total) === 0 && row.country_code !== null) usersByCountry[row.country_code] = Number(row.users);
  const loginMethods = [
    { method: "password", count: Number(total?.with_password ?? 0) },
    { method: "otp", count: Number(total?.with_otp ?? 0) },
  ]
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.method.localeCompare(b.method));
  return { totalUsers: Number(total?.users ?? 0), usersByCountry, loginMethods };
}
