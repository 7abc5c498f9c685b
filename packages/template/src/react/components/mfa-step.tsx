"use client";

import { type FormEvent, useId, useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { Alert, Button, CardHeader, Field } from "./primitives.js";
import { useAction } from "./use-action.js";

/** The attempt code of a first factor that needs the second, or null: what SignIn hands to MfaStep. */
export function mfaAttemptCodeOf(error: unknown): string | null {
  const details = (error as { code?: string; details?: { attempt_code?: unknown } }) ?? {};
  return details.code === "MULTI_FACTOR_AUTHENTICATION_REQUIRED" && typeof details.details?.attempt_code === "string" ? details.details.attempt_code : null;
}

/** The second step of a sign-in for a user with two-factor sign-in: the code from their authenticator app. */
export function MfaStep({ attemptCode, onCancel }: { attemptCode: string; onCancel: () => void }) {
  const app = useHexclaveApp();
  const errorId = useId();
  const [totp, setTotp] = useState("");
  const { pending, error, run } = useAction();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const result = await app.signInWithMfa(totp.replace(/\s/g, ""), attemptCode);
      return result.status === "error" ? authErrorMessage(result.error) : null;
    }, authErrorMessage);
  };
  return (
    <>
      <CardHeader title="Two-factor sign-in" subtitle="Enter the 6-digit code from your authenticator app." />
      <form className="hx-stack" onSubmit={onSubmit}>
        <Field
          label="Authenticator code"
          name="totp"
          autoComplete="one-time-code"
          required
          value={totp}
          onChange={setTotp}
          errorId={errorId}
          invalid={error !== null}
        />
        <Alert id={errorId} message={error} />
        <Button type="submit" block loading={pending}>
          Verify
        </Button>
        <Button type="button" variant="secondary" block onClick={onCancel}>
          Back
        </Button>
      </form>
    </>
  );
}
