// Password guessing at full size: a thousand guesses at one account from a thousand addresses, and one password sprayed
// over 500 accounts from one address.
//
// Which address a request comes from is the socket's peer, unless the backend runs with STACK_TRUST_PROXY=true (behind
// a proxy the operator controls; STACK_TRUSTED_PROXY_HOPS=<n> for a chain of n). Then it is the X-Forwarded-For entry
// the last trusted proxy appended. Without STACK_TRUST_PROXY the header is ignored, since anyone can send it; the last
// test here proves that rotating it then buys no fresh per-client count. The other tests speak as many clients through
// a backend of their own that trusts the header, as one behind a load balancer would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { type ApiResponse, type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, signUpWithPassword, sql, testEnv, uniqueEmail } from "../harness/rest";

const PASSWORD = "correct horse battery";
const SPRAYED = "Summer2026!";
const BATCH = 20;
let proxied: BackendProcess;

beforeAll(async () => {
  proxied = await startBackend({ ...backendEnv(testEnv()), STACK_TRUST_PROXY: "true" }, { quiet: true });
}, 60_000);
afterAll(async () => {
  await proxied?.stop();
});

/** Sets environment config keys through the instance that will serve the requests, so its project cache has them. */
async function configure(project: TestProject, changes: Record<string, unknown>, baseUrl = proxied.url) {
  const response = await api("/api/v1/internal/config/override/environment", {
    baseUrl,
    method: "PATCH",
    headers: projectHeaders(project, "admin"),
    body: { config_override_string: JSON.stringify(changes) },
  });
  expect(response.status, response.text).toBe(200);
}

const signIn = (project: TestProject, email: string, password: string, clientIp?: string, baseUrl = proxied.url) =>
  api("/api/v1/auth/password/sign-in", { baseUrl, headers: { ...projectHeaders(project, "client"), "x-forwarded-for": clientIp }, body: { email, password } });

/**
 * Sends the requests `batch` at a time, each batch after the last has been answered; the answers in order. A request
 * is checked against counts that at most the rest of its batch can still change, so a limit that is a whole number
 * of batches is met exactly.
 */
async function inBatches(count: number, send: (index: number) => Promise<ApiResponse>, batch = BATCH): Promise<ApiResponse[]> {
  const answers: ApiResponse[] = [];
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    answers.push(...(await Promise.all(Array.from({ length: size }, (_, offset) => send(start + offset)))));
  }
  return answers;
}

/** How many answers carry each known-error code (or the status, for a success). */
function tally(answers: ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.status === 200 ? "200" : `${answer.status} ${answer.body?.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Addresses from 198.18.0.0/15, the range set aside for benchmarks: one per index, in either half. */
const address = (index: number, half: 0 | 1 = 0) => `198.${18 + half}.${index >> 8}.${index & 255}`;

/** Per-client counts are kept in 15-minute windows: a run that would straddle two waits for the next one to begin. */
async function clearOfWindowEnd(runSeconds: number): Promise<void> {
  const left = 900 - ((Date.now() / 1000) % 900);
  if (left < runSeconds) await new Promise((resolve) => setTimeout(resolve, (left + 1) * 1000));
}

describe("a thousand wrong passwords against one account from a thousand addresses", () => {
  let project: TestProject;
  let email: string;
  let userId: string;
  const failures = async () => (await sql("select failures, locked_until > now() + interval '1 year' as held from sign_in_failures where identifier = $1", [email]))[0];

  beforeAll(async () => {
    project = await createTestProject("Sign-in guard abuse, one account");
    await enableMagicLinks(project);
    // The most a project may allow before the first pause: the run reaches the hard stop at 100 without waiting out
    // pauses on the way.
    await configure(project, { "auth.signInGuard.maxFailures": 100 });
    ({ email, userId } = await signUpWithPassword(project, uniqueEmail("besieged"), PASSWORD));
    // Sign-in codes reach accounts whose address is verified.
    await api(`/api/v1/users/${userId}`, { method: "PATCH", headers: projectHeaders(project, "server"), body: { primary_email_verified: true } });
  }, 60_000);

  it("stop at the hard limit: 100 are checked, the other 900 refused with 429, the right password too", async () => {
    const answers = await inBatches(1000, (i) => signIn(project, email, `wrong guess ${i}`, address(i)));
    // Batches are answered in turn, so exactly the first 100 were checked and counted; no other client was slowed.
    expect(tally(answers)).toEqual({ "400 EMAIL_PASSWORD_MISMATCH": 100, "429 TOO_MANY_SIGN_IN_ATTEMPTS": 900 });
    expect(answers.slice(0, 100).every((answer) => answer.status === 400)).toBe(true);
    expect(answers.at(-1)!.body.details).toEqual({ retry_after_seconds: 900 });
    expect(await failures()).toEqual({ failures: 100, held: true });
    expectKnownError(await signIn(project, email, PASSWORD, "203.0.113.10"), "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
  });

  it("lets the real user in with a sign-in code, after which the password signs in again", async () => {
    const client = projectHeaders(project, "client", { "x-forwarded-for": "203.0.113.10" });
    const sent = await api("/api/v1/auth/otp/send-sign-in-code", { baseUrl: proxied.url, headers: client, body: { email, callback_url: "http://localhost:3000/handler/magic-link-callback" } });
    expect(sent.status).toBe(200);
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email, (mail) => mail.text.includes("magic-link-callback")));
    expect((await api("/api/v1/auth/otp/sign-in", { baseUrl: proxied.url, headers: client, body: { code } })).status).toBe(200);
    expect(await failures()).toBeUndefined();
    expect((await signIn(project, email, PASSWORD, "203.0.113.10")).status).toBe(200);
  });

  it("stops again after another hundred, and lets the real user in with a password reset", async () => {
    const answers = await inBatches(120, (i) => signIn(project, email, `wrong guess ${i}`, address(i, 1)));
    expect(tally(answers)).toEqual({ "400 EMAIL_PASSWORD_MISMATCH": 100, "429 TOO_MANY_SIGN_IN_ATTEMPTS": 20 });
    const client = projectHeaders(project, "client", { "x-forwarded-for": "203.0.113.11" });
    await api("/api/v1/auth/password/send-reset-code", { baseUrl: proxied.url, headers: client, body: { email, callback_url: "http://localhost:3000/handler/password-reset" } });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email, (mail) => mail.text.includes("password-reset")));
    const reset = await api("/api/v1/auth/password/reset", { baseUrl: proxied.url, headers: client, body: { code, password: "a brand new passphrase" } });
    expect(reset.status).toBe(200);
    expect((await signIn(project, email, "a brand new passphrase", "203.0.113.11")).status).toBe(200);
  });
});

describe("one password sprayed over 500 accounts from one address", () => {
  it("is refused after maxFailuresPerClient failures, even where the password is right, while another address signs in", async () => {
    const project = await createTestProject("Sign-in guard abuse, spray");
    // The project's default.
    const { maxFailuresPerClient } = JSON.parse((await api("/api/v1/internal/config", { headers: projectHeaders(project, "admin") })).body.config_string).auth.signInGuard;
    // A few real accounts among 500 addresses: two early with another password, two late with the sprayed one.
    const emails = Array.from({ length: 500 }, (_, i) => uniqueEmail(`sprayed-${i}`));
    for (const i of [3, 42]) await signUpWithPassword(project, emails[i], PASSWORD);
    for (const i of [450, 499]) await signUpWithPassword(project, emails[i], SPRAYED);
    await clearOfWindowEnd(30);
    const answers = await inBatches(500, (i) => signIn(project, emails[i]!, SPRAYED, "192.0.2.77"));
    expect(tally(answers)).toEqual({ "400 EMAIL_PASSWORD_MISMATCH": maxFailuresPerClient, "429 TOO_MANY_SIGN_IN_ATTEMPTS": 500 - maxFailuresPerClient });
    expect(answers.slice(0, maxFailuresPerClient).every((answer) => answer.status === 400)).toBe(true);
    expect([answers[450]!.status, answers[499]!.status]).toEqual([429, 429]);
    // The accounts were never checked, so nothing counts against them: from another address they sign in at once.
    expect((await signIn(project, emails[499]!, SPRAYED, "192.0.2.78")).status).toBe(200);
    expectKnownError(await signIn(project, uniqueEmail("sprayed-more"), SPRAYED, "192.0.2.78"), "EMAIL_PASSWORD_MISMATCH", 400);
    expectKnownError(await signIn(project, uniqueEmail("sprayed-more"), SPRAYED, "192.0.2.77"), "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
  });
});

describe("without STACK_TRUST_PROXY", () => {
  it("ignores X-Forwarded-For: rotating it buys no fresh per-client count", async () => {
    const project = await createTestProject("Sign-in guard abuse, untrusted header");
    const untrusted = testEnv().backendUrl;
    await configure(project, { "auth.signInGuard.maxFailuresPerClient": 10 }, untrusted);
    await clearOfWindowEnd(10);
    const rotated = (i: number) => `203.0.113.${100 + i}`;
    const answers = await inBatches(12, (i) => signIn(project, uniqueEmail(`rotated-${i}`), SPRAYED, rotated(i), untrusted), 1);
    // Every request came from this machine's one socket address, whatever the header said.
    expect(tally(answers)).toEqual({ "400 EMAIL_PASSWORD_MISMATCH": 10, "429 TOO_MANY_SIGN_IN_ATTEMPTS": 2 });
    // The same rotation through the backend that trusts the header counts each address on its own.
    const trusted = await inBatches(12, (i) => signIn(project, uniqueEmail(`rotated-${i}`), SPRAYED, rotated(i)), 1);
    expect(tally(trusted)).toEqual({ "400 EMAIL_PASSWORD_MISMATCH": 12 });
  });
});
