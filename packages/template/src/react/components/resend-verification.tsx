"use client";

import { useId, useState } from "react";
import type { CurrentUser } from "../../lib/objects/user.js";
import { errorMessage } from "./errors.js";
import { Alert, Button } from "./primitives.js";
import { useAction } from "./use-action.js";

/**
 * Mails a new verification link for the primary email, through its contact channel, to the app's email-verification
 * page (`urls.emailVerification`): the first link may have expired, been spent by a mail scanner or never arrived.
 * @example {user.primaryEmailVerified ? null : <ResendVerificationEmail user={user} />}
 */
export function ResendVerificationEmail({ user }: { user: CurrentUser }) {
  const errorId = useId();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { pending, error, run } = useAction();

  const resend = () =>
    run(async () => {
      setSentTo(null);
      const channels = await user.listContactChannels();
      const primary = channels.find((channel) => channel.type === "email" && channel.isPrimary);
      if (!primary) return "This account has no primary email address to verify.";
      const refused = await primary.sendVerificationEmail();
      if (refused) return errorMessage(refused);
      setSentTo(primary.value);
      return null;
    }, errorMessage);

  return (
    <div className="hx-stack">
      <div>
        <Button variant="secondary" small loading={pending} aria-describedby={error ? errorId : undefined} onClick={() => void resend()}>
          Resend verification email
        </Button>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
      <p role="status" className="hx-status">
        {sentTo ? `Sent. Open the link in the email to ${sentTo} to verify it.` : ""}
      </p>
      <Alert id={errorId} message={error} />
    </div>
  );
}
