import nodemailer, { type Transporter } from "nodemailer";
import type { SmtpSettings } from "./config";

export type OutgoingMail = { messageId: string; to: string; subject: string; html: string; text: string };

/** Hands one email to an SMTP server; throws when the server does not accept it. */
export type EmailTransport = { send(settings: SmtpSettings, mail: OutgoingMail): Promise<void> };

/** SMTP through nodemailer, one pooled connection set per distinct server. */
export function createSmtpTransport(): EmailTransport {
  const transporters = new Map<string, Transporter>();
  const transporterFor = (settings: SmtpSettings) => {
    const key = JSON.stringify([settings.host, settings.port, settings.username, settings.password, settings.secure]);
    let transporter = transporters.get(key);
    if (!transporter) {
      transporter = nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        auth: settings.username ? { user: settings.username, pass: settings.password ?? "" } : undefined,
        pool: true,
        maxConnections: 4,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
      transporters.set(key, transporter);
    }
    return transporter;
  };
  return {
    async send(settings, mail) {
      await transporterFor(settings).sendMail(messageOf(settings, mail));
    },
  };
}

function messageOf(settings: SmtpSettings, mail: OutgoingMail) {
  return {
    from: { name: settings.senderName, address: settings.senderEmail },
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
  };
}

/** Sends one email over a connection of its own, closed afterwards; gives up after `timeoutMs` in all. */
export type SendOneEmail = (settings: SmtpSettings, mail: OutgoingMail, options: { timeoutMs: number }) => Promise<void>;

/**
 * For settings nobody has used yet (a test of an SMTP server): no pool keeps their connection open, and every phase of
 * the exchange has a short timeout of its own besides the overall one.
 */
export const sendOneEmail: SendOneEmail = async (settings, mail, { timeoutMs }) => {
  const transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.username ? { user: settings.username, pass: settings.password ?? "" } : undefined,
    connectionTimeout: timeoutMs / 2,
    greetingTimeout: timeoutMs / 2,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs / 2,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("The SMTP exchange took too long."), { code: "ETIMEDOUT" })), timeoutMs);
  });
  try {
    await Promise.race([transporter.sendMail(messageOf(settings, mail)), deadline]);
  } finally {
    clearTimeout(timer);
    transporter.close();
  }
};
