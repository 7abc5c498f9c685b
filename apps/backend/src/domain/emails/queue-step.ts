import type { Database } from "../../db/client";
import type { BackendConfig } from "../../lib/config";
import type { EmailTransport } from "../../lib/email-transport";
import { pruneRateLimitCounters } from "../abuse/rate-limits";
import { pruneExpiredVerificationCodes } from "../verification/codes";
import { type OutboxRow, claimDueEmails, recordFailure, recordSent } from "./outbox";
import { smtpSettingsFor } from "./smtp-settings";
import type { ProjectCache } from "../projects/project-cache";

/** What sending the outbox needs: where rows and projects are, the SMTP transport, and the email settings. */
export type EmailQueueDeps = { db: Database; projects: ProjectCache; mailer: EmailTransport; email: BackendConfig["email"]; apiUrl: string };

const BATCH_SIZE = 20;

/** The same Message-ID on every attempt of a row, so a receiver can tell a resend after a crash from a new email. */
export function messageIdOf(row: Pick<OutboxRow, "id">, apiUrl: string): string {
  return `<${row.id}@${new URL(apiUrl).hostname || "hexclave"}>`;
}

async function sendOne(deps: EmailQueueDeps, row: OutboxRow): Promise<boolean> {
  const project = await deps.projects.get(row.projectId);
  const settings = project ? smtpSettingsFor({ displayName: project.project.displayName, config: project.config }, deps.email.shared) : null;
  if (!settings) {
    await recordFailure(deps.db, row, "No email server is configured: set STACK_EMAIL_HOST, or give the project its own email_config.");
    return false;
  }
  try {
    await deps.mailer.send(settings, {
      messageId: messageIdOf(row, deps.apiUrl),
      to: row.recipient,
      subject: row.subject,
      html: row.html,
      text: row.text,
    });
  } catch (error) {
    // The SMTP server's answer helps admins; the credentials are not part of it.
    await recordFailure(deps.db, row, error instanceof Error ? error.message : String(error));
    return false;
  }
  await recordSent(deps.db, row);
  return true;
}

/**
 * One step of the outbox: claim due emails and send them, batch after batch, until none is due or the time is up.
 * Every instance runs it on a timer; the cron endpoint runs the same step.
 */
export async function runEmailQueueStep(deps: EmailQueueDeps, { timeBudgetMs = 5_000 } = {}): Promise<{ sent: number; failed: number }> {
  const deadline = Date.now() + timeBudgetMs;
  let sent = 0;
  let failed = 0;
  // At least one batch, however short the budget (the cron endpoint's only_one_step).
  do {
    const rows = await claimDueEmails(deps.db, BATCH_SIZE, deps.email.claimLeaseSeconds);
    if (rows.length === 0) break;
    const results = await Promise.all(rows.map((row) => sendOne(deps, row)));
    sent += results.filter(Boolean).length;
    failed += results.filter((ok) => !ok).length;
  } while (Date.now() < deadline);
  // Housekeeping that every instance may do: old abuse-limit windows and long-expired codes.
  if (Math.random() < 0.01) {
    await pruneRateLimitCounters(deps.db);
    await pruneExpiredVerificationCodes(deps.db);
  }
  return { sent, failed };
}
