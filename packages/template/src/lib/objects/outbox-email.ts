import type { OutboxEmailJson, OutboxEmailSimpleStatus, OutboxEmailStatus } from "@stackframe/stack-shared";

/** An email of the project's outbox: what was sent to whom, and how its delivery went. */
export type OutboxEmail = {
  readonly id: string;
  readonly createdAt: Date;
  /** What sent it: `email_verification`, `password_reset`, `magic_link`, `team_invitation`, … */
  readonly kind: string;
  readonly to: { readonly type: "custom-emails"; readonly emails: readonly string[] };
  readonly subject: string;
  readonly status: OutboxEmailStatus;
  readonly simpleStatus: OutboxEmailSimpleStatus;
  readonly hasDelivered: boolean;
  readonly sentAt: Date | null;
  readonly sendRetries: number;
  /** When the next attempt is due, while one is. */
  readonly nextAttemptAt: Date | null;
  /** The SMTP server's answer to each failed attempt, oldest first. */
  readonly sendAttemptErrors: readonly string[];
};

export type ListOutboxEmailsOptions = {
  /** `queued`, `sending`, `sent` or `failed`. */
  status?: OutboxEmailStatus;
  simpleStatus?: OutboxEmailSimpleStatus;
  /** At most 100, the default. */
  limit?: number;
  /** The `nextCursor` of the page before. */
  cursor?: string;
};

export type OutboxEmailPage = { readonly items: readonly OutboxEmail[]; readonly nextCursor: string | null };

const dateOrNull = (millis: number | null) => (millis === null ? null : new Date(millis));

export function outboxEmailFromJson(json: OutboxEmailJson): OutboxEmail {
  return {
    id: json.id,
    createdAt: new Date(json.created_at_millis),
    kind: json.kind,
    to: { type: json.to.type, emails: [...json.to.emails] },
    subject: json.subject,
    status: json.status,
    simpleStatus: json.simple_status,
    hasDelivered: json.has_delivered,
    sentAt: dateOrNull(json.sent_at_millis),
    sendRetries: json.send_retries,
    nextAttemptAt: dateOrNull(json.next_attempt_at_millis),
    sendAttemptErrors: [...json.send_attempt_errors],
  };
}
