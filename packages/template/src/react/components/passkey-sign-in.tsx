"use client";

import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { mfaAttemptCodeOf } from "./mfa-step.js";
import { Alert, Button } from "./primitives.js";
import { useAction } from "./use-action.js";

/**
 * "Sign in with a passkey": the browser offers the passkeys it holds for this site. A user with two-factor sign-in
 * goes on to the authenticator step, as after a password.
 * @example <SignInWithPasskey onMfaRequired={setAttemptCode} />
 */
export function SignInWithPasskey({ onMfaRequired }: { onMfaRequired: (attemptCode: string) => void }) {
  const app = useHexclaveApp();
  const { pending, error, run } = useAction();
  const start = () =>
    void run(async () => {
      const result = await app.signInWithPasskey();
      if (result.status === "ok") return null;
      const attemptCode = mfaAttemptCodeOf(result.error);
      if (attemptCode === null) return authErrorMessage(result.error);
      onMfaRequired(attemptCode);
      return null;
    }, authErrorMessage);
  return (
    <div className="hx-stack hx-passkey-sign-in">
      <Button variant="secondary" block loading={pending} onClick={start}>
        <span className="hx-oauth-icon hx-passkey-icon" aria-hidden="true">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="14" height="14" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
            <circle cx="8" cy="8" r="4" />
            <path d="M10.8 10.8 20 20m-4-4 2-2m-4.5-.5 2-2" />
          </svg>
        </span>
        Sign in with a passkey
      </Button>
      <Alert message={error} />
    </div>
  );
}
