import type { teams } from "../../db/schema";

type TeamRow = typeof teams.$inferSelect;

export function toClientTeamJson(team: TeamRow) {
  return {
    id: team.id,
    display_name: team.displayName,
    profile_image_url: team.profileImageUrl,
    client_metadata: team.clientMetadata ?? null,
    client_read_only_metadata: team.clientReadOnlyMetadata ?? null,
  };
}

export function toServerTeamJson(team: TeamRow) {
  return { ...toClientTeamJson(team), created_at_millis: team.createdAt.getTime(), server_metadata: team.serverMetadata ?? null };
}
