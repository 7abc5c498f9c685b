import { createHash } from "node:crypto";
import { KnownErrors } from "@stackframe/stack-shared";
import { eq } from "drizzle-orm";
import type { Database, Tx } from "../../db/client";
import { verificationCodes } from "../../db/schema";
import { updateInTenancy } from "../../db/tenant-scope";
import { constantTimeEqual, openSealedString, sealString } from "../../lib/crypto";
import { StatusError } from "../../lib/status-error";
import { startMfaAttempt } from "../auth/mfa-attempts";
import type { Tenancy } from "../projects/tenancy";
import { deleteSession, getSessionByRefreshToken } from "../sessions/sessions";
import type { AccessTokenService } from "../tokens/access-tokens";
import { openSessionFor, signInResponseFor } from "../tokens/issue-tokens";
import { getUserRecord } from "../users/user-record";
import { findUsableVerificationCode, findVerificationCodeRow, generateVerificationCode, insertVerificationCode, spendVerificationCode } from "../verification/codes";

// As short as the app's redirect back and its token request need: the code is in a URL until then.
const CODE_LIFETIME_MILLIS = 5 * 60 * 1000;
const SESSION_SEAL_PURPOSE = "oauth-code-session";
export const PKCE_CHALLENGE = /^[A-Za-z0-9._~-]{43,128}$/;
const PKCE_VERIFIER = /^[A-Za-z0-9._~-]{1,128}$/;

export type CodeGrant = {
  userId: string;
  isNewUser: boolean;
  redirectUri: string;
  codeChallenge: string;
  afterCallbackRedirectUrl: string | null;
  /** Cross-domain hand-off: the code opens this existing session (its refresh token, sealed) instead of a new one. */
  sessionRefreshToken?: string;
};

type StoredGrant = Omit<CodeGrant, "sessionRefreshToken"> & { sealed_session?: string; granted_session_id?: string };

/** The one-time code the app exchanges at /auth/oauth/token, bound to its redirect URI and PKCE challenge (S256). */
export async function issueAuthorizationCode(db: Tx, tenancy: Tenancy, secret: string, grant: CodeGrant): Promise<string> {
  const code = generateVerificationCode();
  const { sessionRefreshToken, ...rest } = grant;
  const data: StoredGrant = { ...rest, ...(sessionRefreshToken ? { sealed_session: sealString(secret, SESSION_SEAL_PURPOSE, sessionRefreshToken) } : {}) };
  await insertVerificationCode(db, tenancy, { type: "oauth_authorization_code", code, data, lifetimeMillis: CODE_LIFETIME_MILLIS });
  return code;
}

const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

export type CodeExchangeResult = {
  access_token: string;
  refresh_token: string;
  is_new_user: boolean;
  after_callback_redirect_url: string | null;
};

/**
 * Exchanges a code for tokens. The code is spent before anything else is checked, so a wrong verifier or redirect URI
 * uses it up (RFC 7636 §4.6); a code presented again also ends the session its first use opened (RFC 6749 §4.1.2).
 */
export async function exchangeAuthorizationCode(
  db: Database,
  tenancy: Tenancy,
  deps: { secret: string; accessTokens: AccessTokenService },
  input: { code: string; redirectUri: string | undefined; codeVerifier: string | undefined },
): Promise<CodeExchangeResult> {
  const query = { type: "oauth_authorization_code" as const, code: input.code };
  let usable: Awaited<ReturnType<typeof findUsableVerificationCode>>;
  try {
    usable = await findUsableVerificationCode(db, tenancy, query);
  } catch (error) {
    if (error instanceof KnownErrors.VerificationCodeAlreadyUsed) await revokeReplayedGrant(db, tenancy, input.code);
    throw new KnownErrors.InvalidAuthorizationCode();
  }
  const spend = async (tx: Tx) => {
    try {
      await spendVerificationCode(tx, usable);
    } catch {
      throw new KnownErrors.InvalidAuthorizationCode();
    }
  };
  const grant = usable.data as unknown as StoredGrant;
  const user = await getUserRecord(db, tenancy, grant.userId);
  const after = grant.afterCallbackRedirectUrl;
  // A refused exchange still uses the code up, so a guessed verifier gets one try.
  const refuse = async (error: Error) => {
    await spend(db);
    throw error;
  };
  if (input.redirectUri !== grant.redirectUri) return await refuse(new StatusError(400, "The redirect_uri is not the one the authorization request used."));
  if (!input.codeVerifier || !PKCE_VERIFIER.test(input.codeVerifier) || !constantTimeEqual(s256(input.codeVerifier), grant.codeChallenge)) {
    return await refuse(new KnownErrors.InvalidAuthorizationCode());
  }
  if (!user) return await refuse(new KnownErrors.InvalidAuthorizationCode());

  if (grant.sealed_session) {
    await spend(db);
    const refreshToken = openSealedString(deps.secret, SESSION_SEAL_PURPOSE, grant.sealed_session);
    const session = refreshToken ? await getSessionByRefreshToken(db, tenancy, refreshToken) : null;
    if (!refreshToken || !session || session.userId !== user.row.id) throw new KnownErrors.InvalidAuthorizationCode();
    const tokens = await signInResponseFor(deps.accessTokens, tenancy, user, { id: session.id, refreshToken });
    return { ...tokens, is_new_user: false, after_callback_redirect_url: after };
  }
  if (user.row.totpSecret !== null) {
    await spend(db);
    throw new KnownErrors.MultiFactorAuthenticationRequired(await startMfaAttempt(db, tenancy, user.row.id, grant.isNewUser));
  }
  // One transaction: the code is spent exactly when its session exists, and the code remembers that session.
  const tokens = await db.transaction(async (tx) => {
    await spend(tx);
    const opened = await openSessionFor(tx, tenancy, user, deps.accessTokens);
    const sessionId = await sessionIdOf(deps.accessTokens, opened.access_token);
    await updateInTenancy(tx, tenancy, verificationCodes, { data: { ...grant, granted_session_id: sessionId } }, eq(verificationCodes.id, usable.id));
    return opened;
  });
  return { ...tokens, is_new_user: grant.isNewUser, after_callback_redirect_url: after };
}

async function sessionIdOf(accessTokens: AccessTokenService, accessToken: string): Promise<string | undefined> {
  const verified = await accessTokens.verify(accessToken);
  return verified.status === "valid" ? verified.claims.refresh_token_id : undefined;
}

async function revokeReplayedGrant(db: Database, tenancy: Tenancy, code: string) {
  const row = await findVerificationCodeRow(db, tenancy, { type: "oauth_authorization_code", code });
  const grant = row?.data as StoredGrant | undefined;
  if (grant?.granted_session_id) await deleteSession(db, tenancy, grant.granted_session_id);
}
