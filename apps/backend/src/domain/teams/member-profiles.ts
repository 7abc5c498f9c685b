import { KnownErrors } from "@stackframe/stack-shared";
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { projectUsers, teamMembers } from "../../db/schema";
import { type TenancyRef, inTenancy, updateInTenancy } from "../../db/tenant-scope";
import type { ProjectConfig } from "../projects/config";
import { toServerUserJson } from "../users/user-json";
import { type UserRecord, joinUserRecordParts, userRecordColumns } from "../users/user-record";

type MemberRow = typeof teamMembers.$inferSelect;
export type MemberProfile = { member: MemberRow; user: UserRecord };

/** Members with their users, in joining order; one statement. */
export async function listMemberProfiles(db: Tx, tenancy: TenancyRef, filter: { teamId?: string; userId?: string }): Promise<MemberProfile[]> {
  const conditions: SQL[] = [];
  if (filter.teamId) conditions.push(eq(teamMembers.teamId, filter.teamId));
  if (filter.userId) conditions.push(eq(teamMembers.userId, filter.userId));
  const rows = await joinUserRecordParts(db.select({ ...userRecordColumns, member: teamMembers }).from(projectUsers).$dynamic())
    .innerJoin(teamMembers, and(eq(teamMembers.tenancyId, projectUsers.tenancyId), eq(teamMembers.userId, projectUsers.id)))
    .where(inTenancy(tenancy, projectUsers, ...conditions))
    .orderBy(asc(teamMembers.createdAt), asc(teamMembers.userId));
  return rows.map(({ member, ...user }) => ({ member, user }));
}

export async function requireMemberProfile(db: Tx, tenancy: TenancyRef, teamId: string, userId: string): Promise<MemberProfile> {
  const [profile] = await listMemberProfiles(db, tenancy, { teamId, userId });
  if (!profile) throw new KnownErrors.TeamMembershipNotFound(teamId, userId);
  return profile;
}

export async function updateMemberProfile(
  db: Tx,
  tenancy: TenancyRef,
  profile: MemberProfile,
  fields: { displayName?: string; profileImageUrl?: string | null },
): Promise<MemberProfile> {
  const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length === 0) return profile;
  const { member } = profile;
  const [row] = await updateInTenancy(db, tenancy, teamMembers, changes, eq(teamMembers.teamId, member.teamId), eq(teamMembers.userId, member.userId)).returning();
  return { ...profile, member: row! };
}

/** A member's name and image in a team, falling back to the user's own. */
export function toClientMemberProfileJson({ member, user }: MemberProfile) {
  return {
    team_id: member.teamId,
    user_id: member.userId,
    display_name: member.displayName ?? user.row.displayName,
    profile_image_url: member.profileImageUrl ?? user.row.profileImageUrl,
  };
}

export function toServerMemberProfileJson(profile: MemberProfile, config: ProjectConfig) {
  return { ...toClientMemberProfileJson(profile), user: toServerUserJson(profile.user, config) };
}
