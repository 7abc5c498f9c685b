import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as stackJs108 from "stack-js-2-8-108";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, signUpWithPassword, sql, testEnv, uniqueEmail } from "../harness/rest";
import { HexclaveClientApp } from "@stackframe/js";

const PASSWORD = "correct horse battery";
const CALLBACK = "http://localhost:3000/handler/magic-link-callback";
let project: TestProject;
// Two more instances on the same database, behind a proxy they trust, so a test can speak as many clients and see
// that a pause made on one instance holds on the other.
const proxied: BackendProcess[] = [];

beforeAll(async () => {
  project = await createTestProject("Sign-in guard");
  await enableMagicLinks(project);
  for (let i = 0; i < 2; i++) proxied.push(await startBackend({ ...backendEnv(testEnv()), STACK_TRUST_PROXY: "true" }, { quiet: true }));
}, 60_000);
afterAll(async () => {
  await Promise.all(proxied.map((backend) => backend.stop()));
});

const signIn = (email: string, password: string, options: { baseUrl?: string; clientIp?: string; target?: TestProject } = {}) =>
  api("/api/v1/auth/password/sign-in", {
    baseUrl: options.baseUrl,
    headers: { ...projectHeaders(options.target ?? project, "client"), "x-forwarded-for": options.clientIp },
    body: { email, password },
  });

async function failTimes(email: string, times: number, options: Parameters<typeof signIn>[2] = {}) {
  for (let i = 0; i < times; i++) expectKnownError(await signIn(email, "wrong password!", options), "EMAIL_PASSWORD_MISMATCH", 400);
}

// Passwords cannot be guessed at full speed: each account pauses after repeated failures, each client too.
describe("password-guessing defence", () => {
  it("pauses an account's password sign-in after 10 failures, even for the right password, and says for how long", async () => {
    const { email } = await signUpWithPassword(project, uniqueEmail("guessed"), PASSWORD);
    await failTimes(email, 10);
    const paused = await signIn(email, PASSWORD);
    expectKnownError(paused, "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
    expect(paused.body.details).toEqual({ retry_after_seconds: 30 });
    expect(paused.headers.get("retry-after")).toBe("30");
  });

  it("answers an email nobody has exactly as a registered one", async () => {
    const email = uniqueEmail("nobody");
    await failTimes(email, 10);
    const paused = await signIn(email, PASSWORD);
    expectKnownError(paused, "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
    expect(paused.body.details).toEqual({ retry_after_seconds: 30 });
  });

  it("counts wrong passwords from many clients and on any instance against the one account", async () => {
    const { email } = await signUpWithPassword(project, uniqueEmail("distributed"), PASSWORD);
    for (let i = 0; i < 10; i++) {
      const response = await signIn(email, "wrong password!", { baseUrl: proxied[i % 2]!.url, clientIp: `198.51.100.${i + 1}` });
      expectKnownError(response, "EMAIL_PASSWORD_MISMATCH", 400);
    }
    for (const backend of [proxied[0]!, proxied[1]!]) {
      expectKnownError(await signIn(email, PASSWORD, { baseUrl: backend.url, clientIp: "203.0.113.50" }), "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
    }
  });

  it("lets the real user in another way: a sign-in code ends the pause", async () => {
    const { email, userId } = await signUpWithPassword(project, uniqueEmail("way-around"), PASSWORD);
    // Sign-in codes reach accounts whose address is verified.
    await api(`/api/v1/users/${userId}`, { method: "PATCH", headers: projectHeaders(project, "server"), body: { primary_email_verified: true } });
    await failTimes(email, 10);
    expectKnownError(await signIn(email, PASSWORD), "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
    const sent = await api("/api/v1/auth/otp/send-sign-in-code", { headers: projectHeaders(project, "client"), body: { email, callback_url: CALLBACK } });
    expect(sent.status).toBe(200);
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
    expect((await api("/api/v1/auth/otp/sign-in", { headers: projectHeaders(project, "client"), body: { code } })).status).toBe(200);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it("lets the real user in after a password reset", async () => {
    const { email } = await signUpWithPassword(project, uniqueEmail("reset-way"), PASSWORD);
    await failTimes(email, 10);
    await api("/api/v1/auth/password/send-reset-code", {
      headers: projectHeaders(project, "client"),
      body: { email, callback_url: "http://localhost:3000/handler/password-reset" },
    });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email));
    expect((await api("/api/v1/auth/password/reset", { headers: projectHeaders(project, "client"), body: { code, password: "a brand new passphrase" } })).status).toBe(200);
    expect((await signIn(email, "a brand new passphrase")).status).toBe(200);
  });

  it("slows one client spraying one password over many accounts, and no other client", async () => {
    const sprayed = await createTestProject("Sign-in guard spray");
    const configured = await api("/api/v1/internal/config/override/environment", {
      method: "PATCH",
      headers: projectHeaders(sprayed, "admin"),
      body: { config_override_string: JSON.stringify({ "auth.signInGuard.maxFailuresPerClient": 20 }) },
    });
    expect(configured.status).toBe(200);
    const spray = (email: string, clientIp: string) => signIn(email, "Summer2026!", { target: sprayed, baseUrl: proxied[0]!.url, clientIp });
    for (let i = 0; i < 20; i++) expectKnownError(await spray(uniqueEmail(`spray-${i}`), "192.0.2.7"), "EMAIL_PASSWORD_MISMATCH", 400);
    expectKnownError(await spray(uniqueEmail("spray-next"), "192.0.2.7"), "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
    expectKnownError(await spray(uniqueEmail("spray-other"), "192.0.2.8"), "EMAIL_PASSWORD_MISMATCH", 400);
  });

  it("is not retried in a loop by the published SDK nor by ours: one request per sign-in call", async () => {
    const { email } = await signUpWithPassword(project, uniqueEmail("sdk-paused"), PASSWORD);
    await failTimes(email, 10);
    let requests = 0;
    const realFetch = globalThis.fetch;
    const counting: typeof fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes("/auth/password/sign-in")) requests++;
      return realFetch(input, init);
    };
    // The published SDK takes no fetch of its own: it is counted through the global one.
    globalThis.fetch = counting;
    try {
      const published = new (stackJs108 as any).StackClientApp({ baseUrl: testEnv().backendUrl, projectId: project.projectId, publishableClientKey: project.publishableClientKey, tokenStore: "memory" });
      await expect(published.signInWithCredential({ email, password: PASSWORD, noRedirect: true })).rejects.toThrow(/TOO_MANY_SIGN_IN_ATTEMPTS/);
      expect(requests).toBe(1);
      const ours = new HexclaveClientApp({ baseUrl: testEnv().backendUrl, projectId: project.projectId, publishableClientKey: project.publishableClientKey, tokenStore: "memory", fetch: counting });
      const result = await ours.signInWithCredential({ email, password: PASSWORD, noRedirect: true });
      expect(result.status === "error" && result.error.code).toBe("TOO_MANY_SIGN_IN_ATTEMPTS");
      expect(requests).toBe(2);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

// Typed sign-in codes (6 characters and the nonce the page kept) are a guessable first factor too (MF-01): wrong
// guesses count against the address across every code sent to it, and pause the same way.
describe("typed sign-in codes", () => {
  let coded: TestProject;
  beforeAll(async () => {
    coded = await createTestProject("Sign-in guard, typed codes");
    await enableMagicLinks(coded);
  }, 60_000);

  const client = () => projectHeaders(coded, "client");
  const sendCode = async (email: string) => {
    const sent = await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(), body: { email, callback_url: CALLBACK } });
    expect(sent.status).toBe(200);
    return sent.body.nonce as string;
  };
  /** The code of the newest mail to the address, which must be the one whose nonce is given. */
  const mailedCode = async (email: string, nonce: string) =>
    codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email, (mail) => codeFromEmail(mail).endsWith(nonce)));
  const otpSignIn = (code: string) => api("/api/v1/auth/otp/sign-in", { headers: client(), body: { code } });
  const wrongGuess = (code: string) => `${code.startsWith("a") ? "b" : "a"}${code.slice(1)}`;
  /** Five wrong guesses at each of two codes: a resend does not start the count over. */
  async function guessTenTimes(email: string) {
    for (let resend = 0; resend < 2; resend++) {
      const nonce = await sendCode(email);
      const code = await mailedCode(email, nonce);
      for (let guess = 0; guess < 5; guess++) expectKnownError(await otpSignIn(wrongGuess(code)), "VERIFICATION_CODE_NOT_FOUND", 404);
    }
  }
  async function verifiedAccount(label: string) {
    const user = await signUpWithPassword(coded, uniqueEmail(label), PASSWORD);
    await api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: projectHeaders(coded, "server"), body: { primary_email_verified: true } });
    return user;
  }

  it("pauses an address after 10 wrong codes across resends, for the right code and the check too, until the password signs in", async () => {
    const { email } = await verifiedAccount("otp-guessed");
    await guessTenTimes(email);
    const right = await mailedCode(email, await sendCode(email));
    const paused = await otpSignIn(right);
    expectKnownError(paused, "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
    expect(paused.body.details).toEqual({ retry_after_seconds: 30 });
    expect(paused.headers.get("retry-after")).toBe("30");
    expectKnownError(await api("/api/v1/auth/otp/sign-in/check-code", { headers: client(), body: { code: right } }), "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
    // Counted apart from wrong passwords: the password still signs in, and that ends the count of wrong codes.
    const password = await api("/api/v1/auth/password/sign-in", { headers: client(), body: { email, password: PASSWORD } });
    expect(password.status).toBe(200);
    // The refused code was not even looked at, so it still works.
    expect((await otpSignIn(right)).status).toBe(200);
  });

  it("counts wrong checks of a code like wrong sign-ins", async () => {
    const email = uniqueEmail("otp-checked");
    for (let resend = 0; resend < 2; resend++) {
      const code = await mailedCode(email, await sendCode(email));
      for (let guess = 0; guess < 5; guess++) {
        const checked = await api("/api/v1/auth/otp/sign-in/check-code", { headers: client(), body: { code: wrongGuess(code) } });
        expectKnownError(checked, "VERIFICATION_CODE_NOT_FOUND", 404);
      }
    }
    expectKnownError(await otpSignIn(await mailedCode(email, await sendCode(email))), "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
  });

  it("stops typed codes for good at 100 wrong guesses, until a password reset proves the owner", async () => {
    const { email } = await verifiedAccount("otp-hundred");
    await guessTenTimes(email);
    // 89 more guesses would wait out pauses of up to 15 minutes each; the count is set to where they would leave it.
    await sql("update sign_in_failures set failures = 99, locked_until = null where identifier = $1", [`otp:${email}`]);
    const right = await mailedCode(email, await sendCode(email));
    expectKnownError(await otpSignIn(wrongGuess(right)), "VERIFICATION_CODE_NOT_FOUND", 404);
    const [row] = await sql("select failures, locked_until > now() + interval '1 year' as held from sign_in_failures where identifier = $1", [`otp:${email}`]);
    expect(row).toEqual({ failures: 100, held: true });
    const stopped = await otpSignIn(right);
    expectKnownError(stopped, "TOO_MANY_SIGN_IN_ATTEMPTS", 429);
    expect(stopped.body.details).toEqual({ retry_after_seconds: 900 });
    await api("/api/v1/auth/password/send-reset-code", { headers: client(), body: { email, callback_url: "http://localhost:3000/handler/password-reset" } });
    const reset = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, email, (mail) => mail.text.includes("password-reset")));
    expect((await api("/api/v1/auth/password/reset", { headers: client(), body: { code: reset, password: "a brand new passphrase" } })).status).toBe(200);
    expect((await otpSignIn(right)).status).toBe(200);
  });

  it("counts nothing while the project has the guard off", async () => {
    const off = await createTestProject("Sign-in guard off");
    await enableMagicLinks(off);
    const configured = await api("/api/v1/internal/config/override/environment", {
      method: "PATCH",
      headers: projectHeaders(off, "admin"),
      body: { config_override_string: JSON.stringify({ "auth.signInGuard.enabled": false }) },
    });
    expect(configured.status).toBe(200);
    const { email } = await signUpWithPassword(off, uniqueEmail("unguarded"), PASSWORD);
    for (let i = 0; i < 12; i++) {
      const wrong = await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(off, "client"), body: { email, password: "wrong password!" } });
      expectKnownError(wrong, "EMAIL_PASSWORD_MISMATCH", 400);
    }
    const [row] = await sql("select count(*)::int as rows from sign_in_failures where identifier = $1", [email]);
    expect(row.rows).toBe(0);
    expect((await api("/api/v1/auth/password/sign-in", { headers: projectHeaders(off, "client"), body: { email, password: PASSWORD } })).status).toBe(200);
  });
});
