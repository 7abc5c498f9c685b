"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { useEffect, useRef, useState } from "react";
import { useHexclaveApp } from "../hooks.js";
import { errorMessage } from "./errors.js";
import { Alert, HexclaveLink } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";

type SigningOutProps = { fullPage?: boolean; theme?: HexclaveThemeConfig };

/**
 * Signs out as soon as it mounts, then goes to `urls.afterSignOut`; shows progress meanwhile.
 * @example if (route === "sign-out") return <SigningOut fullPage />;
 */
export function SigningOut({ fullPage, theme }: SigningOutProps) {
  const app = useHexclaveApp();
  const [error, setError] = useState<string | null>(null);
  // Strict mode runs effects twice; a second sign-out would race the first one's redirect.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    app.signOut({ redirectUrl: app.urls.afterSignOut }).catch((thrown: unknown) => setError(errorMessage(thrown)));
  }, [app]);

  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
      <div className="hx-header hx-stack" role="status">
        {error ? null : <span className="hx-spinner hx-spinner-large" aria-hidden="true" />}
        <h1 className="hx-title">{error ? "Could not sign out" : "Signing out…"}</h1>
      </div>
      <Alert message={error} />
      {error ? (
        <p className="hx-footer">
          <HexclaveLink href={app.urls.home}>Go home</HexclaveLink>
        </p>
      ) : null}
    </HexclaveCard>
  );
}
