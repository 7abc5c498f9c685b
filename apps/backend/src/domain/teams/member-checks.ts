import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { teamMembers } from "../../db/schema";
import { type TenancyRef, inTenancy } from "../../db/tenant-scope";

export async function isTeamMember(db: Tx, tenancy: TenancyRef, teamId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(inTenancy(tenancy, teamMembers, eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  return row !== undefined;
}

export async function requireTeamMember(db: Tx, tenancy: TenancyRef, teamId: string, userId: string): Promise<void> {
  if (!(await isTeamMember(db, tenancy, teamId, userId))) throw new KnownErrors.TeamMembershipNotFound(teamId, userId);
}
