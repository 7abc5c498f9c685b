import type { TeamMemberProfileJson } from "@stackframe/stack-shared";

/** How a member appears in one team; the API falls back to the user's own name and picture. */
export type TeamMemberProfile = { readonly displayName: string | null; readonly profileImageUrl: string | null };
export type ServerTeamMemberProfile = TeamMemberProfile;

export type TeamMemberProfileUpdateOptions = { displayName?: string; profileImageUrl?: string | null };

/**
 * The signed-in user's own profile in a team (`user.getTeamProfile(team)`).
 * @example await (await user.getTeamProfile(team)).update({ displayName: "Ada (design)" });
 */
export type EditableTeamMemberProfile = TeamMemberProfile & { update(update: TeamMemberProfileUpdateOptions): Promise<void> };

/** A member of a team as other members see it (`team.listUsers()`). */
export type TeamUser = { readonly id: string; readonly teamProfile: TeamMemberProfile };

export function teamMemberProfileFromJson(json: TeamMemberProfileJson): TeamMemberProfile {
  return { displayName: json.display_name, profileImageUrl: json.profile_image_url };
}

export function teamMemberProfileUpdateToJson(update: TeamMemberProfileUpdateOptions): { display_name?: string; profile_image_url?: string | null } {
  return {
    ...(update.displayName === undefined ? {} : { display_name: update.displayName }),
    ...(update.profileImageUrl === undefined ? {} : { profile_image_url: update.profileImageUrl }),
  };
}

export function teamUserFromJson(json: TeamMemberProfileJson): TeamUser {
  return { id: json.user_id, teamProfile: teamMemberProfileFromJson(json) };
}
