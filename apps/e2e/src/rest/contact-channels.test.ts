import { beforeAll, describe, expect, it } from "vitest";
import { codeFromEmail, listEmails, waitForEmail } from "../harness/maildev";
import { projectSnapshot } from "../harness/snapshots";
import {
  type SignedInUser,
  type TestProject,
  api,
  createTestProject,
  expectKnownError,
  projectHeaders,
  sql,
  testEnv,
  uniqueEmail,
} from "../harness/rest";

const CALLBACK = "http://localhost:3000/handler/email-verification";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Contact channels");
});

const client = (user: SignedInUser) => projectHeaders(project, "client", { "access-token": user.accessToken });

async function signUpWithVerification(email = uniqueEmail("verify")): Promise<SignedInUser> {
  const response = await api("/api/v1/auth/password/sign-up", {
    headers: projectHeaders(project, "client"),
    body: { email, password: "correct horse battery", verification_callback_url: CALLBACK },
  });
  expect(response.status).toBe(200);
  return { userId: response.body.user_id, email, password: "correct horse battery", accessToken: response.body.access_token, refreshToken: response.body.refresh_token };
}

describe("email verification", () => {
  it("mails a verification link on sign-up, through the outbox and SMTP, which verifies the address", async () => {
    const user = await signUpWithVerification();
    const mail = await waitForEmail(testEnv().maildev.webUrl, user.email);
    expect(mail.subject).toBe("Verify your email at Contact channels");
    expect(mail.text).toContain(`${CALLBACK}?code=`);
    expect(mail.html).toContain("Verify email");
    expect(mail.messageId).toMatch(/^[0-9a-f-]{36}@localhost$/);

    const code = codeFromEmail(mail);
    expect((await api("/api/v1/contact-channels/verify/check-code", { headers: projectHeaders(project, "client"), body: { code } })).body).toEqual({
      is_code_valid: true,
    });
    const verified = await api("/api/v1/contact-channels/verify", { headers: projectHeaders(project, "client"), body: { code } });
    expect(verified.body).toEqual({ success: true });
    expect((await api("/api/v1/users/me", { headers: client(user) })).body.primary_email_verified).toBe(true);

    const again = await api("/api/v1/contact-channels/verify", { headers: projectHeaders(project, "client"), body: { code } });
    expectKnownError(again, "VERIFICATION_CODE_ALREADY_USED", 409);
  });

  // The email row is part of the sign-up's transaction, so a failed sign-up mails nothing.
  it("queues no email when the sign-up that would cause it fails", async () => {
    const user = await signUpWithVerification();
    await waitForEmail(testEnv().maildev.webUrl, user.email);
    const again = await api("/api/v1/auth/password/sign-up", {
      headers: projectHeaders(project, "client"),
      body: { email: user.email, password: "another password!", verification_callback_url: CALLBACK },
    });
    expectKnownError(again, "USER_EMAIL_ALREADY_EXISTS", 409);
    const rows = await sql("select count(*)::int as n from email_outbox where recipient = $1", [user.email]);
    expect(rows[0].n).toBe(1);
  });

  it("answers an unknown code with VERIFICATION_CODE_NOT_FOUND and a malformed one with SCHEMA_ERROR", async () => {
    const headers = projectHeaders(project, "client");
    expectKnownError(await api("/api/v1/contact-channels/verify", { headers, body: { code: "a".repeat(45) } }), "VERIFICATION_CODE_NOT_FOUND", 404);
    expectKnownError(await api("/api/v1/contact-channels/verify", { headers, body: { code: "short" } }), "SCHEMA_ERROR", 400);
  });

  it("refuses an untrusted callback URL before writing anything", async () => {
    const before = await projectSnapshot(project.projectId);
    const response = await api("/api/v1/auth/password/sign-up", {
      headers: projectHeaders(project, "client"),
      body: { email: uniqueEmail("untrusted"), password: "correct horse battery", verification_callback_url: "https://evil.example.com/verify" },
    });
    expectKnownError(response, "REDIRECT_URL_NOT_WHITELISTED", 400);
    expect(await projectSnapshot(project.projectId)).toEqual(before);
  });

  it("resends through the deprecated endpoint only for the primary, unverified email", async () => {
    const user = await signUpWithVerification();
    const other = await api("/api/v1/contact-channels/send-verification-code", {
      headers: client(user),
      body: { email: uniqueEmail("not-mine"), callback_url: CALLBACK },
    });
    expectKnownError(other, "EMAIL_IS_NOT_PRIMARY_EMAIL", 400);
    const resent = await api("/api/v1/contact-channels/send-verification-code", { headers: client(user), body: { email: user.email, callback_url: CALLBACK } });
    expect(resent.body).toEqual({ success: true });
    const mails = async () => (await listEmails(testEnv().maildev.webUrl)).filter((mail) => mail.to.some((to) => to.address === user.email));
    await expect.poll(async () => (await mails()).length, { timeout: 15_000 }).toBe(2);
    await api("/api/v1/contact-channels/verify", { headers: projectHeaders(project, "client"), body: { code: codeFromEmail((await mails())[1]!) } });
    const done = await api("/api/v1/contact-channels/send-verification-code", { headers: client(user), body: { email: user.email, callback_url: CALLBACK } });
    expectKnownError(done, "EMAIL_ALREADY_VERIFIED", 409);
  });
});

describe("contact channels", () => {
  it("adds, lists, promotes, verifies and deletes a user's channels", async () => {
    const user = await signUpWithVerification();
    const second = uniqueEmail("second");
    const created = await api("/api/v1/contact-channels", {
      headers: client(user),
      body: { user_id: "me", value: `  ${second.toUpperCase()} `, type: "email", used_for_auth: false },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user_id: user.userId, value: second, is_verified: false, is_primary: false, used_for_auth: false });

    const listed = await api("/api/v1/contact-channels?user_id=me", { headers: client(user) });
    expect(listed.body.items.map((channel: { value: string }) => channel.value)).toEqual([user.email, second]);

    const path = `/api/v1/contact-channels/me/${created.body.id}`;
    expect((await api(path, { method: "PATCH", headers: client(user), body: { is_primary: true } })).body.is_primary).toBe(true);
    expect((await api("/api/v1/users/me", { headers: client(user) })).body.primary_email).toBe(second);

    const sent = await api(`${path}/send-verification-code`, { headers: client(user), body: { callback_url: CALLBACK } });
    expect(sent.body).toEqual({ success: true });
    const code = codeFromEmail(await waitForEmail(testEnv().maildev.webUrl, second));
    await api("/api/v1/contact-channels/verify", { headers: projectHeaders(project, "client"), body: { code } });
    expect((await api(path, { headers: client(user) })).body.is_verified).toBe(true);

    expect((await api(path, { method: "DELETE", headers: client(user) })).body).toEqual({ success: true });
    expect((await api(path, { headers: client(user) })).status).toBe(404);
  });

  it("refuses a duplicate of the user's own channel, and another account's sign-in address", async () => {
    const user = await signUpWithVerification();
    const someoneElse = await signUpWithVerification();
    const duplicate = await api("/api/v1/contact-channels", { headers: client(user), body: { user_id: "me", value: user.email, type: "email", used_for_auth: false } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.text).toBe("Contact channel already exists");
    const taken = await api("/api/v1/contact-channels", {
      headers: client(user),
      body: { user_id: "me", value: someoneElse.email, type: "email", used_for_auth: true },
    });
    expectKnownError(taken, "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE", 409);
    expect(taken.body.details).toEqual({ type: "email", contact_channel_value: someoneElse.email, would_work_if_email_was_verified: false });
  });

  it("keeps clients to their own user; servers may act on any user of the project", async () => {
    const user = await signUpWithVerification();
    const other = await signUpWithVerification();
    const foreign = await api("/api/v1/contact-channels", { headers: client(user), body: { user_id: other.userId, value: uniqueEmail(), type: "email", used_for_auth: false } });
    expect(foreign.status).toBe(403);
    expect((await api(`/api/v1/contact-channels?user_id=${other.userId}`, { headers: client(user) })).status).toBe(403);
    const byServer = await api("/api/v1/contact-channels", {
      headers: projectHeaders(project, "server"),
      body: { user_id: other.userId, value: uniqueEmail("server"), type: "email", used_for_auth: false, is_verified: true },
    });
    expect(byServer.body.is_verified).toBe(true);
    const clientVerified = await api("/api/v1/contact-channels", {
      headers: client(user),
      body: { user_id: "me", value: uniqueEmail(), type: "email", used_for_auth: false, is_verified: true },
    });
    expectKnownError(clientVerified, "SCHEMA_ERROR", 400);
  });
});

describe("unknown channels and signed-out callers", () => {
  it("answers a change or removal of an unknown channel with a plain 400, and a read of one with a 404", async () => {
    const user = await signUpWithVerification();
    const path = "/api/v1/contact-channels/me/031448ab-178b-4d43-b31b-28f16c3c52a9";
    for (const [method, body] of [["DELETE", undefined], ["PATCH", { is_primary: true }]] as const) {
      const response = await api(path, { method, headers: client(user), body });
      expect(response.status, method).toBe(400);
      expect(response.text).toBe("Contact channel not found");
      expect(response.headers.get("x-stack-known-error")).toBeNull();
    }
    expect((await api(path, { headers: client(user) })).status).toBe(404);
  });

  it("answers the legacy verification route without a signed-in user with SCHEMA_ERROR about auth.user", async () => {
    const user = await signUpWithVerification();
    const response = await api("/api/v1/contact-channels/send-verification-code", {
      headers: projectHeaders(project, "client"),
      body: { email: user.email, callback_url: CALLBACK },
    });
    expectKnownError(response, "SCHEMA_ERROR", 400);
    expect(response.body.details.message).toContain("auth.user must be defined");
  });
});

describe("the email queue cron step", () => {
  it("runs with the cron secret, answering exactly {ok: true}, and refuses without it", async () => {
    const url = "/api/latest/internal/email-queue-step";
    const missing = await api(url);
    expectKnownError(missing, "SCHEMA_ERROR", 400);
    expect(missing.body.details.message).toContain("headers.authorization must be defined");
    expect((await api(url, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const ok = await api(url, { headers: { authorization: `Bearer ${testEnv().cronSecret}` } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true });
  });
});
