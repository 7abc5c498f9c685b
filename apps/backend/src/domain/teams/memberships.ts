import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers, teamMembers } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { grantDefaultTeamPermissions } from "../permissions/team-permissions";
import type { Tenancy } from "../projects/tenancy";
import { emitWebhookEvent } from "../webhooks/events";

type Membership = { teamId: string; userId: string };

/** Adds a member with the project's default permissions for its role; TEAM_MEMBERSHIP_ALREADY_EXISTS if it is one. */
export async function addTeamMember(tx: Tx, tenancy: Tenancy, membership: Membership, role: "teamCreator" | "teamMember"): Promise<void> {
  const inserted = await insertInTenancy(tx, tenancy, teamMembers, membership).onConflictDoNothing().returning({ userId: teamMembers.userId });
  if (inserted.length === 0) throw new KnownErrors.TeamMembershipAlreadyExists();
  await emitWebhookEvent(tx, tenancy, "team_membership.created", { team_id: membership.teamId, user_id: membership.userId });
  await grantDefaultTeamPermissions(tx, tenancy, membership, role);
}

/** Removes a member with the permissions granted in the team; the team stops being their selected team. */
export async function removeTeamMember(tx: Tx, tenancy: Tenancy, membership: Membership): Promise<void> {
  const deleted = await deleteInTenancy(tx, tenancy, teamMembers, eq(teamMembers.teamId, membership.teamId), eq(teamMembers.userId, membership.userId)).returning({
    userId: teamMembers.userId,
  });
  if (deleted.length === 0) throw new KnownErrors.TeamMembershipNotFound(membership.teamId, membership.userId);
  await emitWebhookEvent(tx, tenancy, "team_membership.deleted", { team_id: membership.teamId, user_id: membership.userId });
  await updateInTenancy(
    tx,
    tenancy,
    projectUsers,
    { selectedTeamId: null },
    eq(projectUsers.id, membership.userId),
    eq(projectUsers.selectedTeamId, membership.teamId),
  );
}

export function listTeamIdsOfUser(db: Tx, tenancy: TenancyRef, userId: string) {
  return db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(inTenancy(tenancy, teamMembers, eq(teamMembers.userId, userId)));
}
