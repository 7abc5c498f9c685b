import { z } from "../../lib/zod";
import { serverUserResponse } from "./users";

const dataPoints = () =>
  z
    .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), activity: z.number().int().min(0) }).strict())
    .openapi({ description: "One point per UTC day, oldest first: today and the 30 days before it." });

export const metricsResponse = z
  .object({
    total_users: z.number().int().min(0),
    daily_users: dataPoints().openapi({ description: "Sign-ups per UTC day." }),
    daily_active_users: dataPoints().openapi({
      description: "Users with recorded activity per UTC day (signing up, their last activity, the creation and last use of a session): a lower bound.",
    }),
    users_by_country: z.record(z.string(), z.number().int().min(0)).openapi({ description: "ISO 3166-1 alpha-2 code → users; users with no known country are left out." }),
    recently_registered: z.array(serverUserResponse),
    recently_active: z.array(serverUserResponse),
    login_methods: z
      .array(z.object({ method: z.string(), count: z.number().int().min(0) }).strict())
      .openapi({ description: "Users per sign-in method (`password`, `otp`); a user with both counts under each." }),
  })
  .strict()
  .openapi("ProjectMetrics");
