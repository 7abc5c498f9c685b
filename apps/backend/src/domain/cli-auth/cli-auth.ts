import { KnownErrors } from "@stackframe/stack-shared";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Services } from "../../app-env";
import { cliAuthAttempts, sessions } from "../../db/schema";
import { openSealedString, randomBase32, sealString, sha256Hex } from "../../lib/crypto";
import { StatusError } from "../../lib/status-error";
import type { ResolvedProject } from "../projects/project-cache";
import { getSessionByRefreshToken, insertSession } from "../sessions/sessions";
import { signInResponseFor } from "../tokens/issue-tokens";
import { type UserRecord, getUserRecord } from "../users/user-record";

const CODE_LENGTH = 45;
export const MAX_CLI_LIFETIME_MILLIS = 86_400_000;
const DEFAULT_CLI_LIFETIME_MILLIS = 7_200_000;
const SEALED_TOKEN_PURPOSE = "cli-refresh-token";

// The attempt row holds the browser's refresh token until the CLI polls it; sealed, so the database never has it in the clear.
function serverSecretOf(services: Services): string {
  const secret = services.config.serverSecret;
  if (!secret) throw new Error("The server secret is resolved before the services are created, so it cannot be missing here.");
  return secret;
}

function unsealRefreshToken(services: Services, stored: string): string {
  const opened = openSealedString(serverSecretOf(services), SEALED_TOKEN_PURPOSE, stored);
  if (opened !== null) return opened;
  // Attempts approved before tokens were sealed hold them as they are (base32 never contains the separator).
  if (/^[a-z2-7]{45}$/.test(stored)) return stored;
  throw new Error("A CLI attempt holds a refresh token sealed under another server secret.");
}

/** Starts a CLI login: the CLI keeps the polling code, the browser gets the login code in a link. */
export async function startCliLogin(services: Services, project: ResolvedProject, input: { expiresInMillis?: number; anonRefreshToken?: string }) {
  const tenancyId = project.tenancyId!;
  let anonSessionId: string | null = null;
  if (input.anonRefreshToken !== undefined) {
    const session = await getSessionByRefreshToken(services.db, tenancyId, input.anonRefreshToken, services.config.refreshTokenIdleTimeoutSeconds);
    const user = session && (await getUserRecord(services.db, tenancyId, session.userId));
    if (!session || !user?.row.isAnonymous) throw new StatusError(400, "The anonymous refresh token is invalid, expired, or not an anonymous user's of this project.");
    anonSessionId = session.id;
  }
  const pollingCode = randomBase32(CODE_LENGTH);
  const loginCode = randomBase32(CODE_LENGTH);
  const expiresAt = new Date(Date.now() + (input.expiresInMillis ?? DEFAULT_CLI_LIFETIME_MILLIS));
  await services.db.insert(cliAuthAttempts).values({ tenancyId, pollingCodeHash: sha256Hex(pollingCode), loginCodeHash: sha256Hex(loginCode), anonSessionId, expiresAt });
  return { polling_code: pollingCode, login_code: loginCode, expires_at: expiresAt.toISOString() };
}

/** The CLI's poll: waiting, expired, used, or (once) the refresh token the browser approved it with. */
export async function pollCliLogin(services: Services, project: ResolvedProject, pollingCode: string) {
  const tenancyId = project.tenancyId!;
  const [attempt] = await services.db
    .select()
    .from(cliAuthAttempts)
    .where(and(eq(cliAuthAttempts.tenancyId, tenancyId), eq(cliAuthAttempts.pollingCodeHash, sha256Hex(pollingCode))));
  if (!attempt) throw new KnownErrors.InvalidPollingCode();
  if (attempt.usedAt) return { status: "used" as const };
  if (attempt.expiresAt.getTime() <= Date.now()) return { status: "expired" as const };
  if (attempt.refreshToken === null) return { status: "waiting" as const };
  // Handed out once: the conditional update decides between concurrent polls, and the token leaves the table.
  const [claimed] = await services.db
    .update(cliAuthAttempts)
    .set({ usedAt: new Date(), refreshToken: null })
    .where(and(eq(cliAuthAttempts.id, attempt.id), isNull(cliAuthAttempts.usedAt)))
    .returning({ id: cliAuthAttempts.id });
  if (!claimed) return { status: "used" as const };
  return { status: "success" as const, refresh_token: unsealRefreshToken(services, attempt.refreshToken) };
}

async function openAttempt(services: Services, tenancyId: string, loginCode: string) {
  const [attempt] = await services.db
    .select()
    .from(cliAuthAttempts)
    .where(
      and(
        eq(cliAuthAttempts.tenancyId, tenancyId),
        eq(cliAuthAttempts.loginCodeHash, sha256Hex(loginCode)),
        isNull(cliAuthAttempts.usedAt),
        gt(cliAuthAttempts.expiresAt, new Date()),
      ),
    );
  if (!attempt) throw new StatusError(400, "Invalid login code or the code has expired");
  return attempt;
}

export type CliCompleteMode = "check" | "claim-anon-session" | "complete";

/** The browser's side: look at the attempt, take over the CLI's anonymous session, or approve with its own session. */
export async function completeCliLogin(
  services: Services,
  project: ResolvedProject,
  input: { loginCode: string; mode: CliCompleteMode; refreshToken?: string },
) {
  const tenancyId = project.tenancyId!;
  const attempt = await openAttempt(services, tenancyId, input.loginCode);
  if (input.mode === "check") return { cli_session_state: attempt.anonSessionId ? "anonymous" : "none" };
  if (input.mode === "claim-anon-session") {
    const noSession = () => new StatusError(400, "No anonymous session associated with this code");
    if (!attempt.anonSessionId) throw noSession();
    // One-shot: the conditional update decides between two browsers claiming at once.
    const [claimed] = await services.db
      .update(cliAuthAttempts)
      .set({ anonSessionId: null })
      .where(and(eq(cliAuthAttempts.id, attempt.id), eq(cliAuthAttempts.anonSessionId, attempt.anonSessionId)))
      .returning({ id: cliAuthAttempts.id });
    if (!claimed) throw noSession();
    const [session] = await services.db.select().from(sessions).where(and(eq(sessions.tenancyId, tenancyId), eq(sessions.id, attempt.anonSessionId)));
    const user = session && (await getUserRecord(services.db, tenancyId, session.userId));
    if (!session || !user) throw noSession();
    // The refresh token itself is stored hashed; claiming opens a fresh session of the same anonymous user.
    const { access_token, refresh_token } = await reopenSession(services, project, user, session.id);
    return { access_token, refresh_token };
  }
  if (!input.refreshToken) throw new StatusError(400, "refresh_token is required when mode is complete");
  const session = await getSessionByRefreshToken(services.db, tenancyId, input.refreshToken, services.config.refreshTokenIdleTimeoutSeconds);
  if (!session) throw new StatusError(400, "Invalid refresh token");
  // An anonymous session the CLI came with is dropped, not merged, as the catalog has it.
  if (attempt.anonSessionId) await services.db.delete(sessions).where(eq(sessions.id, attempt.anonSessionId));
  const sealed = sealString(serverSecretOf(services), SEALED_TOKEN_PURPOSE, input.refreshToken);
  await services.db.update(cliAuthAttempts).set({ refreshToken: sealed, anonSessionId: null }).where(eq(cliAuthAttempts.id, attempt.id));
  return { success: true };
}

async function reopenSession(services: Services, project: ResolvedProject, user: UserRecord, oldSessionId: string) {
  const session = await insertSession(services.db, { tenancyId: project.tenancyId!, userId: user.row.id });
  await services.db.delete(sessions).where(eq(sessions.id, oldSessionId));
  return await signInResponseFor(services, project, user, session);
}
