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

type Mode = "totp" | "recovery-code";

const COPY: Record<Mode, { subtitle: string; label: string; other: string }> = {
  totp: {
    subtitle: "Enter the 6-digit code from your authenticator app.",
    label: "Authenticator code",
    other: "Use a recovery code instead",
  },
  "recovery-code": {
    subtitle: "Enter one of the recovery codes you saved when you set up two-factor sign-in. Each works once.",
    label: "Recovery code",
    other: "Use your authenticator app instead",
  },
};

type MfaStepProps = {
  attemptCode: string;
  onCancel: () => void;
  /** What the step asks for first; the user can switch. */
  initialMode?: Mode;
};

/**
 * The second step of a sign-in for a user with two-factor sign-in: the code from their authenticator app, or one of
 * their recovery codes when the app is out of reach.
 */
export function MfaStep({ attemptCode, onCancel, initialMode = "totp" }: MfaStepProps) {
  const app = useHexclaveApp();
  const errorId = useId();
  const [mode, setMode] = useState<Mode>(initialMode);
  const [value, setValue] = useState("");
  const { pending, error, setError, run } = useAction();
  const copy = COPY[mode];
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const result =
        mode === "totp" ? await app.signInWithMfa(value.replace(/\s/g, ""), attemptCode) : await app.signInWithRecoveryCode(value, attemptCode);
      return result.status === "error" ? authErrorMessage(result.error) : null;
    }, authErrorMessage);
  };
  const switchMode = () => {
    setMode(mode === "totp" ? "recovery-code" : "totp");
    setValue("");
    setError(null);
  };
  return (
    <>
      <CardHeader title="Two-factor sign-in" subtitle={copy.subtitle} />
      <form className="hx-stack" onSubmit={onSubmit}>
        {/* Keyed by mode: a new input, so the label is announced again and no code of the other kind stays in it. */}
        <Field
          key={mode}
          label={copy.label}
          name={mode === "totp" ? "totp" : "recovery-code"}
          autoComplete={mode === "totp" ? "one-time-code" : "off"}
          inputMode={mode === "totp" ? "numeric" : "text"}
          monospace={mode === "recovery-code"}
          required
          value={value}
          onChange={setValue}
          errorId={errorId}
          invalid={error !== null}
        />
        <Alert id={errorId} message={error} />
        <Button type="submit" block loading={pending}>
          Verify
        </Button>
        <button type="button" className="hx-link-button" onClick={switchMode} disabled={pending}>
          {copy.other}
        </button>
        <Button type="button" variant="secondary" block onClick={onCancel}>
          Back
        </Button>
      </form>
    </>
  );
}
