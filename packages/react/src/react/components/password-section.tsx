"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { type FormEvent, useId, useState } from "react";
import type { CurrentUser } from "../../lib/objects/user.js";
import { authErrorMessage } from "./errors.js";
import { Alert, Button, Field } from "./primitives.js";
import { useAction } from "./use-action.js";

const MIN_LENGTH = 8;

/** Why a new password cannot be sent yet, or null; the server checks the same rules again. */
function newPasswordProblem(password: string, repeat: string): string | null {
  if ([...password].length < MIN_LENGTH) return `The new password must be at least ${MIN_LENGTH} characters long.`;
  if (password !== repeat) return "Passwords do not match.";
  return null;
}

/**
 * Change the password (the current one is asked for), or set one on an account that has none.
 * Changing it signs out every other device: whoever knew the old password loses access.
 */
export function PasswordSection({ user }: { user: CurrentUser }) {
  const titleId = useId();
  const errorId = useId();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  const hasPassword = user.hasPassword;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    void run(async () => {
      const problem = newPasswordProblem(password, repeat);
      if (problem) return problem;
      const refused = hasPassword
        ? await user.updatePassword({ oldPassword: current, newPassword: password })
        : await user.setPassword({ password });
      if (refused) {
        return refused.code === "PASSWORD_CONFIRMATION_MISMATCH" ? "The current password is wrong." : authErrorMessage(refused);
      }
      setCurrent("");
      setPassword("");
      setRepeat("");
      setDone(hasPassword ? "Password changed. Your other devices were signed out." : "Password set.");
      return null;
    }, authErrorMessage);
  };

  return (
    <section className="hx-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="hx-section-title">
        Password
      </h2>
      <p className="hx-section-description">
        {hasPassword ? "Changing it signs you out on every other device." : "Add a password to sign in with your email."}
      </p>
      <form className="hx-stack" onSubmit={onSubmit}>
        {hasPassword ? (
          <Field
            label="Current password"
            type="password"
            name="current-password"
            autoComplete="current-password"
            required
            value={current}
            onChange={setCurrent}
            errorId={errorId}
            invalid={error !== null}
          />
        ) : null}
        <Field
          label="New password"
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
          errorId={errorId}
          invalid={error !== null}
        />
        <Field
          label="Repeat new password"
          type="password"
          name="repeat-new-password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={setRepeat}
          errorId={errorId}
          invalid={error !== null}
        />
        <Alert id={errorId} message={error} />
        {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
        <p role="status" className="hx-status">
          {done ?? ""}
        </p>
        <div>
          <Button type="submit" variant="secondary" loading={pending}>
            {hasPassword ? "Change password" : "Set password"}
          </Button>
        </div>
      </form>
    </section>
  );
}
