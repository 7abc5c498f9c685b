import type { Tx } from "../../db/client";
import type { TenancyRef } from "../../db/tenant-scope";
import { generateVerificationCode, insertVerificationCode } from "../verification/codes";

export const MFA_ATTEMPT_TYPE = "mfa_sign_in" as const;
/** Stack Auth's lifetime of the hand-off between the first factor and the TOTP step. */
const ATTEMPT_LIFETIME_MILLIS = 5 * 60 * 1000;

/** The attempt code a user whose first factor passed takes to /auth/mfa/sign-in; stored hashed, used once. */
export async function startMfaAttempt(db: Tx, tenancy: TenancyRef, userId: string, isNewUser = false): Promise<string> {
  const code = generateVerificationCode();
  await insertVerificationCode(db, tenancy, { type: MFA_ATTEMPT_TYPE, code, data: { user_id: userId, is_new_user: isNewUser }, lifetimeMillis: ATTEMPT_LIFETIME_MILLIS });
  return code;
}
