"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { type FormEvent, useId, useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { Alert, Button, CardHeader, Field, HexclaveLink } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";
import { useAction } from "./use-action.js";

const MIN_LENGTH = 8;

function linkProblem(code: string): string {
  return code === "VERIFICATION_CODE_EXPIRED" || code === "VERIFICATION_CODE_ALREADY_USED" || code === "VERIFICATION_CODE_NOT_FOUND" || code === "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED"
    ? "This reset link is no longer valid. Request a new one."
    : "";
}

/**
 * The page a reset email links to (`urls.passwordReset?code=…`): choose a new password. Every device is signed out.
 * @example <PasswordReset fullPage />
 */
export function PasswordReset({ fullPage, theme }: { fullPage?: boolean; theme?: HexclaveThemeConfig }) {
  const app = useHexclaveApp();
  const errorId = useId();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);
  const { pending, error, run } = useAction();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      if ([...password].length < MIN_LENGTH) return `The new password must be at least ${MIN_LENGTH} characters long.`;
      if (password !== repeat) return "Passwords do not match.";
      const code = new URLSearchParams(window.location.search).get("code") ?? "";
      const result = await app.resetPassword({ code, password });
      if (result.status === "error") return linkProblem(result.error.code) || authErrorMessage(result.error);
      setDone(true);
      return null;
    }, authErrorMessage);
  };

  if (done) {
    return (
      <HexclaveCard theme={theme} fullPage={fullPage}>
        <CardHeader title="Your password was changed." subtitle="Every device was signed out; sign in with the new password." />
        <HexclaveLink href={app.urls.signIn}>Sign in</HexclaveLink>
      </HexclaveCard>
    );
  }
  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title="Choose a new password" />
      <form className="hx-stack" onSubmit={onSubmit}>
        <Field label="New password" type="password" name="new-password" autoComplete="new-password" required value={password} onChange={setPassword} errorId={errorId} invalid={error !== null} />
        <Field label="Repeat new password" type="password" name="repeat-new-password" autoComplete="new-password" required value={repeat} onChange={setRepeat} errorId={errorId} invalid={error !== null} />
        <Alert id={errorId} message={error} />
        <Button type="submit" block loading={pending}>
          Set new password
        </Button>
      </form>
    </HexclaveCard>
  );
}
