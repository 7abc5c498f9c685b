import { KnownErrors } from "@stackframe/stack-shared";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { contactChannels, verificationCodes } from "../../db/schema";
import { linkWithCode, queueCodeEmail } from "../emails/code-emails";
import { renderTeamInvitationEmail } from "../emails/render";
import type { ResolvedProject } from "../projects/project-cache";
import { normalizeEmail } from "../users/emails";
import { type UserRecord, restrictedReasonOf } from "../users/user-record";
import { checkVerificationCode, generateVerificationCode, redeemVerificationCode } from "../verification/codes";
import { addTeamMember, isTeamMember } from "./memberships";
import { type TeamRow, getTeamsByIds, requireTeam } from "./teams";

const CODE_TYPE = "team_invitation" as const;
type InvitationData = { team_id: string; recipient_email: string };
type InvitationRow = typeof verificationCodes.$inferSelect;

/** Emails an invitation (a code, valid 7 days) to join a team; `callbackUrl` must already be a trusted URL. */
export async function sendTeamInvitation(tx: Tx, project: ResolvedProject, input: { team: TeamRow; email: string; callbackUrl: string }): Promise<string> {
  const code = generateVerificationCode();
  const recipient = normalizeEmail(input.email);
  const email = await renderTeamInvitationEmail(project, input.team.displayName, linkWithCode(input.callbackUrl, code));
  const data: InvitationData = { team_id: input.team.id, recipient_email: recipient };
  return queueCodeEmail(tx, project, { type: CODE_TYPE, code, data, kind: "team_invitation", to: recipient, email });
}

const pending = (tenancyId: string) =>
  and(eq(verificationCodes.tenancyId, tenancyId), eq(verificationCodes.type, CODE_TYPE), isNull(verificationCodes.usedAt), gt(verificationCodes.expiresAt, new Date()));

/** Pending invitations of a team, or addressed to any of the given emails. */
export async function listTeamInvitations(db: Tx, tenancyId: string, filter: { teamId: string } | { emails: string[] }) {
  if ("emails" in filter && filter.emails.length === 0) return [];
  const match =
    "teamId" in filter
      ? sql`${verificationCodes.data}->>'team_id' = ${filter.teamId}`
      : inArray(sql`${verificationCodes.data}->>'recipient_email'`, filter.emails);
  const rows = await db.select().from(verificationCodes).where(and(pending(tenancyId), match)).orderBy(asc(verificationCodes.createdAt));
  const teams = await getTeamsByIds(db, tenancyId, [...new Set(rows.map((row) => (row.data as InvitationData).team_id))]);
  return rows.flatMap((row) => {
    const team = teams.get((row.data as InvitationData).team_id);
    return team ? [toInvitationJson(row, team)] : [];
  });
}

function toInvitationJson(row: InvitationRow, team: TeamRow) {
  const data = row.data as InvitationData;
  return { id: row.id, team_id: team.id, team_display_name: team.displayName, expires_at_millis: row.expiresAt.getTime(), recipient_email: data.recipient_email };
}

export async function revokeTeamInvitation(db: Tx, tenancyId: string, teamId: string, invitationId: string): Promise<void> {
  await db
    .delete(verificationCodes)
    .where(and(eq(verificationCodes.tenancyId, tenancyId), eq(verificationCodes.type, CODE_TYPE), eq(verificationCodes.id, invitationId), sql`${verificationCodes.data}->>'team_id' = ${teamId}`));
}

function requireUnrestricted(project: ResolvedProject, user: UserRecord): void {
  const reason = restrictedReasonOf(user, project.config);
  if (reason) throw new KnownErrors.TeamInvitationRestrictedUserNotAllowed(reason);
}

async function joinInvitedTeam(tx: Tx, project: ResolvedProject, teamId: string, userId: string): Promise<void> {
  const tenancyId = project.tenancyId!;
  await requireTeam(tx, tenancyId, teamId);
  // Accepting an invitation to a team one already belongs to is a no-op, not an error.
  if (!(await isTeamMember(tx, tenancyId, teamId, userId))) await addTeamMember(tx, project, { teamId, userId }, "teamMember");
}

/**
 * Adds the signed-in user to the code's team, spending the code in the same transaction. Whoever holds the code may
 * accept it.
 */
export async function acceptTeamInvitationCode(db: Database, project: ResolvedProject, user: UserRecord, code: string): Promise<void> {
  requireUnrestricted(project, user);
  await redeemVerificationCode(db, { tenancyId: project.tenancyId!, type: CODE_TYPE, code }, (tx, data) =>
    joinInvitedTeam(tx, project, (data as InvitationData).team_id, user.row.id),
  );
}

/** Accepts a pending invitation by id, for a user with a verified email equal to its recipient. */
export async function acceptTeamInvitationById(tx: Tx, project: ResolvedProject, user: UserRecord, invitationId: string, options: { checkRestricted: boolean }): Promise<void> {
  if (options.checkRestricted) requireUnrestricted(project, user);
  const tenancyId = project.tenancyId!;
  const emails = await verifiedEmailsOf(tx, tenancyId, user.row.id);
  const [row] = await tx
    .update(verificationCodes)
    .set({ usedAt: new Date() })
    .where(and(pending(tenancyId), eq(verificationCodes.id, invitationId), inArray(sql`${verificationCodes.data}->>'recipient_email'`, emails.length ? emails : [""])))
    .returning();
  if (!row) throw new KnownErrors.VerificationCodeNotFound();
  await joinInvitedTeam(tx, project, (row.data as InvitationData).team_id, user.row.id);
}

export async function teamInvitationDetails(db: Tx, project: ResolvedProject, code: string) {
  const data = (await checkVerificationCode(db, { tenancyId: project.tenancyId!, type: CODE_TYPE, code })) as InvitationData;
  const team = await requireTeam(db, project.tenancyId!, data.team_id);
  return { team_id: team.id, team_display_name: team.displayName };
}

export async function checkTeamInvitationCode(db: Tx, project: ResolvedProject, code: string): Promise<void> {
  await checkVerificationCode(db, { tenancyId: project.tenancyId!, type: CODE_TYPE, code });
}

export async function verifiedEmailsOf(db: Tx, tenancyId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ value: contactChannels.value })
    .from(contactChannels)
    .where(and(eq(contactChannels.tenancyId, tenancyId), eq(contactChannels.userId, userId), eq(contactChannels.type, "email"), eq(contactChannels.isVerified, true)));
  return rows.map((row) => row.value);
}
