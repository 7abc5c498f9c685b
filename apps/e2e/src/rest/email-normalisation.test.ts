import { beforeAll, describe, expect, it } from "vitest";
import { listEmails, waitForEmail } from "../harness/maildev";
import { type TestProject, api, createTestProject, enableMagicLinks, expectKnownError, projectHeaders, signUpWithPassword, sql, testEnv } from "../harness/rest";
import { projectSnapshot } from "../harness/snapshots";

// Addresses that could reach a mailbox other than the one stored are refused before
// anything is written or sent; case variants are one account.

const CALLBACK = "http://localhost:3000/handler/magic-link-callback";
let project: TestProject;

beforeAll(async () => {
  project = await createTestProject("Email normalisation");
  await enableMagicLinks(project);
});

const HOSTILE = {
  "IN-07 fullwidth at sign": "victim＠corp.com",
  "IN-07 small at sign": "victim﹫corp.com",
  "IN-07 zero-width space": "vic\u200btim@corp.com",
  "IN-07 right-to-left override": "victim\u202e@corp.com",
  "IN-07 ligature": "ﬁle@corp.com",
  "IN-08 two recipients (comma)": "a@evil.com,victim@corp.com",
  "IN-08 two recipients (semicolon)": "a@evil.com;victim@corp.com",
  "IN-08 header injection": "victim@corp.com\r\nBcc: a@evil.com",
  "IN-08 over-long address": `${"a".repeat(310)}@corp.com`,
  "IN-09 quoted local part": '"e@attacker.com"@victim.com',
  "IN-09 comment": "victim(comment)@corp.com",
  "IN-09 quoted space": '"x y"@corp.com',
  "IN-10 dotless i": "mıke@ex.com",
  "IN-10 long s": "ſam@ex.com",
  "IN-10 sharp s": "straße@ex.com",
  "IN-10 Kelvin sign": "\u212Aelvin@ex.com",
  "IN-11 trailing dot": "admin@example.com.",
  "IN-11 Cyrillic homograph": "admin@exаmple.com",
};

const ENDPOINTS = {
  "sign-in code": (email: string) => api("/api/v1/auth/otp/send-sign-in-code", { headers: projectHeaders(project, "client"), body: { email, callback_url: CALLBACK } }),
  "password reset": (email: string) => api("/api/v1/auth/password/send-reset-code", { headers: projectHeaders(project, "client"), body: { email, callback_url: CALLBACK } }),
  "sign-up": (email: string) =>
    api("/api/v1/auth/password/sign-up", { headers: projectHeaders(project, "client"), body: { email, password: "correct horse battery", verification_callback_url: CALLBACK } }),
};

describe.each(Object.entries(ENDPOINTS))("%s", (_name, send) => {
  it.each(Object.entries(HOSTILE))("refuses %s with SCHEMA_ERROR, writing and mailing nothing", async (_case, email) => {
    const before = await projectSnapshot(project.projectId);
    expectKnownError(await send(email), "SCHEMA_ERROR", 400);
    // The snapshot covers the project's outbox, the only way mail leaves.
    expect(await projectSnapshot(project.projectId)).toEqual(before);
  });
});

// Other test files mail in parallel; only addresses of the cases above must never appear in the inbox.
const HOSTILE_FRAGMENTS = ["victim", "evil", "attacker", "@ex.com", "@corp.com", "admin@", "\u212A"];

it("mailed none of the refused addresses", async () => {
  const recipients = (await listEmails(testEnv().maildev.webUrl)).flatMap((mail) => mail.to.map((to) => to.address));
  expect(recipients.filter((address) => HOSTILE_FRAGMENTS.some((fragment) => address.includes(fragment)))).toEqual([]);
});

describe("addresses that are accepted", () => {
  it("IN-11: case variants are one account, stored and mailed in lower case exactly", async () => {
    const user = await signUpWithPassword(project, "Admin.Case@Example.COM");
    expectKnownError(
      await api("/api/v1/auth/password/sign-up", { headers: projectHeaders(project, "client"), body: { email: "admin.case@example.com", password: "correct horse battery" } }),
      "USER_EMAIL_ALREADY_EXISTS",
      409,
    );
    const [stored] = await sql("select value from contact_channels where user_id = $1", [user.userId]);
    expect(stored.value).toBe("admin.case@example.com");
    // IN-09: the address the mailer sends to is the stored one, byte for byte.
    await api("/api/v1/auth/password/send-reset-code", { headers: projectHeaders(project, "client"), body: { email: "ADMIN.CASE@example.com", callback_url: CALLBACK } });
    const mail = await waitForEmail(testEnv().maildev.webUrl, "admin.case@example.com");
    expect(mail.to.map((to) => to.address)).toEqual(["admin.case@example.com"]);
  });
});
