import type { Tx } from "../../db/client";
import type { Tenancy } from "../projects/tenancy";
import { toServerUserJson } from "../users/user-json";
import type { UserRecord } from "../users/user-record";
import { type DataPoint, loadDailyActivity } from "./daily-activity";
import { listRecentlyActiveUsers, listRecentlyRegisteredUsers } from "./recent-users";
import { type LoginMethodCount, countUsers } from "./user-counts";

/** What the dashboard's overview shows of a project's users. */
export type ProjectMetrics = {
  totalUsers: number;
  dailyUsers: DataPoint[];
  dailyActiveUsers: DataPoint[];
  usersByCountry: Record<string, number>;
  recentlyRegistered: UserRecord[];
  recentlyActive: UserRecord[];
  loginMethods: LoginMethodCount[];
};

/** Anonymous users are left out of every figure unless `includeAnonymous`. */
export async function loadProjectMetrics(db: Tx, tenancy: Tenancy, options: { includeAnonymous: boolean; now?: Date }): Promise<ProjectMetrics> {
  const { includeAnonymous } = options;
  const [counts, daily, recentlyRegistered, recentlyActive] = await Promise.all([
    countUsers(db, tenancy, { includeAnonymous }),
    loadDailyActivity(db, tenancy, { includeAnonymous, now: options.now ?? new Date() }),
    listRecentlyRegisteredUsers(db, tenancy, { includeAnonymous }),
    listRecentlyActiveUsers(db, tenancy, { includeAnonymous }),
  ]);
  return { ...counts, ...daily, recentlyRegistered, recentlyActive };
}

/**
 * The wire shape of `GET /internal/metrics`: the fields of Stack Auth's answer that this backend has the data for.
 * Its auth, payments, email and analytics overviews are not sent: each rests in part on what nothing here records
 * (an activity history, payments, delivery events, page views), and a half-filled one would read as real zeros.
 */
export function toMetricsJson(metrics: ProjectMetrics, config: Tenancy["config"]) {
  return {
    total_users: metrics.totalUsers,
    daily_users: metrics.dailyUsers,
    daily_active_users: metrics.dailyActiveUsers,
    users_by_country: metrics.usersByCountry,
    recently_registered: metrics.recentlyRegistered.map((user) => toServerUserJson(user, config)),
    recently_active: metrics.recentlyActive.map((user) => toServerUserJson(user, config)),
    login_methods: metrics.loginMethods,
  };
}
