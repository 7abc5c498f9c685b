"use client";

import { type FormEvent, useId, useState } from "react";
import type { CurrentUser } from "../../lib/objects/user.js";
import { useUser } from "../hooks.js";
import { errorMessage } from "./errors.js";
import { Alert, Button, CardHeader, Field } from "./primitives.js";
import { PasskeySection } from "./passkey-section.js";
import { PasswordSection } from "./password-section.js";
import { ResendVerificationEmail } from "./resend-verification.js";
import { SessionsSection } from "./sessions-section.js";
import { SigningOut } from "./signing-out.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";
import { TwoFactorSection } from "./two-factor-section.js";
import { useAction } from "./use-action.js";
import { useSignInMethods } from "./use-sign-in-methods.js";

export type AccountSettingsProps = {
  /** Center the settings in the viewport, for a page that shows nothing else. */
  fullPage?: boolean;
  theme?: HexclaveThemeConfig;
};

function emailHint(user: CurrentUser): string {
  if (!user.primaryEmail) return "No email address on this account.";
  return user.primaryEmailVerified ? "Verified." : "Not verified yet.";
}

function ProfileSection({ user }: { user: CurrentUser }) {
  const titleId = useId();
  const errorId = useId();
  const [displayName, setDisplayName] = useState(user.displayName ?? "");
  const [saved, setSaved] = useState(false);
  const { pending, error, run } = useAction();
  const unchanged = displayName.trim() === (user.displayName ?? "");

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      await user.update({ displayName: displayName.trim() || null });
      setSaved(true);
      return null;
    }, errorMessage);
  };

  return (
    <section className="hx-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="hx-section-title">
        Profile
      </h2>
      <p className="hx-section-description">How you appear in this app.</p>
      <form className="hx-stack" onSubmit={onSubmit}>
        <Field label="Email" type="email" value={user.primaryEmail ?? ""} readOnly hint={emailHint(user)} />
        {user.primaryEmail && !user.primaryEmailVerified ? <ResendVerificationEmail user={user} /> : null}
        <div className="hx-row">
          <Field
            label="Display name"
            name="display-name"
            autoComplete="name"
            value={displayName}
            onChange={(value) => {
              setDisplayName(value);
              setSaved(false);
            }}
            errorId={errorId}
            invalid={error !== null}
          />
          <Button type="submit" variant="secondary" loading={pending} disabled={unchanged}>
            Save
          </Button>
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: an explicit status role is announced more reliably than <output>. */}
        <p role="status" className="hx-status">
          {saved ? "Saved." : ""}
        </p>
        <Alert id={errorId} message={error} />
      </form>
    </section>
  );
}

function SignOutSection({ onSignOut }: { onSignOut: () => void }) {
  const titleId = useId();
  return (
    <section className="hx-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="hx-section-title">
        Sign out
      </h2>
      <p className="hx-section-description">End your session on this device.</p>
      <Button variant="danger" onClick={onSignOut}>
        Sign out
      </Button>
    </section>
  );
}

function AccountSettingsContent({ fullPage, theme, onSignOut }: AccountSettingsProps & { onSignOut: () => void }) {
  // Typed as nullable on purpose: the hook returns null while the redirect to sign-in is under way,
  // and on a server that was not handed the user.
  const user: CurrentUser | null = useUser({ or: "redirect" });
  const methods = useSignInMethods();
  if (!user) return null;
  return (
    <HexclaveCard theme={theme} fullPage={fullPage} wide>
      <CardHeader title="Account settings" subtitle={user.primaryEmail ?? undefined} />
      <ProfileSection user={user} />
      <PasswordSection user={user} />
      {methods.passkey ? <PasskeySection user={user} /> : null}
      <TwoFactorSection user={user} />
      <SessionsSection user={user} />
      <SignOutSection onSignOut={onSignOut} />
    </HexclaveCard>
  );
}

/**
 * The signed-in user's profile, password, passkey (when the project has passkeys on), two-factor sign-in with its
 * recovery codes, devices and sign-out. Visitors who are not signed in are sent to sign-in.
 * @example
 * export default function SettingsPage() { return <AccountSettings fullPage />; }
 */
export function AccountSettings({ fullPage, theme }: AccountSettingsProps) {
  // Signing out unmounts the settings first: their sign-in redirect for a missing user would
  // otherwise overtake the redirect to urls.afterSignOut.
  const [signingOut, setSigningOut] = useState(false);
  if (signingOut) return <SigningOut fullPage={fullPage} theme={theme} />;
  return <AccountSettingsContent fullPage={fullPage} theme={theme} onSignOut={() => setSigningOut(true)} />;
}
