import type { SharedSmtpServer, SmtpSettings } from "../../lib/config";
import type { ProjectConfig } from "../projects/config";

/**
 * The SMTP server of a project: its own (an `email_config` of type "standard"), else the deployment's shared one.
 * Mail through the shared server is from the project by name, at the deployment's sender address, as Stack Auth's is;
 * a project's own server uses its configured sender name, or the project's name when it has none.
 */
export function smtpSettingsFor(project: { displayName: string; config: ProjectConfig }, shared: SharedSmtpServer | null): SmtpSettings | null {
  const server = project.config.emails.server as Record<string, unknown>;
  if (server.isShared !== false) return shared && { ...shared, senderName: project.displayName };
  if (typeof server.host !== "string" || typeof server.port !== "number" || typeof server.senderEmail !== "string") return null;
  return {
    host: server.host,
    port: server.port,
    username: typeof server.username === "string" ? server.username : undefined,
    password: typeof server.password === "string" ? server.password : undefined,
    secure: server.port === 465,
    senderEmail: server.senderEmail,
    senderName: typeof server.senderName === "string" && server.senderName !== "" ? server.senderName : project.displayName,
  };
}
