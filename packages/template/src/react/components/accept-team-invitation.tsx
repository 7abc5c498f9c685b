"use client";

import { type KnownError, TeamInvitationRestrictedUserNotAllowed, VerificationError } from "@stackframe/stack-shared";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { HexclaveClientApp } from "../../lib/apps/client-app.js";
import { withAfterAuthReturnTo } from "../../lib/urls.js";
import { useHexclaveApp, useUser } from "../hooks.js";
import { errorMessage } from "./errors.js";
import { Alert, Button, CardHeader, HexclaveLink } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";
import { useAction } from "./use-action.js";

type PageProps = { fullPage?: boolean; theme?: HexclaveThemeConfig };

// Details are read on arrival; the code is only used on a click.
type Details = { status: "loading" } | { status: "ready"; teamDisplayName: string | null } | { status: "invalid"; message: string };

function invitationErrorMessage(error: KnownError): string {
  if (error instanceof VerificationError) return "This invitation link is no longer valid. Ask the team for a new one.";
  if (error instanceof TeamInvitationRestrictedUserNotAllowed) return "Verify your email address before joining a team.";
  return errorMessage(error);
}

async function readInvitation(app: HexclaveClientApp, code: string, signedIn: boolean): Promise<Details> {
  const invalid = (error: KnownError): Details => ({ status: "invalid", message: invitationErrorMessage(error) });
  // Signed out, the API only says whether the code is good; the team's name needs a signed-in user.
  if (!signedIn) {
    const checked = await app.verifyTeamInvitationCode(code);
    return checked.status === "ok" ? { status: "ready", teamDisplayName: null } : invalid(checked.error);
  }
  const result = await app.getTeamInvitationDetails(code);
  return result.status === "ok" ? { status: "ready", teamDisplayName: result.data.teamDisplayName } : invalid(result.error);
}

const neverChanges = () => () => {};
const currentHref = () => window.location.href;
const noHref = () => null;

/**
 * The page an invitation email links to (`urls.teamInvitation?code=…`). It names the team and joins only on a click,
 * so mail scanners that open links cannot spend the code. A signed-out visitor signs in or creates an account first
 * and is brought back here.
 * @example <AcceptTeamInvitation fullPage />
 */
export function AcceptTeamInvitation({ fullPage, theme }: PageProps) {
  const app = useHexclaveApp();
  const user = useUser();
  // Known only in the browser: the server renders without the code, so it neither reads the invitation nor links back.
  const href = useSyncExternalStore(neverChanges, currentHref, noHref);
  const code = href ? (new URL(href).searchParams.get("code") ?? "") : null;
  const signedIn = user !== null;
  const [details, setDetails] = useState<Details>({ status: "loading" });
  const [joined, setJoined] = useState(false);
  const { pending, error, run } = useAction();

  useEffect(() => {
    if (code === null) return;
    let current = true;
    readInvitation(app, code, signedIn).then(
      (next) => current && setDetails(next),
      (thrown: unknown) => current && setDetails({ status: "invalid", message: errorMessage(thrown) }),
    );
    return () => {
      current = false;
    };
  }, [app, code, signedIn]);

  const teamName = details.status === "ready" ? details.teamDisplayName : null;
  if (joined) {
    return (
      <HexclaveCard theme={theme} fullPage={fullPage}>
        <CardHeader title={`You joined ${teamName ?? "the team"}.`} />
        <HexclaveLink href={app.urls.home}>Continue</HexclaveLink>
      </HexclaveCard>
    );
  }
  if (details.status === "invalid") {
    return (
      <HexclaveCard theme={theme} fullPage={fullPage}>
        <CardHeader title="We could not open this invitation." subtitle={details.message} />
        <HexclaveLink href={app.urls.home}>Go home</HexclaveLink>
      </HexclaveCard>
    );
  }
  const title = teamName ? `Join ${teamName}` : "You are invited to join a team";
  if (!user) {
    const url = href ? new URL(href) : null;
    const returnTo = url ? `${url.pathname}${url.search}` : null;
    const withReturn = (page: string) => (returnTo ? withAfterAuthReturnTo(page, returnTo) : page);
    return (
      <HexclaveCard theme={theme} fullPage={fullPage}>
        <CardHeader title={title} subtitle="Sign in or create an account to accept the invitation." />
        <div className="hx-actions">
          <HexclaveLink href={withReturn(app.urls.signIn)} className="hx-button">
            Sign in
          </HexclaveLink>
          <HexclaveLink href={withReturn(app.urls.signUp)} className="hx-button hx-button-secondary">
            Create an account
          </HexclaveLink>
        </div>
      </HexclaveCard>
    );
  }
  const join = () =>
    void run(async () => {
      const result = await app.acceptTeamInvitation(code ?? "");
      if (result.status === "error") return invitationErrorMessage(result.error);
      setJoined(true);
      return null;
    }, errorMessage);
  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title={title} subtitle={`You will join as ${user.primaryEmail ?? user.displayName ?? "the signed-in user"}.`} />
      <div className="hx-stack">
        <Alert message={error} />
        <Button block loading={pending} disabled={details.status !== "ready"} onClick={join}>
          Join team
        </Button>
      </div>
    </HexclaveCard>
  );
}
