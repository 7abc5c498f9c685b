"use client";

import { type FormEvent, useId, useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { MfaStep, mfaAttemptCodeOf } from "./mfa-step.js";
import { Alert, Button, Field } from "./primitives.js";
import { useAction } from "./use-action.js";

/**
 * Sign-in without a password: mails a link and a 6-character code, then takes the code here (or the link, elsewhere).
 * New addresses get an account, as the API does.
 */
export function SignInWithCode() {
  const app = useHexclaveApp();
  const errorId = useId();
  const [email, setEmail] = useState("");
  const [otp, setOtp] = useState("");
  const [nonce, setNonce] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  const [attemptCode, setAttemptCode] = useState<string | null>(null);

  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const result = await app.sendMagicLinkEmail(email.trim());
      if (result.status === "error") return authErrorMessage(result.error);
      setNonce(result.data.nonce);
      return null;
    }, authErrorMessage);
  };
  const submitCode = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const result = await app.signInWithMagicLink(`${otp.trim()}${nonce}`);
      if (result.status === "ok") return null;
      const mfa = mfaAttemptCodeOf(result.error);
      if (mfa !== null) {
        setAttemptCode(mfa);
        return null;
      }
      return result.error.code.startsWith("VERIFICATION_CODE") ? "That code is not right, or no longer valid." : authErrorMessage(result.error);
    }, authErrorMessage);
  };

  if (attemptCode !== null) return <MfaStep attemptCode={attemptCode} onCancel={() => setAttemptCode(null)} />;
  if (nonce === null) {
    return (
      <form className="hx-stack" onSubmit={send}>
        <Field label="Email for a sign-in code" type="email" name="email" autoComplete="email" required value={email} onChange={setEmail} errorId={errorId} invalid={error !== null} />
        <Alert id={errorId} message={error} />
        <Button type="submit" variant="secondary" block loading={pending}>
          Email me a sign-in code
        </Button>
      </form>
    );
  }
  return (
    <form className="hx-stack" onSubmit={submitCode}>
      {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
      <p role="status" className="hx-status">
        We sent a code to {email.trim()}. Enter it here, or open the link in the email.
      </p>
      <Field label="Sign-in code" name="one-time-code" autoComplete="one-time-code" required value={otp} onChange={setOtp} errorId={errorId} invalid={error !== null} />
      <Alert id={errorId} message={error} />
      <Button type="submit" block loading={pending}>
        Sign in with code
      </Button>
    </form>
  );
}
