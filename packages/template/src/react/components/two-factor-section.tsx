"use client";

import { useEffect, useId, useState } from "react";
import type { CurrentUser } from "../../lib/objects/user.js";
import { useHexclaveApp } from "../hooks.js";
import { errorMessage } from "./errors.js";
import { Alert, Button } from "./primitives.js";
import { RecoveryCodes } from "./recovery-codes.js";
import { TotpSetup } from "./totp-setup.js";
import { useAction } from "./use-action.js";
import { useFocusAfter, useFocusOnMount } from "./use-focus-after.js";

type Labels = { issuer: string; account: string };
type View = { kind: "status" } | ({ kind: "setup" } & Labels) | ({ kind: "codes"; codes: string[]; replaced: boolean } & Labels);
type Remaining = { status: "loading" } | { status: "error" } | { status: "ready"; count: number };

function remainingText(remaining: Remaining): string {
  if (remaining.status === "loading") return "Counting your recovery codes…";
  if (remaining.status === "error") return "The number of recovery codes left could not be read.";
  if (remaining.count === 0) return "No recovery codes left: make new ones, or you cannot sign in without your app.";
  return remaining.count === 1 ? "1 recovery code left." : `${remaining.count} recovery codes left.`;
}

/** How the authenticator app lists the account: the app's name, and the email (else name) of the user. */
async function labelsOf(app: ReturnType<typeof useHexclaveApp>, user: CurrentUser): Promise<Labels> {
  const project = await app.getProject();
  return { issuer: project.displayName, account: user.primaryEmail ?? user.displayName ?? user.id };
}

/**
 * Two-factor sign-in with an authenticator app: set it up (a QR code, a code checked before it is saved, then the
 * first recovery codes), or, once on, count and renew the recovery codes and turn it off.
 * @example <TwoFactorSection user={user} />
 */
export function TwoFactorSection({ user }: { user: CurrentUser }) {
  const app = useHexclaveApp();
  const titleId = useId();
  const [view, setView] = useState<View>({ kind: "status" });
  const [remaining, setRemaining] = useState<Remaining>({ status: "loading" });
  const [confirmingOff, setConfirmingOff] = useState(false);
  const [done, setDone] = useState("");
  const { pending, error, setError, run } = useAction();
  const { container, focusSoon } = useFocusAfter<HTMLDivElement>();
  const focusOnMount = useFocusOnMount<HTMLDivElement>();
  const enabled = user.isMultiFactorRequired;
  const backToStatus = () => {
    setView({ kind: "status" });
    setConfirmingOff(false);
    focusSoon();
  };

  useEffect(() => {
    if (!enabled || view.kind !== "status") return;
    let current = true;
    setRemaining({ status: "loading" });
    user.getRemainingRecoveryCodeCount().then(
      (count) => current && setRemaining({ status: "ready", count }),
      () => current && setRemaining({ status: "error" }),
    );
    return () => {
      current = false;
    };
  }, [user, enabled, view.kind]);

  const startSetup = () =>
    void run(async () => {
      setDone("");
      setView({ kind: "setup", ...(await labelsOf(app, user)) });
      return null;
    }, errorMessage);
  const regenerate = () =>
    void run(async () => {
      setDone("");
      const labels = await labelsOf(app, user);
      setView({ kind: "codes", codes: await user.generateRecoveryCodes(), replaced: true, ...labels });
      return null;
    }, errorMessage);
  const turnOff = () =>
    void run(async () => {
      await user.update({ totpMultiFactorSecret: null });
      backToStatus();
      setDone("Two-factor sign-in is off.");
      return null;
    }, errorMessage);

  const body = (() => {
    if (view.kind === "setup") {
      return (
        <TotpSetup
          user={user}
          issuer={view.issuer}
          account={view.account}
          onCancel={backToStatus}
          onEnabled={(codes) => {
            if (codes) setView({ kind: "codes", codes, replaced: false, issuer: view.issuer, account: view.account });
            else {
              backToStatus();
              setError("Two-factor sign-in is on, but the recovery codes could not be made. Make them with “Regenerate recovery codes”.");
            }
          }}
        />
      );
    }
    if (view.kind === "codes") {
      const { codes, issuer, account, replaced } = view;
      return <RecoveryCodes codes={codes} issuer={issuer} account={account} replaced={replaced} onDone={backToStatus} />;
    }
    if (!enabled) {
      return (
        <div>
          <Button variant="secondary" loading={pending} onClick={startSetup}>
            Set up
          </Button>
        </div>
      );
    }
    if (confirmingOff) {
      return (
        <div className="hx-stack hx-panel" ref={focusOnMount} tabIndex={-1}>
          <p>Turn off two-factor sign-in? Your password alone will sign you in, and your recovery codes stop working.</p>
          <div className="hx-actions hx-actions-start">
            <Button variant="danger" loading={pending} onClick={turnOff}>
              Turn off
            </Button>
            <Button variant="secondary" disabled={pending} onClick={backToStatus}>
              Keep it on
            </Button>
          </div>
        </div>
      );
    }
    return (
      <div className="hx-stack">
        <p>
          <span className="hx-badge">On</span> {remainingText(remaining)}
        </p>
        <div className="hx-actions hx-actions-start">
          <Button variant="secondary" loading={pending} onClick={regenerate}>
            Regenerate recovery codes
          </Button>
          <Button variant="danger" disabled={pending} onClick={() => setConfirmingOff(true)}>
            Turn off
          </Button>
        </div>
      </div>
    );
  })();

  return (
    <section className="hx-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="hx-section-title">
        Two-factor authentication
      </h2>
      <p className="hx-section-description">
        {enabled
          ? "Signing in asks for a code from your authenticator app, or one of your recovery codes."
          : "Ask for a code from an authenticator app on your phone each time you sign in, as well as your password."}
      </p>
      <div className="hx-stack" ref={container}>
        {body}
        <Alert message={error} />
        {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
        <p role="status" className="hx-status">
          {done}
        </p>
      </div>
    </section>
  );
}
