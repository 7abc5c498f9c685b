"use client";

import { type FormEvent, useId, useState } from "react";
import type { CurrentUser } from "../../lib/objects/user.js";
import { base32Encode, createTotpSecret, isCurrentTotpCode, totpUri } from "../../lib/totp.js";
import { errorMessage } from "./errors.js";
import { Alert, Button, Field } from "./primitives.js";
import { QrCode } from "./qr-code.js";
import { useAction } from "./use-action.js";
import { useFocusOnMount } from "./use-focus-after.js";

/** The setup key in groups of four, as authenticator apps show it and people type it. */
export const groupedSetupKey = (secret: Uint8Array) => base32Encode(secret).replace(/(.{4})(?=.)/g, "$1 ");

export type TotpSetupProps = {
  user: CurrentUser;
  /** The app's name in the authenticator's list, and the account's there. */
  issuer: string;
  account: string;
  /** After the secret is saved: the first recovery codes, or null when they could not be made. */
  onEnabled: (recoveryCodes: string[] | null) => void;
  onCancel: () => void;
};

/**
 * Connects an authenticator app: a new secret as a QR code and as a key to type, then a code from the app, which is
 * checked here against the new secret before anything is saved. A secret the app did not take never turns
 * two-factor sign-in on, so nobody is locked out by a scan that failed.
 */
export function TotpSetup({ user, issuer, account, onEnabled, onCancel }: TotpSetupProps) {
  const errorId = useId();
  const titleId = useId();
  const keyId = useId();
  const [secret] = useState(createTotpSecret);
  const [code, setCode] = useState("");
  const { pending, error, run } = useAction();
  const panel = useFocusOnMount<HTMLDivElement>();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      if (!(await isCurrentTotpCode(secret, code))) {
        return "That code does not match. Check that the app shows this account, and type its newest code.";
      }
      await user.update({ totpMultiFactorSecret: secret });
      let recoveryCodes: string[] | null = null;
      try {
        recoveryCodes = await user.generateRecoveryCodes();
      } catch {
        // Two-factor sign-in is on already; the section offers to make the codes again.
      }
      onEnabled(recoveryCodes);
      return null;
    }, errorMessage);
  };

  return (
    <div ref={panel} className="hx-stack hx-panel" tabIndex={-1} aria-labelledby={titleId}>
      <div>
        <h3 id={titleId} className="hx-panel-title">
          Connect your authenticator app
        </h3>
        <p className="hx-section-description">
          Scan the QR code with an app such as Google Authenticator, 1Password or Authy, or type the setup key into it.
        </p>
      </div>
      <div className="hx-totp-setup">
        <QrCode value={totpUri(secret, { issuer, account })} label="QR code for your authenticator app" />
        <form className="hx-stack hx-grow" onSubmit={onSubmit}>
          <div className="hx-field">
            <label className="hx-label" htmlFor={keyId}>
              Setup key
            </label>
            {/* A text area, so all 32 characters show however narrow the card; read-only, to select and copy. */}
            <textarea
              id={keyId}
              className="hx-input hx-mono hx-setup-key"
              rows={2}
              readOnly
              value={groupedSetupKey(secret)}
              aria-describedby={`${keyId}-hint`}
            />
            <p id={`${keyId}-hint`} className="hx-hint">
              {`Time-based, for ${account}.`}
            </p>
          </div>
          <Field
            label="Code from the app"
            name="totp"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            value={code}
            onChange={setCode}
            errorId={errorId}
            invalid={error !== null}
          />
          <Alert id={errorId} message={error} />
          <div className="hx-actions hx-actions-start">
            <Button type="submit" loading={pending}>
              Turn on
            </Button>
            <Button variant="secondary" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
