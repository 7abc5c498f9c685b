import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectUsers, sessions } from "../../db/schema";
import { createTestServices } from "../../testing/test-services";
import { createProject } from "../projects/projects";
import type { Tenancy } from "../projects/tenancy";
import { type NewUser, createUser } from "../users/create-user";
import { METRICS_WINDOW_DAYS, fillWindow, metricsWindowStart } from "./daily-activity";
import { loadProjectMetrics, toMetricsJson } from "./metrics";

let services: Awaited<ReturnType<typeof createTestServices>>;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-04-13T15:00:00Z");
const daysAgo = (days: number, hour = 12) => new Date(Date.UTC(2026, 3, 13 - days, hour));

async function newTenancy(): Promise<Tenancy> {
  const project = await createProject(services.db, { display_name: "metrics", owner_team_id: null });
  return (await services.projects.getTenancy(project.id))!;
}

async function addUser(tenancy: Tenancy, input: NewUser & { signedUpAt?: Date; lastActiveAt?: Date } = {}) {
  const { signedUpAt, lastActiveAt, ...rest } = input;
  const { user } = await createUser(services.db, tenancy, rest);
  const signedUp = signedUpAt ?? daysAgo(0);
  await services.db
    .update(projectUsers)
    .set({ signedUpAt: signedUp, lastActiveAt: lastActiveAt ?? signedUp })
    .where(eq(projectUsers.id, user.row.id));
  return user.row.id;
}

async function addSession(tenancy: Tenancy, userId: string, createdAt: Date, lastUsedAt: Date, isImpersonation = false) {
  await services.db.insert(sessions).values({ tenancyId: tenancy.id, userId, refreshTokenHash: randomUUID(), createdAt, lastUsedAt, isImpersonation });
}

const metricsOf = (tenancy: Tenancy, includeAnonymous = false) => loadProjectMetrics(services.db, tenancy, { includeAnonymous, now: NOW });
const activityOn = (points: { date: string; activity: number }[]) => Object.fromEntries(points.filter((p) => p.activity > 0).map((p) => [p.date, p.activity]));

describe("the metrics window", () => {
  it("is today and the thirty UTC days before it", () => {
    expect(metricsWindowStart(new Date("2026-04-13T23:59:59.999Z")).toISOString()).toBe("2026-03-14T00:00:00.000Z");
    const points = fillWindow(metricsWindowStart(NOW), new Map([["2026-04-13", 2]]));
    expect(points).toHaveLength(METRICS_WINDOW_DAYS);
    expect(points[0]).toEqual({ date: "2026-03-14", activity: 0 });
    expect(points.at(-1)).toEqual({ date: "2026-04-13", activity: 2 });
  });
});

describe("loadProjectMetrics", () => {
  it("answers zeros and empty lists for a project without users", async () => {
    const metrics = await metricsOf(await newTenancy());
    expect(metrics).toMatchObject({ totalUsers: 0, usersByCountry: {}, loginMethods: [], recentlyRegistered: [], recentlyActive: [] });
    expect(metrics.dailyUsers.map((p) => p.activity)).toEqual(new Array(METRICS_WINDOW_DAYS).fill(0));
    expect(metrics.dailyActiveUsers.at(-1)).toEqual({ date: "2026-04-13", activity: 0 });
  });

  it("counts users per country and per sign-in method, leaving anonymous users out unless asked", async () => {
    const tenancy = await newTenancy();
    await addUser(tenancy, { primaryEmail: "a@example.com", passwordHash: "$argon2id$x", countryCode: "CH" });
    await addUser(tenancy, { primaryEmail: "b@example.com", passwordHash: "$argon2id$x", otpAuthEnabled: true, countryCode: "CH" });
    await addUser(tenancy, { primaryEmail: "c@example.com", otpAuthEnabled: true, countryCode: "AQ" });
    await addUser(tenancy, { primaryEmail: "d@example.com" });
    await addUser(tenancy, { isAnonymous: true, countryCode: "AQ" });
    // Another project's users never count.
    await addUser(await newTenancy(), { primaryEmail: "e@example.com", passwordHash: "$argon2id$x", countryCode: "CH" });

    const metrics = await metricsOf(tenancy);
    expect(metrics.totalUsers).toBe(4);
    expect(metrics.usersByCountry).toEqual({ CH: 2, AQ: 1 });
    expect(metrics.loginMethods).toEqual([
      { method: "otp", count: 2 },
      { method: "password", count: 2 },
    ]);
    const withAnonymous = await metricsOf(tenancy, true);
    expect(withAnonymous.totalUsers).toBe(5);
    expect(withAnonymous.usersByCountry).toEqual({ CH: 2, AQ: 2 });
  });

  it("charts sign-ups and active users per UTC day from sign-ups, last activity and sessions", async () => {
    const tenancy = await newTenancy();
    const ada = await addUser(tenancy, { primaryEmail: "ada@example.com", signedUpAt: daysAgo(3), lastActiveAt: daysAgo(0) });
    const bob = await addUser(tenancy, { primaryEmail: "bob@example.com", signedUpAt: daysAgo(60), lastActiveAt: daysAgo(60) });
    await addSession(tenancy, bob, daysAgo(10), daysAgo(2));
    // Two sessions of one user on the same day count the user once.
    await addSession(tenancy, ada, daysAgo(0, 1), daysAgo(0, 2));
    // An admin impersonating a user is not the user's activity.
    const cy = await addUser(tenancy, { primaryEmail: "cy@example.com", signedUpAt: daysAgo(90), lastActiveAt: daysAgo(90) });
    await addSession(tenancy, cy, daysAgo(5), daysAgo(5), true);
    // Activity before the window is not charted.
    await addSession(tenancy, cy, daysAgo(45), daysAgo(31));
    const anonymous = await addUser(tenancy, { isAnonymous: true, signedUpAt: daysAgo(1) });
    await addSession(tenancy, anonymous, daysAgo(1), daysAgo(1));

    const metrics = await metricsOf(tenancy);
    expect(activityOn(metrics.dailyUsers)).toEqual({ "2026-04-10": 1 });
    expect(activityOn(metrics.dailyActiveUsers)).toEqual({ "2026-04-03": 1, "2026-04-10": 1, "2026-04-11": 1, "2026-04-13": 1 });
    const withAnonymous = await metricsOf(tenancy, true);
    expect(activityOn(withAnonymous.dailyUsers)).toEqual({ "2026-04-10": 1, "2026-04-12": 1 });
    expect(withAnonymous.dailyActiveUsers.find((p) => p.date === "2026-04-12")?.activity).toBe(1);
  });

  it("lists the five newest sign-ups and the five most recently active users, newest first", async () => {
    const tenancy = await newTenancy();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await addUser(tenancy, { primaryEmail: `u${i}@example.com`, signedUpAt: new Date(NOW.getTime() - (7 - i) * DAY), lastActiveAt: new Date(NOW.getTime() - i * DAY) }));
    }
    await addUser(tenancy, { isAnonymous: true, signedUpAt: NOW, lastActiveAt: NOW });
    const metrics = await metricsOf(tenancy);
    expect(metrics.recentlyRegistered.map((u) => u.row.id)).toEqual(ids.slice(2).reverse());
    expect(metrics.recentlyActive.map((u) => u.row.id)).toEqual(ids.slice(0, 5));
    expect((await metricsOf(tenancy, true)).recentlyRegistered[0]?.row.isAnonymous).toBe(true);
  });

  it("answers recent users in the server view", async () => {
    const tenancy = await newTenancy();
    await addUser(tenancy, { primaryEmail: "ada@example.com", primaryEmailVerified: true, displayName: "Ada", countryCode: "GB" });
    const json = toMetricsJson(await metricsOf(tenancy), tenancy.config);
    expect(json.recently_registered[0]).toMatchObject({ primary_email: "ada@example.com", display_name: "Ada", country_code: "GB", is_anonymous: false });
    expect(Object.keys(json).sort()).toEqual(["daily_active_users", "daily_users", "login_methods", "recently_active", "recently_registered", "total_users", "users_by_country"]);
  });
});
