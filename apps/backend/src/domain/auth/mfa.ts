import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { projectUsers } from "../../db/schema";
import { updateInTenancy } from "../../db/tenant-scope";
import { openSealedString, sealString } from "../../lib/crypto";
import { decodeTotpSecret, matchTotpStep } from "../../lib/totp";
import type { Tenancy } from "../projects/tenancy";
import type { AccessTokenService } from "../tokens/access-tokens";
import { openSessionFor } from "../tokens/issue-tokens";
import { getUserRecord } from "../users/user-record";
import { findUsableVerificationCode, spendVerificationCode } from "../verification/codes";
import { MFA_ATTEMPT_TYPE } from "./mfa-attempts";
import { spendRecoveryCode } from "./recovery-codes";
import { clearSignInFailures, recordSignInFailure, requireSignInAllowed } from "./sign-in-guard";

const TOTP_SEAL_PURPOSE = "totp-secret";

export function sealTotpSecret(serverSecret: string, base64: string): string {
  return sealString(serverSecret, TOTP_SEAL_PURPOSE, base64);
}

function openTotpSecret(serverSecret: string, sealed: string): Buffer | null {
  const base64 = openSealedString(serverSecret, TOTP_SEAL_PURPOSE, sealed);
  return base64 === null ? null : decodeTotpSecret(base64);
}

export type MfaDeps = { accessTokens: AccessTokenService; serverSecret: string; clientIp: string | null };

export type MfaAnswer = { type: "totp"; totp: string } | { type: "recovery_code"; recovery_code: string };

/**
 * The second step of a sign-in for a user with TOTP: the attempt code from the first factor and either a current code
 * from the authenticator or one of the user's recovery codes. A wrong answer counts against the attempt (which stays
 * usable until its limit) and against the user's guessing pause; a right one is accepted once, a TOTP code even within
 * its 30 seconds.
 */
export async function signInWithMfa(db: Database, tenancy: Tenancy, input: { code: string } & MfaAnswer, deps: MfaDeps) {
  const attempt = await findUsableVerificationCode(db, tenancy, { type: MFA_ATTEMPT_TYPE, code: input.code });
  const userId = String(attempt.data.user_id);
  const user = await getUserRecord(db, tenancy, userId);
  const secret = user?.row.totpSecret ? openTotpSecret(deps.serverSecret, user.row.totpSecret) : null;
  // TOTP turned off (or the user deleted) since the first factor: the attempt leads nowhere.
  if (!user || !secret) throw new KnownErrors.VerificationCodeNotFound();
  // TOTP codes and recovery codes are guessed at the same step, so they share one count.
  const guess = { identifier: `totp:${userId}`, clientIp: deps.clientIp };
  const guard = tenancy.config.auth.signInGuard;
  await requireSignInAllowed(db, tenancy, guess, guard);
  const accept = async (tx: Tx): Promise<boolean> => {
    if (input.type === "recovery_code") return await spendRecoveryCode(tx, tenancy, { userId, code: input.recovery_code, serverSecret: deps.serverSecret });
    const step = matchTotpStep(secret, input.totp);
    if (step === null) return false;
    // Only a step later than the last one accepted moves the marker: a replayed code finds nothing to update.
    const accepted = await updateInTenancy(
      tx,
      tenancy,
      projectUsers,
      { totpLastUsedStep: step },
      and(eq(projectUsers.id, userId), or(isNull(projectUsers.totpLastUsedStep), lt(projectUsers.totpLastUsedStep, step))),
    ).returning({ id: projectUsers.id });
    return accepted.length > 0;
  };
  const response = await db.transaction(async (tx) => {
    if (!(await accept(tx))) return null;
    await spendVerificationCode(tx, attempt);
    await clearSignInFailures(tx, tenancy, guess.identifier);
    return await openSessionFor(tx, tenancy, user, deps.accessTokens);
  });
  if (response === null) {
    await recordSignInFailure(db, tenancy, guess, guard);
    throw input.type === "recovery_code" ? new KnownErrors.InvalidMfaRecoveryCode() : new KnownErrors.InvalidTotpCode();
  }
  return { ...response, is_new_user: attempt.data.is_new_user === true };
}
