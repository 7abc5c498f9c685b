import { KnownErrors } from "@stackframe/stack-shared";
import { and, count, eq, isNull } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { mfaRecoveryCodes } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { keyedDigestHex, randomBase32 } from "../../lib/crypto";
import type { UserRecord } from "../users/user-record";

// Ours; Stack Auth has no recovery codes. Ten codes of 50 random bits each, shown once, kept only as keyed digests.
export const RECOVERY_CODE_COUNT = 10;
const HALF_LENGTH = 5;
const DIGEST_PURPOSE = "mfa-recovery-code";

/** What a person may type for a code: any case, with or without the dash and spaces. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, "");
}

const digestOf = (serverSecret: string, userId: string, code: string) => keyedDigestHex(serverSecret, DIGEST_PURPOSE, `${userId}:${normalizeRecoveryCode(code)}`);

/**
 * A fresh set of codes for a user with TOTP, replacing every earlier one (used or not), so a leaked old sheet is worth
 * nothing once the user makes a new one.
 */
export async function replaceRecoveryCodes(tx: Tx, tenancy: TenancyRef, user: UserRecord, serverSecret: string): Promise<string[]> {
  if (user.row.totpSecret === null) throw new KnownErrors.MfaNotEnabled();
  const userId = user.row.id;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => `${randomBase32(HALF_LENGTH)}-${randomBase32(HALF_LENGTH)}`);
  await deleteRecoveryCodes(tx, tenancy, userId);
  await insertInTenancy(
    tx,
    tenancy,
    mfaRecoveryCodes,
    codes.map((code) => ({ userId, codeHash: digestOf(serverSecret, userId, code) })),
  );
  return codes;
}

/** Every code of a user goes when the TOTP setup they belong to changes or ends. */
export async function deleteRecoveryCodes(tx: Tx, tenancy: TenancyRef, userId: string): Promise<void> {
  await deleteInTenancy(tx, tenancy, mfaRecoveryCodes, eq(mfaRecoveryCodes.userId, userId));
}

export async function countUnusedRecoveryCodes(db: Database, tenancy: TenancyRef, userId: string): Promise<number> {
  const [row] = await db
    .select({ unused: count() })
    .from(mfaRecoveryCodes)
    .where(inTenancy(tenancy, mfaRecoveryCodes, eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return row?.unused ?? 0;
}

/** Marks one unused code of the user used, in one conditional update: of two concurrent uses only one succeeds. */
export async function spendRecoveryCode(tx: Tx, tenancy: TenancyRef, input: { userId: string; code: string; serverSecret: string }): Promise<boolean> {
  const codeHash = digestOf(input.serverSecret, input.userId, input.code);
  const spent = await updateInTenancy(
    tx,
    tenancy,
    mfaRecoveryCodes,
    { usedAt: new Date() },
    and(eq(mfaRecoveryCodes.userId, input.userId), eq(mfaRecoveryCodes.codeHash, codeHash), isNull(mfaRecoveryCodes.usedAt)),
  ).returning({ id: mfaRecoveryCodes.id });
  return spent.length > 0;
}
