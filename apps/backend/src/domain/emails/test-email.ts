import { randomUUID } from "node:crypto";
import type { Tx } from "../../db/client";
import type { SmtpSettings } from "../../lib/config";
import type { SendOneEmail } from "../../lib/email-transport";
import { type RateLimit, consumeRateLimit } from "../abuse/rate-limits";
import type { Tenancy } from "../projects/tenancy";

export type TestEmailResult = { success: true } | { success: false; errorMessage: string };

// The settings come from the caller, so each test is a connection to a host and port of their choosing: a short
// overall timeout and a small budget per project keep the endpoint from being a port scanner or an open relay.
export const TEST_EMAIL_TIMEOUT_MS = 10_000;
export const TEST_EMAIL_LIMIT: RateLimit = { limit: 20, windowSeconds: 600 };

/** What nodemailer's errors carry besides their message; `originalCode` is the socket's own (ECONNREFUSED, …). */
type SmtpError = Error & { code?: string; originalCode?: string; responseCode?: number; response?: string };

const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);

/** nodemailer reports a refused or unreachable connection as a socket error; it is a connection failure to the reader. */
function failureKind(error: SmtpError): string | undefined {
  if (error.code === "ESOCKET" && UNREACHABLE.has(error.originalCode ?? "")) return "ECONNECTION";
  if (error.code === "ESOCKET" && /^ERR_SSL|^ERR_TLS|CERT|SELF_SIGNED/.test(error.originalCode ?? "")) return "ETLS";
  return error.code;
}

const MAX_SERVER_ANSWER = 300;

/** The server's own SMTP reply, when it sent one (a 4xx/5xx line), cut short; anything else it said is not repeated. */
function serverAnswer(error: SmtpError): string {
  const answer = error.response?.trim();
  if (!answer || !/^[45]\d\d[ -]/.test(answer)) return "";
  return ` The server answered: ${answer.replace(/\s+/g, " ").slice(0, MAX_SERVER_ANSWER)}`;
}

/**
 * Says what went wrong in terms of the settings to fix. The server's reply is quoted only when it is an SMTP one:
 * a host that is not a mail server (an internal HTTP service, say) gets nothing of its answer echoed back.
 */
export function describeSmtpFailure(error: unknown): string {
  const failure = (error instanceof Error ? error : new Error(String(error))) as SmtpError;
  switch (failureKind(failure)) {
    case "EDNS":
      return "The email server's host name could not be resolved. Check the host.";
    case "ETIMEDOUT":
      return "The email server did not answer in time. Check the host and port, and that the server accepts connections from here.";
    case "ECONNECTION":
      return "Could not connect to the email server. Check the host and port, and that the server is running.";
    case "ETLS":
      return "The TLS handshake with the email server did not succeed. Port 465 uses TLS from the start; other ports upgrade with STARTTLS when the server offers it.";
    case "ESOCKET":
      return "The connection to the email server broke off. Check the host and port, and whether the port expects TLS from the start (465).";
    case "EPROTOCOL":
      return "The server at that host and port did not speak SMTP as expected. Check the port.";
    case "EAUTH":
    case "ENOAUTH":
      return `The email server did not accept the user name and password.${serverAnswer(failure)}`;
    case "EENVELOPE":
      return `The email server refused the sender or the recipient address.${serverAnswer(failure)}`;
    case "EMESSAGE":
      return `The email server refused the message.${serverAnswer(failure)}`;
    default:
      return "The email could not be sent. Check the email server settings.";
  }
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);

/** Removes the secrets the caller sent from a message meant for them, in case a server repeats one back. */
function withoutSecrets(message: string, secrets: (string | undefined)[]): string {
  let clean = message;
  for (const secret of secrets) if (secret && secret.length >= 3) clean = clean.split(secret).join("********");
  return clean;
}

/**
 * Sends a test email through SMTP settings an admin is trying out, and says whether it went through. A failure is an
 * answer, not an error: the settings are what is being tested.
 */
export async function sendTestEmail(
  db: Tx,
  tenancy: Tenancy,
  input: { recipientEmail: string; settings: SmtpSettings },
  deps: { sendOne: SendOneEmail; apiUrl: string },
): Promise<TestEmailResult> {
  if (!(await consumeRateLimit(db, `test-email:${tenancy.id}`, TEST_EMAIL_LIMIT))) {
    return { success: false, errorMessage: "Too many test emails were sent for this project recently. Try again in a few minutes." };
  }
  const { settings } = input;
  const text = `This email was sent from Hexclave to try out the email server settings of ${tenancy.project.displayName}. It arrived, so they work.`;
  try {
    await deps.sendOne(
      settings,
      {
        messageId: `<test-${randomUUID()}@${new URL(deps.apiUrl).hostname || "hexclave"}>`,
        to: input.recipientEmail,
        subject: `Test email from ${tenancy.project.displayName}`,
        text,
        html: `<p>${escapeHtml(text)}</p>`,
      },
      { timeoutMs: TEST_EMAIL_TIMEOUT_MS },
    );
    return { success: true };
  } catch (error) {
    return { success: false, errorMessage: withoutSecrets(describeSmtpFailure(error), [settings.password]) };
  }
}
