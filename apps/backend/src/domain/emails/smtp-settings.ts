import type { SmtpSettings } from "../../lib/config";
import type { ProjectConfig } from "../projects/config";

/** The SMTP server of a project: its own (an `email_config` of type "standard"), else the deployment's shared one. */
export function smtpSettingsFor(config: ProjectConfig, shared: SmtpSettings | null): SmtpSettings | null {
  const server = config.emails.server as Record<string, unknown>;
  if (server.isShared !== false) return shared;
  if (typeof server.host !== "string" || typeof server.port !== "number" || typeof server.senderEmail !== "string") return null;
  return {
    host: server.host,
    port: server.port,
    username: typeof server.username === "string" ? server.username : undefined,
    password: typeof server.password === "string" ? server.password : undefined,
    secure: server.port === 465,
    senderEmail: server.senderEmail,
    senderName: typeof server.senderName === "string" ? server.senderName : "",
  };
}
