import { z } from "../../lib/zod";
import { listOf } from "./common";

export const sessionResponse = z
  .object({
    id: z.string().uuid(),
    user_id: z.string().uuid(),
    created_at: z.number().int().openapi({ description: "Milliseconds since the epoch (no `_millis` suffix on this object)." }),
    last_used_at: z.number().int().openapi({ description: "Milliseconds since the epoch." }),
    is_impersonation: z.boolean(),
    is_current_session: z.boolean(),
  })
  .strict()
  .openapi("Session");

export const sessionListResponse = listOf(sessionResponse, "SessionList");
