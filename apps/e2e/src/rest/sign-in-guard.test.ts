import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as stackJs108 from "stack-js-2-8-108";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, signUpWithPassword, testEnv, uniqueEmail } from "../harness/rest";
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
