import type { Services } from "../../app-env";
import { pruneRateLimitCounters } from "../abuse/rate-limits";
import { type OutboxRow, claimDueEmails, recordFailure, recordSent } from "./outbox";
import { smtpSettingsFor } from "./smtp-settings";

const BATCH_SIZE = 20;

/** The same Message-ID on every attempt of a row, so a receiver can tell a resend after a crash from a new email. */
export function messageIdOf(row: Pick<OutboxRow, "id">, apiUrl: string): string {
  return `<${row.id}@${new URL(apiUrl).hostname || "hexclave"}>`;
}

async function sendOne(services: Services, row: OutboxRow): Promise<boolean> {
  const project = await services.projects.get(row.projectId);
  const settings = project ? smtpSettingsFor(project.config, services.config.email.shared) : null;
  if (!settings) {
    await recordFailure(services.db, row, "No email server is configured: set STACK_EMAIL_HOST, or give the project its own email_config.");
    return false;
  }
  try {
    await services.mailer.send(settings, {
      messageId: messageIdOf(row, services.config.apiUrl),
      to: row.recipient,
      subject: row.subject,
      html: row.html,
      text: row.text,
    });
  } catch (error) {
    // The SMTP server's answer helps admins; the credentials are not part of it.
    await recordFailure(services.db, row, error instanceof Error ? error.message : String(error));
    return false;
  }
  await recordSent(services.db, row);
  return true;
}

/**
 * One step of the outbox: claim due emails and send them, batch after batch, until none is due or the time is up.
 * Every instance runs it on a timer; the cron endpoint runs the same step.
 */
export async function runEmailQueueStep(services: Services, { timeBudgetMs = 5_000 } = {}): Promise<{ sent: number; failed: number }> {
  const deadline = Date.now() + timeBudgetMs;
  let sent = 0;
  let failed = 0;
  // At least one batch, however short the budget (the cron endpoint's only_one_step).
  do {
    const rows = await claimDueEmails(services.db, BATCH_SIZE, services.config.email.claimLeaseSeconds);
    if (rows.length === 0) break;
    const results = await Promise.all(rows.map((row) => sendOne(services, row)));
    sent += results.filter(Boolean).length;
    failed += results.filter((ok) => !ok).length;
  } while (Date.now() < deadline);
  // Housekeeping that every instance may do: old abuse-limit windows.
  if (Math.random() < 0.01) await pruneRateLimitCounters(services.db);
  return { sent, failed };
}
