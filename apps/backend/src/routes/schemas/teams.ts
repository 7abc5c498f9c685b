import { z } from "../../lib/zod";
import { listOf, millis } from "./common";

const metadata = () => z.unknown().openapi({ description: "Any JSON value, or null when never set." });

// Shapes are built from field lists rather than `.extend`: an extended strict schema would render as an `allOf`
// whose first part refuses the fields the second adds.
const clientTeamFields = {
  id: z.string().uuid(),
  display_name: z.string(),
  profile_image_url: z.string().nullable(),
  client_metadata: metadata(),
  client_read_only_metadata: metadata(),
};

export const clientTeamResponse = z.object(clientTeamFields).strict().openapi("ClientTeam");

export const serverTeamResponse = z
  .object({ ...clientTeamFields, created_at_millis: millis(), server_metadata: metadata() })
  .strict()
  .openapi("ServerTeam");

/** Clients read the client shape, servers and admins the server one. */
export const teamResponse = z.union([serverTeamResponse, clientTeamResponse]);

export const teamMembershipResponse = z.object({ team_id: z.string().uuid(), user_id: z.string().uuid() }).strict().openapi("TeamMembership");

export const teamInvitationResponse = z
  .object({
    id: z.string().uuid(),
    team_id: z.string().uuid(),
    team_display_name: z.string(),
    expires_at_millis: millis(),
    recipient_email: z.string(),
  })
  .strict()
  .openapi("TeamInvitation");

export const teamInvitationDetailsResponse = z
  .object({ team_id: z.string().uuid(), team_display_name: z.string() })
  .strict()
  .openapi("TeamInvitationDetails");

export const sentTeamInvitationResponse = z.object({ success: z.literal(true), id: z.string().uuid() }).strict().openapi("SentTeamInvitation");

export const teamListResponse = listOf(teamResponse, "TeamList");
export const teamInvitationListResponse = listOf(teamInvitationResponse, "TeamInvitationList");
