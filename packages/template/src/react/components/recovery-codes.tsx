"use client";

import { useId, useState } from "react";
import { Button } from "./primitives.js";
import { useFocusOnMount } from "./use-focus-after.js";

/** The text file a user keeps: what the codes are for, then one code a line. */
export function recoveryCodesText(codes: readonly string[], { issuer, account }: { issuer: string; account: string }): string {
  const intro = [`Recovery codes for ${account} at ${issuer}.`, "Each works once, in place of a code from your authenticator app.", ""];
  return `${[...intro, ...codes].join("\n")}\n`;
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // After the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name that is safe on every system, from the app's name. */
export function recoveryCodesFileName(issuer: string): string {
  const base = issuer.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return `${base || "account"}-recovery-codes.txt`;
}

export type RecoveryCodesProps = {
  codes: readonly string[];
  issuer: string;
  account: string;
  /** They replace an earlier set, which stopped working. */
  replaced?: boolean;
  onDone: () => void;
};

/**
 * A new set of recovery codes, shown once: the server keeps only digests. Copy and download keep them; "Done" hides
 * them for good. Focus moves here when it appears, so a keyboard or screen reader user lands on the codes.
 */
export function RecoveryCodes({ codes, issuer, account, replaced, onDone }: RecoveryCodesProps) {
  const titleId = useId();
  const panel = useFocusOnMount<HTMLDivElement>();
  const [status, setStatus] = useState("");
  const text = recoveryCodesText(codes, { issuer, account });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied.");
    } catch {
      setStatus("Copying is blocked here: select the codes and copy them, or download them.");
    }
  };
  return (
    <div ref={panel} className="hx-stack hx-panel" tabIndex={-1} aria-labelledby={titleId}>
      <div>
        <h3 id={titleId} className="hx-panel-title">
          Save your recovery codes
        </h3>
        <p className="hx-section-description">
          {replaced ? "Your earlier codes no longer work. " : ""}If you lose your authenticator app, each code signs you in once. Keep them somewhere
          safe: they are shown only now.
        </p>
      </div>
      <ul className="hx-codes" aria-labelledby={titleId}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="hx-actions hx-actions-start">
        <Button variant="secondary" small onClick={() => void copy()}>
          Copy
        </Button>
        <Button variant="secondary" small onClick={() => download(recoveryCodesFileName(issuer), text)}>
          Download
        </Button>
        <Button small onClick={onDone}>
          I have saved them
        </Button>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
      <p role="status" className="hx-status">
        {status}
      </p>
    </div>
  );
}
