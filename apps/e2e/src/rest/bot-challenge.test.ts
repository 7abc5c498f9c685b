import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { listEmails } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, signUpWithPassword, sql, testEnv, uniqueEmail } from "../harness/rest";
import * as stackJs108 from "stack-js-2-8-108";

// Bot challenges of password sign-up and sign-in codes, on an instance that verifies them against a siteverify endpoint.
// Test double: Cloudflare's siteverify cannot be reached from here, so a local HTTP server speaks its protocol. It
// passes PASSING_TOKEN (solved for the action the test names), answers 503 for DOWN_TOKEN and refuses anything else.
const SECRET = "e2e-turnstile-secret";
const PASSING_TOKEN = "passing-token";
const DOWN_TOKEN = "siteverify-is-down";
const CALLBACK = "http://localhost:3000/handler/magic-link-callback";

let siteverify: Server;
const asked: URLSearchParams[] = [];
let passingAction = "sign_up_with_credential";
let guarded: BackendProcess;
let project: TestProject;

beforeAll(async () => {
  siteverify = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    asked.push(form);
    if (form.get("response") === DOWN_TOKEN) return void res.writeHead(503).end();
    const success = form.get("secret") === SECRET && form.get("response") === PASSING_TOKEN;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(success ? { success, action: passingAction } : { success, "error-codes": ["invalid-input-response"] }));
  });
  await new Promise<void>((resolve) => siteverify.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(siteverify.address() as AddressInfo).port}/turnstile/v0/siteverify`;
  guarded = await startBackend({ ...backendEnv(testEnv()), STACK_TURNSTILE_SECRET_KEY: SECRET, STACK_TURNSTILE_SITEVERIFY_URL: url }, { quiet: true });
  project = await createTestProject("Bot challenges");
  await enableMagicLinks(project);
}, 90_000);
afterAll(async () => {
  await guarded?.stop();
  await new Promise((resolve) => siteverify?.close(resolve));
});
beforeEach(() => {
  asked.length = 0;
  passingAction = "sign_up_with_credential";
});

const signUp = (body: Record<string, unknown>, baseUrl = guarded.url) =>
  api("/api/v1/auth/password/sign-up", { baseUrl, headers: projectHeaders(project, "client"), body: { password: "correct horse battery", ...body } });
const sendCode = (body: Record<string, unknown>) =>
  api("/api/v1/auth/otp/send-sign-in-code", { baseUrl: guarded.url, headers: projectHeaders(project, "client"), body: { callback_url: CALLBACK, ...body } });
const usersWithEmail = async (email: string) =>
  (await sql("select count(*)::int as n from contact_channels where value = $1", [email]))[0].n as number;

describe("password sign-up with a bot challenge", () => {
  it("signs up with a passing invisible token, verified with the secret, the token and the client's IP", async () => {
    const email = uniqueEmail("human");
    const response = await signUp({ email, bot_challenge_token: PASSING_TOKEN, bot_challenge_phase: "invisible" });
    expect(response.status).toBe(200);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.get("secret")).toBe(SECRET);
    expect(asked[0]!.get("response")).toBe(PASSING_TOKEN);
    expect(asked[0]!.get("remoteip")).toMatch(/127\.0\.0\.1|::1/);
  });

  it("asks for the visible challenge (409) when the invisible one fails, and creates nobody", async () => {
    const email = uniqueEmail("bot");
    expectKnownError(await signUp({ email, bot_challenge_token: "forged", bot_challenge_phase: "invisible" }), "BOT_CHALLENGE_REQUIRED", 409);
    expectKnownError(await signUp({ email, bot_challenge_phase: "invisible" }), "BOT_CHALLENGE_REQUIRED", 409);
    expect(await usersWithEmail(email)).toBe(0);
  });

  it("refuses a failed visible challenge with BOT_CHALLENGE_FAILED, and accepts a passing one", async () => {
    const email = uniqueEmail("visible");
    const refused = await signUp({ email, bot_challenge_token: "forged", bot_challenge_phase: "visible" });
    expectKnownError(refused, "BOT_CHALLENGE_FAILED", 400);
    expect(refused.body.details).toEqual({ message: expect.any(String) });
    expect(await usersWithEmail(email)).toBe(0);
    expect((await signUp({ email, bot_challenge_token: PASSING_TOKEN, bot_challenge_phase: "visible" })).status).toBe(200);
  });

  it("fails closed when siteverify cannot answer", async () => {
    const email = uniqueEmail("outage");
    expectKnownError(await signUp({ email, bot_challenge_token: DOWN_TOKEN, bot_challenge_phase: "invisible" }), "BOT_CHALLENGE_REQUIRED", 409);
    expectKnownError(await signUp({ email, bot_challenge_token: DOWN_TOKEN, bot_challenge_phase: "visible" }), "BOT_CHALLENGE_FAILED", 400);
    expect(await usersWithEmail(email)).toBe(0);
  });

  it("refuses a token solved for another flow", async () => {
    passingAction = "oauth_authenticate";
    expectKnownError(await signUp({ email: uniqueEmail("replay"), bot_challenge_token: PASSING_TOKEN, bot_challenge_phase: "invisible" }), "BOT_CHALLENGE_REQUIRED", 409);
  });

  it("lets a client say the challenge was unavailable, without asking siteverify, but not with a token too", async () => {
    expect((await signUp({ email: uniqueEmail("no-widget"), bot_challenge_unavailable: "true" })).status).toBe(200);
    expect(asked).toHaveLength(0);
    const both = await signUp({ email: uniqueEmail("contradiction"), bot_challenge_unavailable: "true", bot_challenge_token: PASSING_TOKEN });
    expectKnownError(both, "SCHEMA_ERROR", 400);
    expect(both.body.error).toContain("bot_challenge_unavailable");
  });

  it("lets an SDK older than the two-phase flow, which sends no phase, through", async () => {
    expect((await signUp({ email: uniqueEmail("old-sdk") })).status).toBe(200);
    expect((await signUp({ email: uniqueEmail("old-sdk"), bot_challenge_token: "forged" })).status).toBe(200);
  });

  it("checks the password before the challenge, and the challenge before the address", async () => {
    expectKnownError(await signUp({ email: uniqueEmail("short"), password: "short", bot_challenge_token: "forged", bot_challenge_phase: "invisible" }), "PASSWORD_TOO_SHORT", 400);
    const taken = await signUpWithPassword(project);
    expectKnownError(await signUp({ email: taken.email, bot_challenge_token: "forged", bot_challenge_phase: "invisible" }), "BOT_CHALLENGE_REQUIRED", 409);
    expect(asked).toHaveLength(1);
  });
});

describe("sign-in codes with a bot challenge", () => {
  beforeEach(() => {
    passingAction = "send_magic_link_email";
  });

  it("mails the code after a passing challenge, and nothing after a failed one", async () => {
    const [human, bot] = [uniqueEmail("otp-human"), uniqueEmail("otp-bot")];
    expect((await sendCode({ email: human, bot_challenge_token: PASSING_TOKEN, bot_challenge_phase: "invisible" })).status).toBe(200);
    expectKnownError(await sendCode({ email: bot, bot_challenge_token: "forged", bot_challenge_phase: "invisible" }), "BOT_CHALLENGE_REQUIRED", 409);
    expectKnownError(await sendCode({ email: bot, bot_challenge_token: "forged", bot_challenge_phase: "visible" }), "BOT_CHALLENGE_FAILED", 400);
    await expect.poll(async () => (await listEmails(testEnv().maildev.webUrl)).some((mail) => mail.to.some((to) => to.address === human)), { timeout: 15_000 }).toBe(true);
    expect((await listEmails(testEnv().maildev.webUrl)).some((mail) => mail.to.some((to) => to.address === bot))).toBe(false);
    expect(await sql("select count(*)::int as n from email_outbox where recipient = $1", [bot])).toEqual([{ n: 0 }]);
  });

  it("refuses a token solved for password sign-up", async () => {
    passingAction = "sign_up_with_credential";
    expectKnownError(await sendCode({ email: uniqueEmail("otp-replay"), bot_challenge_token: PASSING_TOKEN, bot_challenge_phase: "invisible" }), "BOT_CHALLENGE_REQUIRED", 409);
  });
});

describe("the published @stackframe/js@2.8.108 client", () => {
  // Its sign-up flow runs the widget only in a browser, so its wire client is driven directly with the challenge the
  // widget would have produced: the body it builds and the errors it expects are the real ones.
  const wireClient = async () => {
    const app = new (stackJs108 as any).StackClientApp({ baseUrl: guarded.url, projectId: project.projectId, publishableClientKey: project.publishableClientKey, tokenStore: "memory" });
    return { iface: app._interface, session: await app._getSession() };
  };

  it("gets BOT_CHALLENGE_REQUIRED as the error that starts its visible challenge, then signs up with the visible token", async () => {
    const { iface, session } = await wireClient();
    const email = uniqueEmail("sdk-108");
    const invisible = await iface.signUpWithCredential(email, "correct horse battery", undefined, session, { token: "forged", phase: "invisible" });
    expect(invisible.status).toBe("error");
    expect(invisible.error.errorCode).toBe("BOT_CHALLENGE_REQUIRED");
    const visible = await iface.signUpWithCredential(email, "correct horse battery", undefined, session, { token: PASSING_TOKEN, phase: "visible" });
    expect(visible.status).toBe("ok");
  });

  it("sends an unavailable challenge, and a sign-in code request with a challenge, in shapes the backend takes", async () => {
    const { iface, session } = await wireClient();
    expect((await iface.signUpWithCredential(uniqueEmail("sdk-108-none"), "correct horse battery", undefined, session, { unavailable: true })).status).toBe("ok");
    passingAction = "send_magic_link_email";
    expect((await iface.sendMagicLinkEmail(uniqueEmail("sdk-108-otp"), CALLBACK, { token: PASSING_TOKEN, phase: "invisible" })).status).toBe("ok");
  });
});

describe("a deployment without a Turnstile secret", () => {
  it("accepts the challenge fields and ignores them", async () => {
    const response = await signUp({ email: uniqueEmail("unchecked"), bot_challenge_token: "forged", bot_challenge_phase: "invisible" }, testEnv().backendUrl);
    expect(response.status).toBe(200);
    const code = await api("/api/v1/auth/otp/send-sign-in-code", {
      headers: projectHeaders(project, "client"),
      body: { email: uniqueEmail("unchecked-otp"), callback_url: CALLBACK, bot_challenge_token: "forged", bot_challenge_phase: "visible" },
    });
    expect(code.status).toBe(200);
    expect(asked).toHaveLength(0);
  });

  it("still refuses a phase that does not exist", async () => {
    expectKnownError(await signUp({ email: uniqueEmail("bad-phase"), bot_challenge_token: "t", bot_challenge_phase: "sideways" }, testEnv().backendUrl), "SCHEMA_ERROR", 400);
  });
});
