import { eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { teamMembers, teams } from "../../db/schema";
import { type TenancyRef, inTenancy, updateInTenancy } from "../../db/tenant-scope";

/** What a personal team is called when its user has neither a display name nor an email yet (an anonymous user). */
export const PLACEHOLDER_PERSONAL_TEAM_NAME = "Personal Team";

/** The name of a user's personal team, as Stack Auth's API gives it: after the display name, else the email. */
export function personalTeamName(displayName: string | null | undefined, email: string | null | undefined): string {
  if (displayName) return `${displayName}'s Team`;
  if (email) return `${email}'s Team`;
  return PLACEHOLDER_PERSONAL_TEAM_NAME;
}

/**
 * An anonymous user becomes a regular one: the teams of theirs still carrying the placeholder name (the personal team
 * made at their anonymous sign-up) are renamed after what the account now has. Teams renamed since keep their name.
 */
export async function renamePlaceholderPersonalTeams(tx: Tx, tenancy: TenancyRef, userId: string, name: string): Promise<void> {
  if (name === PLACEHOLDER_PERSONAL_TEAM_NAME) return;
  const memberships = tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(inTenancy(tenancy, teamMembers, eq(teamMembers.userId, userId)));
  await updateInTenancy(tx, tenancy, teams, { displayName: name }, eq(teams.displayName, PLACEHOLDER_PERSONAL_TEAM_NAME), inArray(teams.id, memberships));
}
