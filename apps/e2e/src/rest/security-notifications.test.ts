import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendProcess, startBackend } from "../harness/backend-process";
import { backendEnv } from "../harness/global-setup";
import { type CaughtEmail, codeFromEmail, waitForEmail } from "../harness/maildev";
import { SoftAuthenticator } from "../harness/soft-authenticator";
import { type TestProject, api, createTestProject, expectKnownError, projectHeaders, sql, testEnv, uniqueEmail } from "../harness/rest";
import { renderedConfig, setEnvironmentConfig } from "./config-helpers";

// Security-change notices: with `emails.securityNotifications` on, a user's verified primary address is mailed when
// their password or two-factor setup changes, naming the IP address and user agent of the request. The changes go
// through a backend started with STACK_TRUST_PROXY=true, so the x-forwarded-for each request sends is its client IP;
// users sign up there too, since an access token names the API URL of the instance that issued it.
const PASSWORD = "correct horse battery";
const NEW_PASSWORD = "a brand new passphrase";
const CALLBACK = "http://localhost:3000/handler/password-reset";
let project: TestProject;
let quiet: TestProject;
let proxied: BackendProcess;

beforeAll(async () => {
  project = await createTestProject("Notices On");
  await setEnvironmentConfig(project, { "emails.securityNotifications": true, "auth.passkey.allowSignIn": true });
  quiet = await createTestProject("Notices Off");
  proxied = await startBackend({ ...backendEnv(testEnv()), STACK_TRUST_PROXY: "true" }, { quiet: true });
}, 60_000);
afterAll(async () => {
  await proxied.stop();
});

let clients = 0;
/** A client of its own: a documentation IP address and a user agent no other test sends. */
function newClient(label: string) {
  clients += 1;
  return { ip: `203.0.113.${clients}`, userAgent: `NoticeTest/${clients}.0 (${label}; +e2e)` };
}
type Client = ReturnType<typeof newClient>;

/** A request through the proxied backend, as `client` would send it. */
const fromClient = (client: Client, path: string, options: { target?: TestProject; accessToken?: string; method?: string; body?: unknown }) =>
  api(path, {
    baseUrl: proxied.url,
    method: options.method,
    headers: {
      ...projectHeaders(options.target ?? project, "client", options.accessToken ? { "access-token": options.accessToken } : {}),
      "x-forwarded-for": client.ip,
      "user-agent": client.userAgent,
    },
    body: options.body,
  });

const asServer = (path: string, options: { method?: string; body: unknown }) =>
  api(path, { baseUrl: proxied.url, method: options.method, headers: projectHeaders(project, "server"), body: options.body });

async function signedUp(target = project, label = "notice") {
  const email = uniqueEmail(label);
  const response = await fromClient(newClient("sign-up"), "/api/v1/auth/password/sign-up", { target, body: { email, password: PASSWORD } });
  expect(response.status).toBe(200);
  return { email, userId: response.body.user_id as string, accessToken: response.body.access_token as string };
}

/** Notices go to verified primary addresses only (see security-notices.ts); a server says this one is. */
async function verifiedUser(target = project) {
  const user = await signedUp(target);
  const verified = await api(`/api/v1/users/${user.userId}`, { method: "PATCH", headers: projectHeaders(target, "server"), body: { primary_email_verified: true } });
  expect(verified.status).toBe(200);
  return user;
}

/** Rows are queued in the change's own transaction: once the answer is in, a change that queued none never mails. */
const queuedNotices = async (address: string) =>
  (await sql("select subject from email_outbox where kind = 'security_notice' and recipient = $1 order by created_at", [address.toLowerCase()])).map(
    (row: { subject: string }) => row.subject,
  );

const noticeMail = (address: string, subject: string) => waitForEmail(testEnv().maildev.webUrl, address, (mail) => mail.subject === subject);

function expectNamesClient(mail: CaughtEmail, client: Client) {
  for (const body of [mail.text, mail.html]) {
    expect(body).toContain(client.ip);
    expect(body).toContain(client.userAgent);
  }
  expect(mail.html).not.toMatch(/href=/i);
}

const updatePassword = (client: Client, user: { accessToken: string }, oldPassword: string, target = project) =>
  fromClient(client, "/api/v1/auth/password/update", { target, accessToken: user.accessToken, body: { old_password: oldPassword, new_password: NEW_PASSWORD } });

const setTotp = (client: Client, user: { accessToken: string }, secret: Buffer | null, target = project) =>
  fromClient(client, "/api/v1/users/me", {
    target,
    method: "PATCH",
    accessToken: user.accessToken,
    body: { totp_secret_base64: secret === null ? null : secret.toString("base64") },
  });

describe("security-change notices", () => {
  it("are off by default: a project that did not turn them on queues none", async () => {
    expect((await renderedConfig(quiet)).emails.securityNotifications).toBe(false);
    const user = await verifiedUser(quiet);
    const client = newClient("quiet");
    expect((await updatePassword(client, user, PASSWORD, quiet)).status).toBe(200);
    expect((await setTotp(client, user, randomBytes(20), quiet)).status).toBe(200);
    expect(await queuedNotices(user.email)).toEqual([]);
  });

  it("mail the user when their password is changed, naming the client's IP address and user agent", async () => {
    const user = await verifiedUser();
    const client = newClient("password update");
    expect((await updatePassword(client, user, PASSWORD)).status).toBe(200);
    expectNamesClient(await noticeMail(user.email, "Your Notices On password was changed"), client);
  });

  it("mail the user when their password is reset with an emailed link", async () => {
    const user = await verifiedUser();
    const sent = await api("/api/v1/auth/password/send-reset-code", { headers: projectHeaders(project, "client"), body: { email: user.email, callback_url: CALLBACK } });
    expect(sent.status).toBe(200);
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, user.email, (mail) => mail.subject.startsWith("Reset your password")));
    const client = newClient("password reset");
    expect((await fromClient(client, "/api/v1/auth/password/reset", { body: { code, password: NEW_PASSWORD } })).status).toBe(200);
    expectNamesClient(await noticeMail(user.email, "Your Notices On password was reset"), client);
  });

  it("mail the user when two-factor is turned on, given a new secret and turned off; turning it off again sends nothing", async () => {
    const user = await verifiedUser();
    const client = newClient("totp");
    expect((await setTotp(client, user, randomBytes(20))).status).toBe(200);
    expectNamesClient(await noticeMail(user.email, "Two-factor authentication was turned on for your Notices On account"), client);
    expect((await setTotp(client, user, randomBytes(20))).status).toBe(200);
    expectNamesClient(await noticeMail(user.email, "A new authenticator was set up for your Notices On account"), client);
    expect((await setTotp(client, user, null)).status).toBe(200);
    expectNamesClient(await noticeMail(user.email, "Two-factor authentication was turned off for your Notices On account"), client);
    expect((await setTotp(client, user, null)).status).toBe(200);
    expect(await queuedNotices(user.email)).toHaveLength(3);
  });

  it("mail the user when a passkey is added or removed, and when recovery codes are made", async () => {
    const user = await verifiedUser();
    const client = newClient("passkey");
    const started = await fromClient(client, "/api/v1/auth/passkey/initiate-passkey-registration", { accessToken: user.accessToken, body: {} });
    const credential = new SoftAuthenticator().register(started.body.options_json);
    expect((await fromClient(client, "/api/v1/auth/passkey/register", { accessToken: user.accessToken, body: { code: started.body.code, credential } })).status).toBe(200);
    expectNamesClient(await noticeMail(user.email, "A passkey was added to your Notices On account"), client);
    expect((await fromClient(client, "/api/v1/users/me", { method: "PATCH", accessToken: user.accessToken, body: { passkey_auth_enabled: false } })).status).toBe(200);
    expectNamesClient(await noticeMail(user.email, "A passkey was removed from your Notices On account"), client);
    // Removing a passkey the user no longer has is no change.
    expect((await fromClient(client, "/api/v1/users/me", { method: "PATCH", accessToken: user.accessToken, body: { passkey_auth_enabled: false } })).status).toBe(200);

    expect((await setTotp(client, user, randomBytes(20))).status).toBe(200);
    expect((await fromClient(client, "/api/v1/auth/mfa/recovery-codes", { accessToken: user.accessToken, body: {} })).status).toBe(200);
    expectNamesClient(await noticeMail(user.email, "New recovery codes were made for your Notices On account"), client);
    expect(await queuedNotices(user.email)).toHaveLength(4);
  });

  it("mail the user when a server sets their password, and when they give a password-less account one", async () => {
    const user = await verifiedUser();
    const byServer = await asServer(`/api/v1/users/${user.userId}`, { method: "PATCH", body: { password: NEW_PASSWORD } });
    expect(byServer.status).toBe(200);
    expect(await queuedNotices(user.email)).toEqual(["Your Notices On password was changed"]);

    const email = uniqueEmail("set-password");
    const created = await asServer("/api/v1/users", { body: { primary_email: email, primary_email_verified: true, primary_email_auth_enabled: true } });
    // Creating a user with an address is no change to an account's security.
    expect(await queuedNotices(email)).toEqual([]);
    const session = await asServer("/api/v1/auth/sessions", { body: { user_id: created.body.id } });
    const client = newClient("password set");
    expect((await fromClient(client, "/api/v1/auth/password/set", { accessToken: session.body.access_token, body: { password: NEW_PASSWORD } })).status).toBe(200);
    expectNamesClient(await noticeMail(email, "Your Notices On password was changed"), client);
  });

  it("send nothing for a change that fails: a wrong old password", async () => {
    const user = await verifiedUser();
    expectKnownError(await updatePassword(newClient("wrong old password"), user, "not the password at all"), "PASSWORD_CONFIRMATION_MISMATCH", 400);
    expect(await queuedNotices(user.email)).toEqual([]);
  });

  it("send nothing to a primary address that was never verified", async () => {
    const user = await signedUp(project, "unverified");
    expect((await updatePassword(newClient("unverified"), user, PASSWORD)).status).toBe(200);
    expect(await queuedNotices(user.email)).toEqual([]);
  });
});
