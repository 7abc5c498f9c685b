"use client";

import { useSyncExternalStore } from "react";
import { useHexclaveApp } from "../hooks.js";
import { AccountSettings } from "./account-settings.js";
import { CliAuthConfirm } from "./cli-auth-confirm.js";
import { EmailVerification } from "./email-verification.js";
import { ForgotPassword } from "./forgot-password.js";
import { MagicLinkCallback } from "./magic-link-callback.js";
import { OAuthCallback } from "./oauth-callback.js";
import { PasswordReset } from "./password-reset.js";
import { GuestOnly, NotFound } from "./handler-pages.js";
import { SignIn } from "./sign-in.js";
import { SignUp } from "./sign-up.js";
import { SigningOut } from "./signing-out.js";
import { AcceptTeamInvitation } from "./accept-team-invitation.js";
import type { HexclaveThemeConfig } from "./theme.js";

export type HexclaveHandlerClientProps = {
  /** The page below the handler URL, e.g. `"sign-in"`; read from the browser's address when left out. */
  path?: string;
  /** Center each page in the viewport. */
  fullPage?: boolean;
  theme?: HexclaveThemeConfig;
};

function trimSlashes(path: string): string {
  return path.split("/").filter(Boolean).join("/");
}

/** The page named by `pathname` below the handler URL, or null when the address is not under the handler at all. */
export function handlerRouteOf(handlerUrl: string, pathname: string): string | null {
  const base = `/${trimSlashes(new URL(handlerUrl, "http://localhost").pathname)}`;
  const current = `/${trimSlashes(pathname)}`;
  if (current === base) return "";
  // Searching (not only a prefix match) also finds the handler in apps served below a base path, e.g. /app/handler/….
  const start = current.startsWith(`${base}/`) ? 0 : current.indexOf(`${base}/`);
  return start === -1 ? null : trimSlashes(current.slice(start + base.length));
}

const subscribeToLocation = (onChange: () => void) => {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
};
const locationPathname = () => window.location.pathname;
// The server cannot know the address; rendering nothing there keeps hydration consistent.
const noPathname = () => null;

/**
 * All prebuilt pages behind one route below `urls.handler`: sign-in, sign-up, sign-out, account-settings,
 * email-verification, forgot-password, password-reset, magic-link-callback, oauth-callback, cli-auth-confirm and
 * team-invitation.
 * @example
 * // app/handler/[...hexclave]/page.tsx
 * export default function Handler() { return <HexclaveHandlerClient fullPage />; }
 */
export function HexclaveHandlerClient({ path, fullPage, theme }: HexclaveHandlerClientProps) {
  const app = useHexclaveApp();
  // Read on every render, so client-side navigations between handler pages that re-render this component are seen too.
  const pathname = useSyncExternalStore(subscribeToLocation, locationPathname, noPathname);
  if (path === undefined && pathname === null) return null;
  const route = path !== undefined ? trimSlashes(path) : handlerRouteOf(app.urls.handler, pathname ?? "");
  const pageProps = { fullPage, theme };
  switch (route) {
    case "sign-in":
      return (
        <GuestOnly {...pageProps}>
          <SignIn {...pageProps} />
        </GuestOnly>
      );
    case "sign-up":
      return (
        <GuestOnly {...pageProps}>
          <SignUp {...pageProps} />
        </GuestOnly>
      );
    case "sign-out":
      return <SigningOut {...pageProps} />;
    case "account-settings":
      return <AccountSettings {...pageProps} />;
    case "email-verification":
      return <EmailVerification {...pageProps} />;
    case "forgot-password":
      return <ForgotPassword {...pageProps} />;
    case "password-reset":
      return <PasswordReset {...pageProps} />;
    case "magic-link-callback":
      return <MagicLinkCallback {...pageProps} />;
    case "oauth-callback":
      return <OAuthCallback {...pageProps} />;
    case "cli-auth-confirm":
      return <CliAuthConfirm {...pageProps} />;
    case "team-invitation":
      return <AcceptTeamInvitation {...pageProps} />;
    default:
      return <NotFound {...pageProps} />;
  }
}
