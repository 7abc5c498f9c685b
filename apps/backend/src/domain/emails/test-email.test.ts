import { type AddressInfo, type Server, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SmtpSettings } from "../../lib/config";
import { type SendOneEmail, sendOneEmail } from "../../lib/email-transport";
import { createTestServices } from "../../testing/test-services";
import { createProject } from "../projects/projects";
import type { Tenancy } from "../projects/tenancy";
import { TEST_EMAIL_LIMIT, describeSmtpFailure, sendTestEmail } from "./test-email";

let services: Awaited<ReturnType<typeof createTestServices>>;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

const SETTINGS: SmtpSettings = { host: "smtp.example.com", port: 587, username: "mailer", password: "hunter2-secret", secure: false, senderEmail: "hi@example.com", senderName: "Acme" };
const smtpError = (code: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(`failure ${code}`), { code, ...fields });

async function newTenancy(): Promise<Tenancy> {
  const project = await createProject(services.db, { display_name: "Acme <Shop>", owner_team_id: null });
  return (await services.projects.getTenancy(project.id))!;
}

function trySend(tenancy: Tenancy, sendOne: SendOneEmail, settings = SETTINGS) {
  return sendTestEmail(services.db, tenancy, { recipientEmail: "to@example.com", settings }, { sendOne, apiUrl: "http://localhost:8102" });
}

describe("sendTestEmail", () => {
  it("sends one email through exactly the settings given, with a short timeout", async () => {
    const sent: Parameters<SendOneEmail>[] = [];
    const result = await trySend(await newTenancy(), async (...args) => {
      sent.push(args);
    });
    expect(result).toEqual({ success: true });
    const [[settings, mail, options]] = sent as [Parameters<SendOneEmail>];
    expect(settings).toEqual(SETTINGS);
    expect(mail).toMatchObject({ to: "to@example.com", subject: "Test email from Acme <Shop>" });
    expect(mail.html).toContain("Acme &lt;Shop&gt;");
    expect(options.timeoutMs).toBeLessThanOrEqual(10_000);
  });

  it("answers a failure as a message, with the password blanked out if the server repeated it", async () => {
    const result = await trySend(await newTenancy(), async () => {
      throw smtpError("EAUTH", { responseCode: 535, response: "535 5.7.8 bad credentials for mailer:hunter2-secret" });
    });
    expect(result.success).toBe(false);
    const message = (result as { errorMessage: string }).errorMessage;
    expect(message).toContain("user name and password");
    expect(message).toContain("535 5.7.8");
    expect(message).not.toContain("hunter2-secret");
  });

  it("stops sending for a project that tried too often, without touching the server", async () => {
    const tenancy = await newTenancy();
    let calls = 0;
    const count: SendOneEmail = async () => {
      calls++;
    };
    for (let i = 0; i < TEST_EMAIL_LIMIT.limit; i++) expect((await trySend(tenancy, count)).success).toBe(true);
    const refused = await trySend(tenancy, count);
    expect(refused).toMatchObject({ success: false, errorMessage: expect.stringContaining("Too many test emails") });
    expect(calls).toBe(TEST_EMAIL_LIMIT.limit);
    // Another project has its own budget.
    expect((await trySend(await newTenancy(), count)).success).toBe(true);
  });
});

describe("describeSmtpFailure", () => {
  it.each([
    ["EDNS", "could not be resolved"],
    ["ECONNECTION", "Could not connect"],
    ["ETIMEDOUT", "did not answer in time"],
    ["EPROTOCOL", "did not speak SMTP"],
    ["ETLS", "TLS"],
    ["ESOCKET", "broke off"],
    ["EENVELOPE", "refused the sender or the recipient"],
    ["EMESSAGE", "refused the message"],
    ["SOMETHING_ELSE", "could not be sent"],
  ])("names the setting to check for %s", (code, phrase) => {
    expect(describeSmtpFailure(smtpError(code))).toContain(phrase);
  });

  it("quotes the server only when its answer is an SMTP reply", () => {
    expect(describeSmtpFailure(smtpError("EMESSAGE", { response: "554 5.7.1 spam" }))).toContain("554 5.7.1 spam");
    expect(describeSmtpFailure(smtpError("EMESSAGE", { response: "HTTP/1.1 400 Bad Request\r\nx-internal: secret" }))).not.toContain("internal");
  });
});

describe("sendOneEmail", () => {
  const mail = { messageId: "<t@example.com>", to: "to@example.com", subject: "s", text: "t", html: "<p>t</p>" };
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // Not a mail server: something that answers every connection with an HTTP error and hangs up.
    server = createServer((socket) => socket.end("HTTP/1.1 400 Bad Request\r\nx-internal-token: do-not-echo\r\n\r\n"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fails against a server that does not speak SMTP, and the answer is not echoed", async () => {
    const error = await sendOneEmail({ ...SETTINGS, host: "127.0.0.1", port }, mail, { timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(describeSmtpFailure(error)).not.toContain("do-not-echo");
  });

  it("fails fast on a closed port", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await sendOneEmail({ ...SETTINGS, host: "127.0.0.1", port: closedPort }, mail, { timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(describeSmtpFailure(error)).toContain("Could not connect");
  });
});
