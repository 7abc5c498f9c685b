"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { useEffect, useRef, useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { CardHeader, HexclaveLink } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";

type State = { status: "verifying" } | { status: "verified" } | { status: "failed"; message: string };

function failureMessage(code: string): string {
  switch (code) {
    case "VERIFICATION_CODE_EXPIRED":
      return "This link has expired. Request a new verification email.";
    case "VERIFICATION_CODE_ALREADY_USED":
      return "This link was already used: your email address is verified.";
    case "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED":
      return "This link was tried too many times. Request a new verification email.";
    default:
      return "This link is not valid. Request a new verification email.";
  }
}

/**
 * The page a verification email links to (`urls.emailVerification?code=…`): verifies the address once, on arrival.
 * @example <EmailVerification fullPage />
 */
export function EmailVerification({ fullPage, theme }: { fullPage?: boolean; theme?: HexclaveThemeConfig }) {
  const app = useHexclaveApp();
  const [state, setState] = useState<State>({ status: "verifying" });
  // Once per page load, though React may run effects twice in development: a code works only once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const code = new URLSearchParams(window.location.search).get("code") ?? "";
    void app.verifyEmail(code).then(
      (result) => setState(result.status === "ok" ? { status: "verified" } : { status: "failed", message: failureMessage(result.error.code) }),
      () => setState({ status: "failed", message: "Something went wrong. Please try again." }),
    );
  }, [app]);
  const title = state.status === "verifying" ? "Verifying your email…" : state.status === "verified" ? "Your email is verified." : "We could not verify your email.";
  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title={title} subtitle={state.status === "failed" ? state.message : undefined} />
      {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
      <p role="status" className="hx-status">
        {state.status === "verified" ? "Thank you for confirming your address." : ""}
      </p>
      {state.status !== "verifying" ? <HexclaveLink href={app.urls.home}>Continue</HexclaveLink> : null}
    </HexclaveCard>
  );
}
