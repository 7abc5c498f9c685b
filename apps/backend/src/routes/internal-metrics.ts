import { loadProjectMetrics, toMetricsJson } from "../domain/metrics/metrics";
import { queryBoolean, z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { metricsResponse } from "./schemas/metrics";
import { ADMIN_ACCESS } from "./route-policy";

export const internalMetricsRoutes = [
  defineRoute({
    method: "get",
    path: "/internal/metrics",
    summary: "The project's user figures for the dashboard: totals, the last 31 days, countries, recent users, sign-in methods",
    tags: ["Internal projects"],
    access: ADMIN_ACCESS,
    query: z.object({ include_anonymous: queryBoolean().optional() }).strict(),
    response: { status: 200, description: "The figures; anonymous users are counted only with include_anonymous=true", schema: metricsResponse },
    handler: async ({ c, services, auth, query }) => {
      const metrics = await loadProjectMetrics(services.db, auth.tenancy, { includeAnonymous: query.include_anonymous ?? false });
      return c.json(toMetricsJson(metrics, auth.tenancy.config));
    },
  }),
];
