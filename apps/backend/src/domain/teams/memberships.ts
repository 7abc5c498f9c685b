import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers, teamMembers } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { grantDefaultTeamPermissions } from "../permissions/team-permissions";
import type { Tenancy } from "../projects/tenancy";
import { emitWebhookEvent, emitWebhookEvents } from "../webhooks/events";
import { emitUserUpdated } from "../webhooks/payloads";

export type Membership = { teamId: string; userId: string };

const membershipData = (membership: Membership) => ({ team_id: membership.teamId, user_id: membership.userId });

/**
 * Adds a member with the project's default permissions for its role; TEAM_MEMBERSHIP_ALREADY_EXISTS if it is one.
 * team_membership.created comes first, then one team_permission.created per default grant.
 */
export async function addTeamMember(tx: Tx, tenancy: Tenancy, membership: Membership, role: "teamCreator" | "teamMember"): Promise<void> {
  const inserted = await insertInTenancy(tx, tenancy, teamMembers, membership).onConflictDoNothing().returning({ userId: teamMembers.userId });
  if (inserted.length === 0) throw new KnownErrors.TeamMembershipAlreadyExists();
  const granted = await grantDefaultTeamPermissions(tx, tenancy, membership, role);
  await emitWebhookEvents(tx, tenancy, [
    { type: "team_membership.created", data: membershipData(membership) },
    ...granted.map((id) => ({ type: "team_permission.created" as const, data: { id, ...membershipData(membership) } })),
  ]);
}

/**
 * Deletes every membership of a team or of a user that is being deleted, for their team_membership.deleted events,
 * oldest first. The caller has locked the team's or user's row first: a member added meanwhile then waits for the
 * deletion and finds nothing to join, instead of going with the cascade unannounced. The grants in the team go with
 * each membership, without events of their own, as when a member is removed.
 */
export async function deleteMembershipsOf(tx: Tx, tenancy: Tenancy, of: { teamId: string } | { userId: string }): Promise<Membership[]> {
  const where = "teamId" in of ? eq(teamMembers.teamId, of.teamId) : eq(teamMembers.userId, of.userId);
  const deleted = await deleteInTenancy(tx, tenancy, teamMembers, where).returning({
    teamId: teamMembers.teamId,
    userId: teamMembers.userId,
    createdAt: teamMembers.createdAt,
  });
  deleted.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.teamId.localeCompare(b.teamId) || a.userId.localeCompare(b.userId));
  return deleted.map(({ teamId, userId }) => ({ teamId, userId }));
}

export function membershipDeletedEvents(memberships: Membership[]) {
  return memberships.map((membership) => ({ type: "team_membership.deleted" as const, data: membershipData(membership) }));
}

/**
 * Removes a member with the permissions granted in the team; the team stops being their selected team, which
 * changes their server view: user.updated follows team_membership.deleted then.
 */
export async function removeTeamMember(tx: Tx, tenancy: Tenancy, membership: Membership): Promise<void> {
  const deleted = await deleteInTenancy(tx, tenancy, teamMembers, eq(teamMembers.teamId, membership.teamId), eq(teamMembers.userId, membership.userId)).returning({
    userId: teamMembers.userId,
  });
  if (deleted.length === 0) throw new KnownErrors.TeamMembershipNotFound(membership.teamId, membership.userId);
  await emitWebhookEvent(tx, tenancy, "team_membership.deleted", membershipData(membership));
  const unselected = await updateInTenancy(
    tx,
    tenancy,
    projectUsers,
    { selectedTeamId: null },
    eq(projectUsers.id, membership.userId),
    eq(projectUsers.selectedTeamId, membership.teamId),
  ).returning({ id: projectUsers.id });
  if (unselected.length > 0) await emitUserUpdated(tx, tenancy, membership.userId);
}

export function listTeamIdsOfUser(db: Tx, tenancy: TenancyRef, userId: string) {
  return db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(inTenancy(tenancy, teamMembers, eq(teamMembers.userId, userId)));
}
