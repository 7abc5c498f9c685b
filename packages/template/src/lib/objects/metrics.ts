import type { MetricsDataPointJson, ProjectMetricsJson, ServerUserJson } from "@stackframe/stack-shared";
import type { ServerUser } from "./server-types.js";

/** One day of a series. `date` is that day's midnight in UTC: format it with `timeZone: "UTC"` to show the day itself. */
export type MetricsDataPoint = { readonly date: Date; readonly activity: number };

/** What the dashboard's overview shows of a project's users. */
export type ProjectMetrics = {
  readonly totalUsers: number;
  /** Sign-ups per day: today and the 30 days before it, oldest first. */
  readonly dailyUsers: readonly MetricsDataPoint[];
  /** Users with recorded activity per day over the same days; a lower bound, as only some moments of activity are kept. */
  readonly dailyActiveUsers: readonly MetricsDataPoint[];
  /** ISO 3166-1 alpha-2 code → users; users with no known country are left out. */
  readonly usersByCountry: Readonly<Record<string, number>>;
  /** The five newest sign-ups, newest first (restricted users left out, as `listUsers` leaves them out). */
  readonly recentlyRegistered: readonly ServerUser[];
  /** The five users seen most recently, most recent first. */
  readonly recentlyActive: readonly ServerUser[];
  /** Users per sign-in method (`password`, `otp`), most used first; a user with both counts under each. */
  readonly loginMethods: readonly { readonly method: string; readonly count: number }[];
};

const pointFromJson = (json: MetricsDataPointJson): MetricsDataPoint => ({ date: new Date(`${json.date}T00:00:00.000Z`), activity: json.activity });

export function projectMetricsFromJson(json: ProjectMetricsJson, serverUserFromJson: (user: ServerUserJson) => ServerUser): ProjectMetrics {
  return {
    totalUsers: json.total_users,
    dailyUsers: json.daily_users.map(pointFromJson),
    dailyActiveUsers: json.daily_active_users.map(pointFromJson),
    usersByCountry: { ...json.users_by_country },
    recentlyRegistered: json.recently_registered.map(serverUserFromJson),
    recentlyActive: json.recently_active.map(serverUserFromJson),
    loginMethods: json.login_methods.map(({ method, count }) => ({ method, count })),
  };
}
