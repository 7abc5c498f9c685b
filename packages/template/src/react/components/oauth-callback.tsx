"use client";

import { useEffect, useRef, useState } from "react";
import { redirectTo } from "../../lib/urls.js";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { MfaStep, mfaAttemptCodeOf } from "./mfa-step.js";
import { Alert, HexclaveLink } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";

export type OAuthCallbackOutcome = { status: "signing-in" } | { status: "mfa"; attemptCode: string } | { status: "failed"; message: string };

const NOTHING_TO_FINISH = "There is no sign-in to finish here: it was already used, or started in another browser. Start again.";

/** What the page shows once `callOAuthCallback` settled: progress while the redirect runs, the second factor, or why it failed. */
export function oauthCallbackOutcome(settled: { signedIn: boolean } | { error: unknown }): OAuthCallbackOutcome {
  if ("signedIn" in settled) return settled.signedIn ? { status: "signing-in" } : { status: "failed", message: NOTHING_TO_FINISH };
  const attemptCode = mfaAttemptCodeOf(settled.error);
  return attemptCode !== null ? { status: "mfa", attemptCode } : { status: "failed", message: authErrorMessage(settled.error) };
}

/**
 * The page OAuth providers come back to (`urls.oauthCallback`): finishes the sign-in as soon as it mounts, asks for the
 * authenticator code of accounts that need one, and offers to start again when the sign-in failed.
 * @example if (route === "oauth-callback") return <OAuthCallback fullPage />;
 */
export function OAuthCallback({ fullPage, theme }: { fullPage?: boolean; theme?: HexclaveThemeConfig }) {
  const app = useHexclaveApp();
  const [outcome, setOutcome] = useState<OAuthCallbackOutcome>({ status: "signing-in" });
  // Strict mode runs effects twice; the code is single-use, so a second exchange could only fail.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    app.callOAuthCallback().then(
      (signedIn) => setOutcome(oauthCallbackOutcome({ signedIn })),
      (error: unknown) => setOutcome(oauthCallbackOutcome({ error })),
    );
  }, [app]);

  if (outcome.status === "mfa") {
    return (
      <HexclaveCard theme={theme} fullPage={fullPage}>
        <MfaStep attemptCode={outcome.attemptCode} onCancel={() => void redirectTo(app.urls.signIn)} />
      </HexclaveCard>
    );
  }
  const failed = outcome.status === "failed";
  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
      <div className="hx-header hx-stack" role="status">
        {failed ? null : <span className="hx-spinner hx-spinner-large" aria-hidden="true" />}
        <h1 className="hx-title">{failed ? "Could not sign you in" : "Signing you in…"}</h1>
      </div>
      <div className="hx-stack">
        <Alert message={failed ? outcome.message : null} />
        {failed ? (
          <HexclaveLink href={app.urls.signIn} className="hx-button hx-button-block">
            Try again
          </HexclaveLink>
        ) : null}
      </div>
    </HexclaveCard>
  );
}
