"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { useEffect, useRef, useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { authErrorMessage } from "./errors.js";
import { CardHeader, HexclaveLink } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";

/**
 * The page a sign-in email links to (`urls.magicLinkCallback?code=…`): signs in once, on arrival, then goes on to
 * `urls.afterSignIn`.
 * @example <MagicLinkCallback fullPage />
 */
export function MagicLinkCallback({ fullPage, theme }: { fullPage?: boolean; theme?: HexclaveThemeConfig }) {
  const app = useHexclaveApp();
  const [failure, setFailure] = useState<string | null>(null);
  // A code works once; React may run effects twice in development.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const code = new URLSearchParams(window.location.search).get("code") ?? "";
    void app.signInWithMagicLink(code).then(
      (result) => {
        if (result.status === "error") setFailure(result.error.code.startsWith("VERIFICATION_CODE") ? "This sign-in link is no longer valid." : authErrorMessage(result.error));
      },
      (error) => setFailure(authErrorMessage(error)),
    );
  }, [app]);
  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title={failure ? "We could not sign you in." : "Signing you in…"} subtitle={failure ?? undefined} />
      {failure ? <HexclaveLink href={app.urls.signIn}>Back to sign-in</HexclaveLink> : null}
    </HexclaveCard>
  );
}
