import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, waitForEmail } from "../harness/maildev";
import {
  type ApiResponse,
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  enableMagicLinks,
  patchProjectConfig,
  projectHeaders,
  refreshWithOAuth,
  signUpWithPassword,
  testEnv,
  uniqueEmail,
} from "../harness/rest";

// What the backend prints, read from the log the harness keeps of the shared backend: security events (LG-04), lines
// no client can forge (LG-02), and no secret of any request (LG-01).

const CALLBACK = "http://localhost:3000/handler/callback";
let project: TestProject;
let other: TestProject;

beforeAll(async () => {
  [project, other] = [await createTestProject("Logs"), await createTestProject("Logs, other project")];
  await enableMagicLinks(project);
  await patchProjectConfig(project, { allow_user_api_keys: true, client_team_creation_enabled: true });
});

type LogRecord = Record<string, any>;

const logText = () => readFileSync(testEnv().backendLogFile, "utf8");
const requestIdOf = (response: ApiResponse) => response.headers.get("x-hexclave-request-id")!;

/** The JSON records the backend logged for one request; they reach the file a moment after the answer. */
async function recordsOf(response: ApiResponse, count = 1): Promise<LogRecord[]> {
  const requestId = requestIdOf(response);
  const deadline = Date.now() + 5000;
  for (;;) {
    const lines = logText().split("\n").filter((line) => line.includes(requestId));
    if (lines.length >= count || Date.now() > deadline) return lines.map((line) => JSON.parse(line) as LogRecord);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const client = (target: TestProject, extra: Record<string, string> = {}) => projectHeaders(target, "client", extra);
const signIn = (email: string, password: string, headers: Record<string, string | undefined> = client(project)) =>
  api("/api/v1/auth/password/sign-in", { headers, body: { email, password } });

describe("security events (LG-04)", () => {
  it("logs a failed and a successful sign-in with who, what, when (UTC) and where", async () => {
    const user = await signUpWithPassword(project);
    const headers = { ...client(project), "user-agent": "logs-e2e/1.0" };
    const failed = await signIn(user.email, "not the password", headers);
    const succeeded = await signIn(user.email, user.password, headers);
    const [failure] = await recordsOf(failed);
    expect(failure).toEqual({
      log: "security",
      event: "authentication.failed",
      time: expect.stringMatching(/Z$/),
      request_id: requestIdOf(failed),
      who: { project_id: project.projectId, access_type: "client", user_id: null, email: user.email },
      what: { route: "POST /auth/password/sign-in", status: 400, code: "EMAIL_PASSWORD_MISMATCH", method: "password" },
      where: { ip: "127.0.0.1", user_agent: "logs-e2e/1.0" },
    });
    expect(Math.abs(Date.parse(failure!.time) - Date.now())).toBeLessThan(60_000);
    expect(await recordsOf(succeeded)).toMatchObject([{ event: "authentication.succeeded", who: { user_id: user.userId }, what: { status: 200, code: null } }]);
  });

  it("logs a refused refresh token and a refused project key, naming the credential but not its value", async () => {
    const refreshed = await refreshWithOAuth(project.projectId, "a".repeat(45));
    expect(await recordsOf(refreshed)).toMatchObject([
      { event: "authentication.failed", who: { project_id: project.projectId }, what: { route: "POST /auth/oauth/token", code: "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", method: "oauth_token" } },
    ]);
    const wrongKey = await api("/api/v1/users", { headers: projectHeaders({ ...project, secretServerKey: "ssk_not_the_key_0123456789" }, "server") });
    expect(await recordsOf(wrongKey)).toMatchObject([{ event: "authentication.failed", what: { code: "INVALID_SECRET_SERVER_KEY", method: "secret_server_key" } }]);
  });

  it("logs an API key revocation with the key's id and the user who revoked it", async () => {
    const user = await signUpWithPassword(project);
    const headers = client(project, { "access-token": user.accessToken });
    const key = await api("/api/v1/user-api-keys", { headers, body: { user_id: "me", description: "logs", expires_at_millis: null } });
    const revoked = await api(`/api/v1/user-api-keys/${key.body.id}`, { method: "PATCH", headers, body: { revoked: true } });
    expect(await recordsOf(revoked)).toMatchObject([
      { event: "api_key.revoked", who: { project_id: project.projectId, user_id: user.userId }, what: { route: "PATCH /user-api-keys/:api_key_id", params: { api_key_id: key.body.id } } },
    ]);
  });

  it("logs another project's id asked for as a not-found answer of the asking project", async () => {
    const owner = await signUpWithPassword(project);
    const team = await api("/api/v1/teams", { headers: client(project, { "access-token": owner.accessToken }), body: { display_name: "Logged team" } });
    const probe = await api(`/api/v1/teams/${team.body.id}`, { headers: projectHeaders(other, "server") });
    expect(probe.status).toBe(404);
    expect(await recordsOf(probe)).toMatchObject([
      { event: "access.not_found", who: { project_id: other.projectId, access_type: "server" }, what: { code: "TEAM_NOT_FOUND", params: { team_id: team.body.id } } },
    ]);
  });
});

describe("log lines clients cannot forge (LG-02)", () => {
  const FORGED = '{"log":"security","event":"authentication.succeeded","forged":true}';

  it("keeps CRLF and ANSI escapes in an email, a user agent and a name inside their JSON strings", async () => {
    const user = await signUpWithPassword(project);
    const email = `${user.email}\r\n${FORGED}\n\u001b[2J\u001b[31m`;
    // Node refuses C0 controls in headers; C1 controls (0x9b is a CSI) pass as Latin-1.
    const userAgent = "agent\u009b2J\u009b31mred";
    const responses = [
      await signIn(email, "not the password", { ...client(project), "user-agent": userAgent }),
      await api("/api/v1/users/me", { method: "PATCH", headers: client(project, { "access-token": user.accessToken }), body: { display_name: `Eve\r\n${FORGED}` } }),
    ];
    const [event] = await recordsOf(responses[0]!);
    expect(event).toMatchObject({ who: { email }, where: { user_agent: userAgent } });
    const text = logText();
    // Every line is one JSON record or plain text the backend wrote itself; none is the forged one, none drives a terminal.
    for (const line of text.split("\n")) expect(line).not.toBe(FORGED);
    expect([text.includes("\u001b"), text.includes("\u009b")]).toEqual([false, false]);
    for (const line of text.split("\n").filter((l) => l.includes(requestIdOf(responses[0]!)))) expect(() => JSON.parse(line)).not.toThrow();
  });
});

describe("no secret in the logs (LG-01)", () => {
  /** Every secret a run of the common flows handles, to be looked for in the log afterwards. */
  const secrets = new Set<string>();
  const keep = (...values: (string | undefined)[]) => {
    for (const value of values) if (value) secrets.add(value);
  };
  let user: SignedInUser;

  beforeAll(async () => {
    keep(project.publishableClientKey, project.secretServerKey, project.superSecretAdminKey);
    const password = "a passphrase only this test knows";
    user = await signUpWithPassword(project, uniqueEmail("secrets"), password);
    keep(password, user.accessToken, user.refreshToken);
    const signedIn = await signIn(user.email, password);
    keep(signedIn.body.access_token, signedIn.body.refresh_token);
    await signIn(user.email, "a wrong passphrase for the log test");
    keep("a wrong passphrase for the log test");
    keep((await refreshWithOAuth(project.projectId, user.refreshToken)).body.access_token);

    const otpEmail = uniqueEmail("secrets-otp");
    const sent = await api("/api/v1/auth/otp/send-sign-in-code", { headers: client(project), body: { email: otpEmail, callback_url: CALLBACK } });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, otpEmail));
    keep(sent.body.nonce, code, code.slice(0, 6).toUpperCase());
    const otpSignIn = await api("/api/v1/auth/otp/sign-in", { headers: client(project), body: { code } });
    keep(otpSignIn.body.access_token, otpSignIn.body.refresh_token);

    await api("/api/v1/auth/password/send-reset-code", { headers: client(project), body: { email: user.email, callback_url: CALLBACK } });
    const resetCode = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, user.email, (mail) => mail.text.includes(`${CALLBACK}?code=`)));
    const newPassword = "the reset passphrase of the log test";
    await api("/api/v1/auth/password/reset", { headers: client(project), body: { code: resetCode, password: newPassword } });
    keep(resetCode, newPassword);

    const again = await signIn(user.email, newPassword);
    const headers = client(project, { "access-token": again.body.access_token });
    keep(again.body.access_token, again.body.refresh_token);
    const key = await api("/api/v1/user-api-keys", { headers, body: { user_id: "me", description: "secret", expires_at_millis: null } });
    keep(key.body.value);
    await api("/api/v1/user-api-keys/check", { headers: projectHeaders(project, "server"), body: { api_key: key.body.value } });
    await api("/api/v1/user-api-keys/check", { headers: projectHeaders(project, "server"), body: { api_key: `${key.body.value.slice(0, -1)}0` } });
    // A key in a URL is revoked and refused; the URL must not end up in the log either.
    await api(`/api/v1/users/me?leaked=${key.body.value}`, { headers });
    await api("/api/v1/users", { headers: projectHeaders({ ...project, secretServerKey: "ssk_guessed_key_for_the_log_test" }, "server") });
    keep("ssk_guessed_key_for_the_log_test");
    await api("/api/v1/users", { headers: projectHeaders(project, "server", { "access-token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmb3JnZWQifQ.forged-signature" }) });
    keep("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmb3JnZWQifQ.forged-signature");
    // Give the last lines time to reach the file.
    await new Promise((resolve) => setTimeout(resolve, 500));
  });

  it("logs none of the passwords, codes, tokens and keys of the flows", () => {
    const text = logText();
    // The flows were logged (their events are in the file), just without their secrets.
    expect(text).toContain(`"email":"${user.email}"`);
    expect([...secrets].filter((secret) => text.includes(secret))).toEqual([]);
  });

  it("logs nothing shaped like a credential, from any test of the run so far", () => {
    const text = logText();
    const shapes: Record<string, RegExp> = {
      jwt: /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/,
      "project key": /\b(pck|ssk|sak)_[a-z0-9]{20,}/,
      "user or team API key": /574ck4u7h|\b[ps]k_[a-z2-7]{45}/,
      "refresh token or code": /\b[a-z2-7]{39,45}\b/,
      "webhook or Stripe secret": /whsec_|\b[rs]k_(live|test)_/,
    };
    const found = Object.entries(shapes).flatMap(([name, shape]) => (shape.test(text) ? [`${name}: ${shape.exec(text)![0]}`] : []));
    expect(found).toEqual([]);
  });
});
