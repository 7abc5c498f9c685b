import { KnownErrors } from "@stackframe/stack-shared";
import { inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { signInFailures } from "../../db/schema";
import { type TenancyRef, deleteInTenancy } from "../../db/tenant-scope";
import { ipBucketOf } from "../../lib/forwarded-headers";
import { consumeRateLimit, slidingCount } from "../abuse/rate-limits";
import type { ProjectConfig } from "../projects/config";

/** The first pause, doubled at each further failure up to the longest: a guesser slows to a few tries an hour. */
const FIRST_PAUSE_SECONDS = 30;
const LONGEST_PAUSE_SECONDS = 15 * 60;
/** NIST SP 800-63B §3.2.2: at most 100 consecutive failures; then only a reset or another way in lifts the pause. */
const MOST_CONSECUTIVE_FAILURES = 100;
const CLIENT_WINDOW_SECONDS = 15 * 60;

export type SignInAttempt = { identifier: string; clientIp: string | null };
type Guard = ProjectConfig["auth"]["signInGuard"];

const normalized = (identifier: string) => identifier.trim().toLowerCase();
/** The count of wrong typed sign-in codes aimed at an email: apart from its wrong passwords, but cleared with them. */
export const typedCodeIdentifier = (email: string) => `otp:${normalized(email)}`;
const clientBucket = (tenancy: TenancyRef, ip: string) => `sign-in-fail-ip:${tenancy.id}:${ipBucketOf(ip)}`;

function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}

/**
 * Refuses a guessable-secret sign-in while its identifier is paused after wrong attempts, or its client has failed too
 * often across accounts. Checked before the secret, and the same for identifiers no account has, so the answer
 * reveals nothing about which emails are registered.
 */
export async function requireSignInAllowed(db: Tx, tenancy: TenancyRef, attempt: SignInAttempt, guard: Guard): Promise<void> {
  // Turned off for operators whose own edge counts failures: not even a read, so the switch costs nothing.
  if (!guard.enabled) return;
  // Both counts in one statement, as this runs before every sign-in with a guessable secret. The client's is the
  // counter recordSignInFailure keeps with consumeRateLimit, read over the same sliding window.
  const bucket = attempt.clientIp === null ? null : clientBucket(tenancy, attempt.clientIp);
  const result = await db.execute(sql`
    select
      (select locked_until from ${signInFailures}
        where tenancy_id = ${tenancy.id} and identifier = ${normalized(attempt.identifier)} and locked_until > now()) as locked_until,
      ${slidingCount(bucket, CLIENT_WINDOW_SECONDS)} as client_failures`);
  const [row] = (result as unknown as { rows: { locked_until: Date | string | null; client_failures: number | null }[] }).rows;
  if (row?.locked_until) throw new KnownErrors.TooManySignInAttempts(Math.min(secondsUntil(new Date(row.locked_until)), LONGEST_PAUSE_SECONDS));
  // After maxFailuresPerClient failures in the window, the next attempt is refused.
  if (Number(row?.client_failures ?? 0) >= guard.maxFailuresPerClient) {
    const windowEnd = Math.ceil(Date.now() / 1000 / CLIENT_WINDOW_SECONDS) * CLIENT_WINDOW_SECONDS * 1000;
    throw new KnownErrors.TooManySignInAttempts(secondsUntil(new Date(windowEnd)));
  }
}

/** Counts a wrong secret for the identifier and its client, pausing the identifier once it has failed too often. */
export async function recordSignInFailure(db: Tx, tenancy: TenancyRef, attempt: SignInAttempt, guard: Guard): Promise<void> {
  if (!guard.enabled) return;
  const max = guard.maxFailures;
  // One upsert, so concurrent guesses on any number of instances are all counted.
  await db.execute(sql`
    insert into ${signInFailures} (tenancy_id, identifier, failures, locked_until, updated_at)
    values (${tenancy.id}, ${normalized(attempt.identifier)}, 1, null, now())
    on conflict (tenancy_id, identifier) do update set
      failures = ${signInFailures.failures} + 1,
      locked_until = case
        when ${signInFailures.failures} + 1 >= ${MOST_CONSECUTIVE_FAILURES} then now() + interval '100 years'
        when ${signInFailures.failures} + 1 >= ${max}
          then now() + make_interval(secs => least(${FIRST_PAUSE_SECONDS} * power(2, ${signInFailures.failures} + 1 - ${max}), ${LONGEST_PAUSE_SECONDS}))
        else null
      end,
      updated_at = now()`);
  if (attempt.clientIp !== null) {
    await consumeRateLimit(db, clientBucket(tenancy, attempt.clientIp), { limit: guard.maxFailuresPerClient, windowSeconds: CLIENT_WINDOW_SECONDS });
  }
}

/**
 * A success (with the secret, or another way in: a sign-in code, a password reset) starts the count again. For an
 * email it ends the count of wrong typed codes too, whichever way the owner came in: a typed-code pause is lifted by a
 * password or a reset, as a password pause is by a code. (For other identifiers, `totp:<user>`, the second name
 * matches nothing.) Done with the guard off too: an owner who signs in meanwhile finds no old pause once it is back on.
 */
export async function clearSignInFailures(db: Tx, tenancy: TenancyRef, identifier: string): Promise<void> {
  const names = [normalized(identifier), typedCodeIdentifier(identifier)];
  await deleteInTenancy(db, tenancy, signInFailures, inArray(signInFailures.identifier, names));
}
