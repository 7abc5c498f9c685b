import { KnownErrors } from "@stackframe/stack-shared";
import { asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { contactChannels, verificationCodes } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, updateInTenancy } from "../../db/tenant-scope";
import { linkWithCode, queueCodeEmail } from "../emails/code-emails";
import { renderTeamInvitationEmail } from "../emails/render";
import type { Tenancy } from "../projects/tenancy";
import { normalizeEmail } from "../users/emails";
import { type UserRecord, restrictedReasonOf } from "../users/user-record";
import { checkVerificationCode, generateVerificationCode, redeemVerificationCode } from "../verification/codes";
import { isTeamMember } from "./member-checks";
import { addTeamMember } from "./memberships";
import { type TeamRow, getTeamsByIds, requireTeam } from "./teams";

const CODE_TYPE = "team_invitation" as const;
type InvitationData = { team_id: string; recipient_email: string };
type InvitationRow = typeof verificationCodes.$inferSelect;

/** Emails an invitation (a code, valid 7 days) to join a team; `callbackUrl` must already be a trusted URL. */
export async function sendTeamInvitation(tx: Tx, tenancy: Tenancy, input: { team: TeamRow; email: string; callbackUrl: string }): Promise<string> {
  const code = generateVerificationCode();
  const recipient = normalizeEmail(input.email);
  const email = await renderTeamInvitationEmail(tenancy, input.team.displayName, linkWithCode(input.callbackUrl, code));
  const data: InvitationData = { team_id: input.team.id, recipient_email: recipient };
  return queueCodeEmail(tx, tenancy, { type: CODE_TYPE, code, data, kind: "team_invitation", to: recipient, email });
}

const pending = () => [eq(verificationCodes.type, CODE_TYPE), isNull(verificationCodes.usedAt), gt(verificationCodes.expiresAt, new Date())];

/** Pending invitations of a team, or addressed to any of the given emails. */
export async function listTeamInvitations(db: Tx, tenancy: TenancyRef, filter: { teamId: string } | { emails: string[] }) {
  if ("emails" in filter && filter.emails.length === 0) return [];
  const match =
    "teamId" in filter
      ? sql`${verificationCodes.data}->>'team_id' = ${filter.teamId}`
      : inArray(sql`${verificationCodes.data}->>'recipient_email'`, filter.emails);
  const rows = await db.select().from(verificationCodes).where(inTenancy(tenancy, verificationCodes, ...pending(), match)).orderBy(asc(verificationCodes.createdAt));
  const teams = await getTeamsByIds(db, tenancy, [...new Set(rows.map((row) => (row.data as InvitationData).team_id))]);
  return rows.flatMap((row) => {
    const team = teams.get((row.data as InvitationData).team_id);
    return team ? [toInvitationJson(row, team)] : [];
  });
}

function toInvitationJson(row: InvitationRow, team: TeamRow) {
  const data = row.data as InvitationData;
  return { id: row.id, team_id: team.id, team_display_name: team.displayName, expires_at_millis: row.expiresAt.getTime(), recipient_email: data.recipient_email };
}

export async function revokeTeamInvitation(db: Tx, tenancy: TenancyRef, teamId: string, invitationId: string): Promise<void> {
  await deleteInTenancy(
    db,
    tenancy,
    verificationCodes,
    eq(verificationCodes.type, CODE_TYPE),
    eq(verificationCodes.id, invitationId),
    sql`${verificationCodes.data}->>'team_id' = ${teamId}`,
  );
}

function requireUnrestricted(tenancy: Tenancy, user: UserRecord): void {
  const reason = restrictedReasonOf(user, tenancy.config);
  if (reason) throw new KnownErrors.TeamInvitationRestrictedUserNotAllowed(reason);
}

async function joinInvitedTeam(tx: Tx, tenancy: Tenancy, teamId: string, userId: string): Promise<void> {
  await requireTeam(tx, tenancy, teamId);
  // Accepting an invitation to a team one already belongs to is a no-op, not an error.
  if (!(await isTeamMember(tx, tenancy, teamId, userId))) await addTeamMember(tx, tenancy, { teamId, userId }, "teamMember");
}

/**
 * Adds the signed-in user to the code's team, spending the code in the same transaction. Whoever holds the code may
 * accept it.
 */
export async function acceptTeamInvitationCode(db: Database, tenancy: Tenancy, user: UserRecord, code: string): Promise<void> {
  requireUnrestricted(tenancy, user);
  await redeemVerificationCode(db, tenancy, { type: CODE_TYPE, code }, (tx, data) =>
    joinInvitedTeam(tx, tenancy, (data as InvitationData).team_id, user.row.id),
  );
}

/** Accepts a pending invitation by id, for a user with a verified email equal to its recipient. */
export async function acceptTeamInvitationById(tx: Tx, tenancy: Tenancy, user: UserRecord, invitationId: string, options: { checkRestricted: boolean }): Promise<void> {
  if (options.checkRestricted) requireUnrestricted(tenancy, user);
  const emails = await verifiedEmailsOf(tx, tenancy, user.row.id);
  const [row] = await updateInTenancy(
    tx,
    tenancy,
    verificationCodes,
    { usedAt: new Date() },
    eq(verificationCodes.id, invitationId),
    ...pending(),
    inArray(sql`${verificationCodes.data}->>'recipient_email'`, emails.length ? emails : [""]),
  ).returning();
  if (!row) throw new KnownErrors.VerificationCodeNotFound();
  await joinInvitedTeam(tx, tenancy, (row.data as InvitationData).team_id, user.row.id);
}

export async function teamInvitationDetails(db: Tx, tenancy: Tenancy, code: string) {
  const data = (await checkVerificationCode(db, tenancy, { type: CODE_TYPE, code })) as InvitationData;
  const team = await requireTeam(db, tenancy, data.team_id);
  return { team_id: team.id, team_display_name: team.displayName };
}

export async function checkTeamInvitationCode(db: Tx, tenancy: Tenancy, code: string): Promise<void> {
  await checkVerificationCode(db, tenancy, { type: CODE_TYPE, code });
}

export async function verifiedEmailsOf(db: Tx, tenancy: TenancyRef, userId: string): Promise<string[]> {
  const rows = await db
    .select({ value: contactChannels.value })
    .from(contactChannels)
    .where(inTenancy(tenancy, contactChannels, eq(contactChannels.userId, userId), eq(contactChannels.type, "email"), eq(contactChannels.isVerified, true)));
  return rows.map((row) => row.value);
}
