import { KnownErrors } from "@stackframe/stack-shared";
import { eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { cliAuthAttempts, sessions } from "../../db/schema";
import { type TenancyRef, deleteInTenancy, inTenancy, insertInTenancy, updateInTenancy } from "../../db/tenant-scope";
import { openSealedString, randomBase32, sealString, sha256Hex } from "../../lib/crypto";
import { StatusError } from "../../lib/status-error";
import type { Tenancy } from "../projects/tenancy";
import { getSessionByRefreshToken } from "../sessions/sessions";
import type { AccessTokenService } from "../tokens/access-tokens";
import { signInResponseFor } from "../tokens/issue-tokens";
import { getUserRecord } from "../users/user-record";

const CODE_LENGTH = 45;
export const MAX_CLI_LIFETIME_MILLIS = 86_400_000;
const DEFAULT_CLI_LIFETIME_MILLIS = 7_200_000;
const SEALED_TOKEN_PURPOSE = "cli-refresh-token";
const SEALED_ANON_TOKEN_PURPOSE = "cli-anon-refresh-token";

/** The attempt row holds the browser's refresh token until the CLI polls it, sealed with the server secret, so the database never has it in the clear. */
export type CliAuthDeps = { serverSecret: string; idleTimeoutSeconds: number | null; accessTokens: AccessTokenService };

function unsealRefreshToken(serverSecret: string, stored: string): string {
  const opened = openSealedString(serverSecret, SEALED_TOKEN_PURPOSE, stored);
  if (opened !== null) return opened;
  // Attempts approved before tokens were sealed hold them as they are (base32 never contains the separator).
  if (/^[a-z2-7]{45}$/.test(stored)) return stored;
  throw new Error("A CLI attempt holds a refresh token sealed under another server secret.");
}

/** Starts a CLI login: the CLI keeps the polling code, the browser gets the login code in a link. */
export async function startCliLogin(
  db: Database,
  tenancy: Tenancy,
  input: { expiresInMillis?: number; anonRefreshToken?: string },
  deps: { serverSecret: string; idleTimeoutSeconds: number | null },
) {
  const { idleTimeoutSeconds } = deps;
  let anonSessionId: string | null = null;
  if (input.anonRefreshToken !== undefined) {
    const session = await getSessionByRefreshToken(db, tenancy, input.anonRefreshToken, idleTimeoutSeconds);
    const user = session && (await getUserRecord(db, tenancy, session.userId));
    if (!session || !user?.row.isAnonymous) throw new StatusError(400, "The anonymous refresh token is invalid, expired, or not an anonymous user's of this project.");
    anonSessionId = session.id;
  }
  const pollingCode = randomBase32(CODE_LENGTH);
  const loginCode = randomBase32(CODE_LENGTH);
  const expiresAt = new Date(Date.now() + (input.expiresInMillis ?? DEFAULT_CLI_LIFETIME_MILLIS));
  const anonRefreshToken = anonSessionId && input.anonRefreshToken ? sealString(deps.serverSecret, SEALED_ANON_TOKEN_PURPOSE, input.anonRefreshToken) : null;
  await insertInTenancy(db, tenancy, cliAuthAttempts, {
    pollingCodeHash: sha256Hex(pollingCode),
    loginCodeHash: sha256Hex(loginCode),
    anonSessionId,
    anonRefreshToken,
    expiresAt,
  });
  return { polling_code: pollingCode, login_code: loginCode, expires_at: expiresAt.toISOString() };
}

/** The CLI's poll: waiting, expired, used, or (once) the refresh token the browser approved it with. */
export async function pollCliLogin(db: Database, tenancy: Tenancy, pollingCode: string, serverSecret: string) {
  const [attempt] = await db
    .select()
    .from(cliAuthAttempts)
    .where(inTenancy(tenancy, cliAuthAttempts, eq(cliAuthAttempts.pollingCodeHash, sha256Hex(pollingCode))));
  if (!attempt) throw new KnownErrors.InvalidPollingCode();
  if (attempt.usedAt) return { status: "used" as const };
  if (attempt.expiresAt.getTime() <= Date.now()) return { status: "expired" as const };
  if (attempt.refreshToken === null) return { status: "waiting" as const };
  // Handed out once: the conditional update decides between concurrent polls, and the token leaves the table.
  const [claimed] = await updateInTenancy(
    db,
    tenancy,
    cliAuthAttempts,
    { usedAt: new Date(), refreshToken: null },
    eq(cliAuthAttempts.id, attempt.id),
    isNull(cliAuthAttempts.usedAt),
  ).returning({ id: cliAuthAttempts.id });
  if (!claimed) return { status: "used" as const };
  return { status: "success" as const, refresh_token: unsealRefreshToken(serverSecret, attempt.refreshToken) };
}

const invalidLoginCode = () => new StatusError(400, "Invalid login code or the code has expired");

/** An attempt still waiting for its browser: not approved yet (a second approval is refused), not polled, not expired. */
const pendingAttempt = () => [isNull(cliAuthAttempts.refreshToken), isNull(cliAuthAttempts.usedAt), gt(cliAuthAttempts.expiresAt, new Date())];

async function openAttempt(db: Database, tenancy: TenancyRef, loginCode: string) {
  const [attempt] = await db
    .select()
    .from(cliAuthAttempts)
    .where(inTenancy(tenancy, cliAuthAttempts, eq(cliAuthAttempts.loginCodeHash, sha256Hex(loginCode)), ...pendingAttempt()));
  if (!attempt) throw invalidLoginCode();
  return attempt;
}

type CliAttempt = typeof cliAuthAttempts.$inferSelect;

/** The CLI's anonymous session, while it is still live and its user still anonymous, with its refresh token. */
async function cliAnonymousSession(db: Database, tenancy: Tenancy, attempt: CliAttempt, deps: CliAuthDeps) {
  if (!attempt.anonSessionId || !attempt.anonRefreshToken) return null;
  const refreshToken = openSealedString(deps.serverSecret, SEALED_ANON_TOKEN_PURPOSE, attempt.anonRefreshToken);
  const session = refreshToken && (await getSessionByRefreshToken(db, tenancy, refreshToken, deps.idleTimeoutSeconds));
  if (!refreshToken || !session || session.id !== attempt.anonSessionId) return null;
  const user = await getUserRecord(db, tenancy, session.userId);
  return user?.row.isAnonymous ? { session, user, refreshToken } : null;
}

export type CliCompleteMode = "check" | "claim-anon-session" | "complete";

/** Hands the CLI's anonymous session to the browser, once: the same session, its refresh token included. */
async function claimAnonymousSession(db: Database, tenancy: Tenancy, attempt: CliAttempt, deps: CliAuthDeps) {
  const noSession = () => new StatusError(400, "No anonymous session associated with this code");
  const anonymous = await cliAnonymousSession(db, tenancy, attempt, deps);
  if (!anonymous) throw noSession();
  // One-shot: the conditional update decides between two browsers claiming at once.
  const [claimed] = await updateInTenancy(
    db,
    tenancy,
    cliAuthAttempts,
    { anonSessionId: null, anonRefreshToken: null },
    eq(cliAuthAttempts.id, attempt.id),
    eq(cliAuthAttempts.anonSessionId, anonymous.session.id),
    ...pendingAttempt(),
  ).returning({ id: cliAuthAttempts.id });
  if (!claimed) throw noSession();
  const session = { id: anonymous.session.id, refreshToken: anonymous.refreshToken };
  const { access_token, refresh_token } = await signInResponseFor(deps.accessTokens, tenancy, anonymous.user, session);
  return { access_token, refresh_token };
}

/** The browser approves the attempt with its session: the CLI's next poll gets this refresh token. */
async function approveAttempt(db: Database, tenancy: Tenancy, attempt: CliAttempt, refreshToken: string | undefined, deps: CliAuthDeps) {
  if (!refreshToken) throw new StatusError(400, "refresh_token is required when mode is complete");
  const session = await getSessionByRefreshToken(db, tenancy, refreshToken, deps.idleTimeoutSeconds);
  if (!session) throw new StatusError(400, "Invalid refresh token");
  const sealed = sealString(deps.serverSecret, SEALED_TOKEN_PURPOSE, refreshToken);
  // Conditional on the attempt still pending, so a second approval (or two at once) cannot replace the first.
  const [approved] = await updateInTenancy(
    db,
    tenancy,
    cliAuthAttempts,
    { refreshToken: sealed, anonSessionId: null, anonRefreshToken: null },
    eq(cliAuthAttempts.id, attempt.id),
    ...pendingAttempt(),
  ).returning({ id: cliAuthAttempts.id });
  if (!approved) throw invalidLoginCode();
  // An anonymous session the CLI came with is dropped, not merged into the approving user, as Stack Auth's API does.
  if (attempt.anonSessionId && attempt.anonSessionId !== session.id) {
    await deleteInTenancy(db, tenancy, sessions, eq(sessions.id, attempt.anonSessionId));
  }
  return { success: true };
}

/** The browser's side: look at the attempt, take over the CLI's anonymous session, or approve with its own session. */
export async function completeCliLogin(
  db: Database,
  tenancy: Tenancy,
  input: { loginCode: string; mode: CliCompleteMode; refreshToken?: string },
  deps: CliAuthDeps,
) {
  const attempt = await openAttempt(db, tenancy, input.loginCode);
  if (input.mode === "check") return { cli_session_state: (await cliAnonymousSession(db, tenancy, attempt, deps)) ? "anonymous" : "none" };
  if (input.mode === "claim-anon-session") return await claimAnonymousSession(db, tenancy, attempt, deps);
  return await approveAttempt(db, tenancy, attempt, input.refreshToken, deps);
}
