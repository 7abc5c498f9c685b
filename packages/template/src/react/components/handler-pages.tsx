"use client";

import { type ReactNode, useState } from "react";
import { useHexclaveApp, useUser } from "../hooks.js";
import { errorMessage } from "./errors.js";
import { Alert, Button, CardHeader, HexclaveLink } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";
import { useAction } from "./use-action.js";

type PageProps = { fullPage?: boolean; theme?: HexclaveThemeConfig };

function AlreadySignedIn({ fullPage, theme, email }: PageProps & { email: string | null }) {
  const app = useHexclaveApp();
  const { pending, error, run } = useAction();
  // No redirect: after signing out here the visitor most likely wants this page's form, for another account.
  const signOut = () =>
    void run(async () => {
      await app.signOut();
      return null;
    }, errorMessage);
  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title="You are already signed in." subtitle={email ? `Signed in as ${email}.` : undefined} />
      <div className="hx-stack">
        <div className="hx-actions">
          <HexclaveLink href={app.urls.accountSettings} className="hx-button hx-button-secondary">
            Account settings
          </HexclaveLink>
          <HexclaveLink href={app.urls.home} className="hx-button hx-button-secondary">
            Home
          </HexclaveLink>
        </div>
        <Button variant="danger" block loading={pending} onClick={signOut}>
          Sign out
        </Button>
        <Alert message={error} />
      </div>
    </HexclaveCard>
  );
}

/**
 * Shows its children (a sign-in or sign-up form) only to visitors who came signed out or anonymous. Someone who signs in
 * through the form keeps seeing it until the redirect after sign-in lands, instead of a flash of "already signed in".
 * @example <GuestOnly fullPage><SignIn fullPage /></GuestOnly>
 */
export function GuestOnly({ fullPage, theme, children }: PageProps & { children: ReactNode }) {
  const current = useUser();
  // An anonymous visitor has no account to be signed in to: the form is how they get one (and keep their data).
  const user = current?.isAnonymous ? null : current;
  const [signedInOnArrival, setSignedInOnArrival] = useState(user !== null);
  // Derived from the user during render (not in an effect), so signing out shows the form in the same commit.
  if (signedInOnArrival && user === null) setSignedInOnArrival(false);
  if (signedInOnArrival && user) return <AlreadySignedIn fullPage={fullPage} theme={theme} email={user.primaryEmail} />;
  return <>{children}</>;
}

/**
 * What the handler shows for an address it has no page for.
 * @example <NotFound fullPage />
 */
export function NotFound({ fullPage, theme }: PageProps) {
  const app = useHexclaveApp();
  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title="Page not found" subtitle="There is nothing at this address." />
      <p className="hx-footer">
        <HexclaveLink href={app.urls.home}>Go home</HexclaveLink>
      </p>
    </HexclaveCard>
  );
}
