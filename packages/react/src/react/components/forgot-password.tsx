"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { type FormEvent, useId, useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { Alert, Button, CardHeader, Field, HexclaveLink } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";
import { useAction } from "./use-action.js";

/**
 * Asks for an email address and mails a password reset link to it. The page says the same whether or not an
 * account uses the address, as the API does.
 * @example <ForgotPassword fullPage />
 */
export function ForgotPassword({ fullPage, theme }: { fullPage?: boolean; theme?: HexclaveThemeConfig }) {
  const app = useHexclaveApp();
  const errorId = useId();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const { pending, error, run } = useAction();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const result = await app.sendForgotPasswordEmail(email.trim());
      if (result.status === "error") return authErrorMessage(result.error);
      setSent(true);
      return null;
    }, authErrorMessage);
  };

  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title="Reset your password" subtitle="We will email you a link to choose a new one." />
      <form className="hx-stack" onSubmit={onSubmit}>
        <Field label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={setEmail} errorId={errorId} invalid={error !== null} />
        <Alert id={errorId} message={error} />
        {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
        <p role="status" className="hx-status">
          {sent ? "If an account uses this address, a reset link is on its way." : ""}
        </p>
        <Button type="submit" block loading={pending}>
          Send reset link
        </Button>
      </form>
      <p className="hx-footer">
        Remembered it? <HexclaveLink href={app.urls.signIn}>Sign in</HexclaveLink>
      </p>
    </HexclaveCard>
  );
}
