"use client";

import { useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { MfaStep, mfaAttemptCodeOf } from "./mfa-step.js";
import { Alert, Button, CardHeader } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";
import { useAction } from "./use-action.js";

/**
 * The page a sign-in email links to (`urls.magicLinkCallback?code=…`). It signs in only when the visitor clicks:
 * mail scanners that open links, even running their scripts, must not spend the code.
 * @example <MagicLinkCallback fullPage />
 */
export function MagicLinkCallback({ fullPage, theme }: { fullPage?: boolean; theme?: HexclaveThemeConfig }) {
  const app = useHexclaveApp();
  const { pending, error, run } = useAction();
  const [attemptCode, setAttemptCode] = useState<string | null>(null);
  const signIn = () =>
    void run(async () => {
      const code = new URLSearchParams(window.location.search).get("code") ?? "";
      const result = await app.signInWithMagicLink(code);
      if (result.status === "ok") return null;
      const mfa = mfaAttemptCodeOf(result.error);
      if (mfa !== null) {
        setAttemptCode(mfa);
        return null;
      }
      return result.error.code.startsWith("VERIFICATION_CODE") ? "This sign-in link is no longer valid. Request a new one." : authErrorMessage(result.error);
    }, authErrorMessage);
  if (attemptCode !== null) {
    return (
      <HexclaveCard theme={theme} fullPage={fullPage}>
        <MfaStep attemptCode={attemptCode} onCancel={() => setAttemptCode(null)} />
      </HexclaveCard>
    );
  }
  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title="Finish signing in" subtitle="Continue to sign in with the link from your email." />
      <div className="hx-stack">
        <Alert message={error} />
        <Button block loading={pending} onClick={signIn}>
          Sign in
        </Button>
      </div>
    </HexclaveCard>
  );
}
