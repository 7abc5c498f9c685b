import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers, sessions } from "../../db/schema";
import type { TenancyRef } from "../../db/tenant-scope";

/** One UTC day of a series: its date as `YYYY-MM-DD` and how many users it counts. */
export type DataPoint = { date: string; activity: number };

/** Today and the thirty days before it, as Stack Auth's dashboard charts them. */
export const METRICS_WINDOW_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC midnight that opens the window ending on `now`'s UTC day. */
export function metricsWindowStart(now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (METRICS_WINDOW_DAYS - 1) * DAY_MS);
}

/** Every day of the window in order, zero where `counts` has nothing. */
export function fillWindow(since: Date, counts: Map<string, number>): DataPoint[] {
  return Array.from({ length: METRICS_WINDOW_DAYS }, (_, i) => {
    const date = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { date, activity: counts.get(date) ?? 0 };
  });
}

type DayRow = { date: string; signed_up: number; active: number };

/**
 * Sign-ups and distinct active users per UTC day over the window. The database keeps no activity log, so a user
 * counts as active on the days it has evidence of: signing up, its last activity, and the creation and last use of
 * each of its sessions (impersonation excluded). Days between two such moments leave no trace, so this is a lower
 * bound of the true daily actives.
 */
export async function loadDailyActivity(
  db: Tx,
  tenancy: TenancyRef,
  options: { includeAnonymous: boolean; now: Date },
): Promise<{ dailyUsers: DataPoint[]; dailyActiveUsers: DataPoint[] }> {
  const since = metricsWindowStart(options.now).toISOString();
  const counted = sql`(${options.includeAnonymous}::boolean or not u.is_anonymous)`;
  const result = await db.execute<DayRow>(sql`
    with activity as (
      select u.id as user_id, moment.ts
      from ${projectUsers} u
      cross join lateral (values (u.signed_up_at), (u.last_active_at)) as moment(ts)
      where u.tenancy_id = ${tenancy.id} and ${counted}
        and (u.signed_up_at >= ${since}::timestamptz or u.last_active_at >= ${since}::timestamptz)
      union all
      select s.user_id, moment.ts
      from ${sessions} s
      join ${projectUsers} u on u.tenancy_id = s.tenancy_id and u.id = s.user_id
      cross join lateral (values (s.created_at), (s.last_used_at)) as moment(ts)
      where s.tenancy_id = ${tenancy.id} and not s.is_impersonation and s.last_used_at >= ${since}::timestamptz and ${counted}
    ),
    active as (
      select to_char(ts at time zone 'UTC', 'YYYY-MM-DD') as date, count(distinct user_id)::int as active
      from activity where ts >= ${since}::timestamptz group by 1
    ),
    signed_up as (
      select to_char(u.signed_up_at at time zone 'UTC', 'YYYY-MM-DD') as date, count(*)::int as signed_up
      from ${projectUsers} u
      where u.tenancy_id = ${tenancy.id} and ${counted} and u.signed_up_at >= ${since}::timestamptz
      group by 1
    )
    select date, coalesce(signed_up.signed_up, 0) as signed_up, coalesce(active.active, 0) as active
    from active full join signed_up using (date)`);
  const rows = (result as unknown as { rows: DayRow[] }).rows;
  const start = metricsWindowStart(options.now);
  return {
    dailyUsers: fillWindow(start, new Map(rows.map((row) => [row.date, Number(row.signed_up)]))),
    dailyActiveUsers: fillWindow(start, new Map(rows.map((row) => [row.date, Number(row.active)]))),
  };
}
