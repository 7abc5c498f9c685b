import { z } from "../../lib/zod";
import { listOf } from "./common";

export const contactChannelResponse = z
  .object({
    id: z.string().uuid(),
    user_id: z.string().uuid(),
    type: z.literal("email"),
    value: z.string(),
    is_verified: z.boolean(),
    is_primary: z.boolean(),
    used_for_auth: z.boolean(),
  })
  .strict()
  .openapi("ContactChannel");

export const contactChannelListResponse = listOf(contactChannelResponse, "ContactChannelList");
