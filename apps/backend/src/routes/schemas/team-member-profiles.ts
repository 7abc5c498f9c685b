import { z } from "../../lib/zod";
import { listOf } from "./common";
import { serverUserResponse } from "./users";

const profileFields = {
  team_id: z.string().uuid(),
  user_id: z.string().uuid(),
  display_name: z.string().nullable().openapi({ description: "The member's name in the team, else the user's own." }),
  profile_image_url: z.string().nullable().openapi({ description: "The member's image in the team, else the user's own." }),
};

export const clientMemberProfileResponse = z.object(profileFields).strict().openapi("ClientTeamMemberProfile");

export const serverMemberProfileResponse = z
  .object({ ...profileFields, user: serverUserResponse })
  .strict()
  .openapi("ServerTeamMemberProfile");

export const memberProfileResponse = z.union([serverMemberProfileResponse, clientMemberProfileResponse]);

export const memberProfileListResponse = listOf(memberProfileResponse, "TeamMemberProfileList");
