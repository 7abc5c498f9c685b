import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers, teamMembers } from "../../db/schema";
import { grantDefaultTeamPermissions } from "../permissions/team-permissions";
import type { ResolvedProject } from "../projects/project-cache";

type Membership = { teamId: string; userId: string };

export async function isTeamMember(db: Tx, tenancyId: string, teamId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenancyId, tenancyId), eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  return row !== undefined;
}

export async function requireTeamMember(db: Tx, tenancyId: string, teamId: string, userId: string): Promise<void> {
  if (!(await isTeamMember(db, tenancyId, teamId, userId))) throw new KnownErrors.TeamMembershipNotFound(teamId, userId);
}

/** Adds a member with the project's default permissions for its role; TEAM_MEMBERSHIP_ALREADY_EXISTS if it is one. */
export async function addTeamMember(tx: Tx, project: ResolvedProject, membership: Membership, role: "teamCreator" | "teamMember"): Promise<void> {
  const tenancyId = project.tenancyId!;
  const inserted = await tx
    .insert(teamMembers)
    .values({ tenancyId, ...membership })
    .onConflictDoNothing()
    .returning({ userId: teamMembers.userId });
  if (inserted.length === 0) throw new KnownErrors.TeamMembershipAlreadyExists();
  await grantDefaultTeamPermissions(tx, tenancyId, project.config, membership, role);
}

/** Removes a member with the permissions granted in the team; the team stops being their selected team. */
export async function removeTeamMember(tx: Tx, tenancyId: string, membership: Membership): Promise<void> {
  const deleted = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.tenancyId, tenancyId), eq(teamMembers.teamId, membership.teamId), eq(teamMembers.userId, membership.userId)))
    .returning({ userId: teamMembers.userId });
  if (deleted.length === 0) throw new KnownErrors.TeamMembershipNotFound(membership.teamId, membership.userId);
  await tx
    .update(projectUsers)
    .set({ selectedTeamId: null })
    .where(and(eq(projectUsers.tenancyId, tenancyId), eq(projectUsers.id, membership.userId), eq(projectUsers.selectedTeamId, membership.teamId)));
}

export function listTeamIdsOfUser(db: Tx, tenancyId: string, userId: string) {
  return db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.tenancyId, tenancyId), eq(teamMembers.userId, userId)));
}
