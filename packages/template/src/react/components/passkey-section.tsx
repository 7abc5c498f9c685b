"use client";

import { useId, useState } from "react";
import type { CurrentUser } from "../../lib/objects/user.js";
import { authErrorMessage } from "./errors.js";
import { Alert, Button } from "./primitives.js";
import { useAction } from "./use-action.js";
import { useFocusAfter } from "./use-focus-after.js";

/**
 * The user's passkey: add one, or replace or remove the one they have (an account has one passkey). Shown by
 * AccountSettings when the project has passkeys on.
 * @example <PasskeySection user={user} />
 */
export function PasskeySection({ user }: { user: CurrentUser }) {
  const titleId = useId();
  const [done, setDone] = useState("");
  const [running, setRunning] = useState<"register" | "remove" | null>(null);
  const { pending, error, run } = useAction();
  // Removing takes the Remove button away: focus goes to "Add a passkey" in its place.
  const { container, focusSoon } = useFocusAfter<HTMLDivElement>();
  const hasPasskey = user.passkeyAuthEnabled;

  const register = () => {
    setRunning("register");
    setDone("");
    void run(async () => {
      const result = await user.registerPasskey();
      if (result.status === "error") return authErrorMessage(result.error);
      setDone(hasPasskey ? "Passkey replaced. The earlier one no longer signs you in." : "Passkey added. Use it next time you sign in.");
      return null;
    }, authErrorMessage);
  };
  const remove = () => {
    setRunning("remove");
    setDone("");
    void run(async () => {
      await user.update({ passkeyAuthEnabled: false });
      setDone("Passkey removed.");
      focusSoon();
      return null;
    }, authErrorMessage);
  };

  return (
    <section className="hx-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="hx-section-title">
        Passkey
      </h2>
      <p className="hx-section-description">
        {hasPasskey
          ? "You can sign in with the passkey on your device, without a password."
          : "Sign in with your fingerprint, face or screen lock instead of a password."}
      </p>
      <div className="hx-stack">
        {hasPasskey ? (
          <p>
            <span className="hx-badge">On</span> This account has a passkey.
          </p>
        ) : null}
        <div className="hx-actions hx-actions-start" ref={container}>
          <Button variant="secondary" loading={pending && running === "register"} disabled={pending} onClick={register}>
            {hasPasskey ? "Replace" : "Add a passkey"}
          </Button>
          {hasPasskey ? (
            <Button variant="danger" loading={pending && running === "remove"} disabled={pending} onClick={remove}>
              Remove
            </Button>
          ) : null}
        </div>
        <Alert message={error} />
        {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
        <p role="status" className="hx-status">
          {done}
        </p>
      </div>
    </section>
  );
}
