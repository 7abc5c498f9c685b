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
      await transporterFor(settings).sendMail({
        from: { name: settings.senderName, address: settings.senderEmail },
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
      });
    },
  };
}
