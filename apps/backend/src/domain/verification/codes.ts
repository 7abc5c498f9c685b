import { KnownErrors } from "@stackframe/stack-shared";
import { eq, isNull, sql } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { verificationCodes } from "../../db/schema";
import { type TenancyRef, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { randomBase32, sha256Hex } from "../../lib/crypto";

export type VerificationCodeType =
  | "contact_channel_verification"
  | "password_reset"
  | "otp_sign_in"
  | "team_invitation"
  | "mfa_sign_in"
  | "oauth_flow"
  | "oauth_authorization_code"
  | "passkey_registration"
  | "passkey_authentication";

export const CODE_LENGTH = 45;
const DEFAULT_LIFETIME_MILLIS = 7 * 24 * 3600 * 1000;
// Stack Auth's limits, except for codes a person types: 6 characters fall to guessing fast.
const MAX_ATTEMPTS: Record<VerificationCodeType, number> = {
  contact_channel_verification: 20,
  password_reset: 20,
  otp_sign_in: 5,
  team_invitation: 20,
  // Wrong TOTP codes count here too; the attempt code itself is long and random.
  mfa_sign_in: 10,
  // Both are spent at their first use; the limit only bounds lookups of one leaked value.
  oauth_flow: 5,
  oauth_authorization_code: 5,
  // A WebAuthn challenge is answered once by the browser; a retry starts a new one.
  passkey_registration: 5,
  passkey_authentication: 5,
};
// An OTP is the first 6 characters; the rest is its nonce, and attempts are counted per nonce.
const OTP_LENGTH = 6;

const hashes = (code: string) => {
  const normalized = code.toLowerCase();
  return { codeHash: sha256Hex(normalized), nonceHash: sha256Hex(normalized.slice(OTP_LENGTH)) };
};

export const generateVerificationCode = () => randomBase32(CODE_LENGTH);

/** Stores a new one-time code; only its hashes, so a database leak reveals no usable link. */
export async function insertVerificationCode(
  tx: Tx,
  tenancy: TenancyRef,
  input: { type: VerificationCodeType; code: string; data: Record<string, unknown>; lifetimeMillis?: number },
): Promise<string> {
  const { code } = input;
  const [row] = await insertInTenancy(tx, tenancy, verificationCodes, {
    type: input.type,
    ...hashes(code),
    data: input.data,
    expiresAt: new Date(Date.now() + (input.lifetimeMillis ?? DEFAULT_LIFETIME_MILLIS)),
  }).returning({ id: verificationCodes.id });
  return row!.id;
}

type CodeQuery = { type: VerificationCodeType; code: string };

/**
 * Counts an attempt against every code that shares the nonce, then finds the code and reports, in Stack Auth's order:
 * not found, expired, already used, too many attempts.
 */
async function attempt(tx: Tx, tenancy: TenancyRef, { type, code }: CodeQuery) {
  const { codeHash, nonceHash } = hashes(code);
  await updateInTenancy(
    tx,
    tenancy,
    verificationCodes,
    { attempts: sql`${verificationCodes.attempts} + 1` },
    eq(verificationCodes.type, type),
    eq(verificationCodes.nonceHash, nonceHash),
  );
  const [row] = await tx
    .select()
    .from(verificationCodes)
    .where(inTenancy(tenancy, verificationCodes, eq(verificationCodes.type, type), eq(verificationCodes.codeHash, codeHash)));
  if (!row) throw new KnownErrors.VerificationCodeNotFound();
  if (row.expiresAt.getTime() <= Date.now()) throw new KnownErrors.VerificationCodeExpired();
  if (row.usedAt) throw new KnownErrors.VerificationCodeAlreadyUsed();
  if (row.attempts > MAX_ATTEMPTS[type]) throw new KnownErrors.VerificationCodeMaxAttemptsReached();
  return row;
}

/** A code's row whatever its state, e.g. to revoke what a code already granted when it is presented again. */
export async function findVerificationCodeRow(tx: Tx, tenancy: TenancyRef, { type, code }: CodeQuery) {
  const [row] = await tx
    .select()
    .from(verificationCodes)
    .where(inTenancy(tenancy, verificationCodes, eq(verificationCodes.type, type), eq(verificationCodes.codeHash, hashes(code).codeHash)));
  return row ?? null;
}

/** Validates a code without using it (the `check-code` endpoints). */
export async function checkVerificationCode(tx: Tx, tenancy: TenancyRef, query: CodeQuery): Promise<Record<string, unknown>> {
  return (await attempt(tx, tenancy, query)).data;
}

export type UsableCode = { id: string; tenancy: TenancyRef; data: Record<string, unknown> };

/**
 * Counts an attempt at a code and returns it if it may be used, without using it. Call it outside the transaction that
 * spends the code: a refused attempt must stay counted when that transaction rolls back.
 */
export async function findUsableVerificationCode(db: Tx, tenancy: TenancyRef, query: CodeQuery): Promise<UsableCode> {
  const row = await attempt(db, tenancy, query);
  return { id: row.id, tenancy, data: row.data };
}

/** Marks a code used in one conditional update, so of two concurrent uses only one succeeds. */
export async function spendVerificationCode(tx: Tx, code: UsableCode): Promise<void> {
  const used = await updateInTenancy(tx, code.tenancy, verificationCodes, { usedAt: new Date() }, eq(verificationCodes.id, code.id), isNull(verificationCodes.usedAt)).returning({
    id: verificationCodes.id,
  });
  if (used.length === 0) throw new KnownErrors.VerificationCodeAlreadyUsed();
}

/**
 * Uses a code for what it grants: the attempt is counted on its own, then the code is spent in the same transaction as
 * `act`, so a request refused along the way leaves the code as it was.
 */
export async function redeemVerificationCode<T>(
  db: Database,
  tenancy: TenancyRef,
  query: CodeQuery,
  act: (tx: Tx, data: Record<string, unknown>) => Promise<T>,
): Promise<T> {
  const code = await findUsableVerificationCode(db, tenancy, query);
  return await db.transaction(async (tx) => {
    await spendVerificationCode(tx, code);
    return await act(tx, code.data);
  });
}

/** Spends every unused code of a type issued for a user, e.g. older reset links once a newer one is sent. */
export async function revokeUserVerificationCodes(tx: Tx, tenancy: TenancyRef, input: { type: VerificationCodeType; userId: string }): Promise<void> {
  await updateInTenancy(
    tx,
    tenancy,
    verificationCodes,
    { usedAt: new Date() },
    eq(verificationCodes.type, input.type),
    isNull(verificationCodes.usedAt),
    sql`${verificationCodes.data}->>'user_id' = ${input.userId}`,
  );
}

/** The data of the codes that share a code's nonce: whom a wrong guess at a typed code was aimed at. */
export async function dataOfNonce(tx: Tx, tenancy: TenancyRef, query: CodeQuery): Promise<Record<string, unknown>[]> {
  const { nonceHash } = hashes(query.code);
  const rows = await tx
    .select({ data: verificationCodes.data })
    .from(verificationCodes)
    .where(inTenancy(tenancy, verificationCodes, eq(verificationCodes.type, query.type), eq(verificationCodes.nonceHash, nonceHash)));
  return rows.map((row) => row.data);
}

/**
 * Deletes codes that expired more than a day ago: nothing can use them, and some are made by anyone who asks (passkey
 * challenges, MFA attempts), so they must not pile up. A day later than expiry, so a late attempt still gets
 * VERIFICATION_CODE_EXPIRED rather than NOT_FOUND.
 */
export async function pruneExpiredVerificationCodes(db: Tx): Promise<void> {
  // across tenancies: housekeeping of rows no tenancy can use any more.
  await db.delete(verificationCodes).where(sql`${verificationCodes.expiresAt} < now() - interval '1 day'`);
}
