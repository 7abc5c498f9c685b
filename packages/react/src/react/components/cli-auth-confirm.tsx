"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { useState } from "react";
import type { CurrentUser } from "../../lib/objects/user.js";
import { useHexclaveApp, useUser } from "../hooks.js";
import { errorMessage } from "./errors.js";
import { Alert, Button, CardHeader } from "./primitives.js";
import { HexclaveCard, type HexclaveThemeConfig } from "./theme.js";
import { useAction } from "./use-action.js";

/**
 * The page a CLI opens (`urls.handler/cli-auth-confirm?login_code=…`): the signed-in user approves the CLI, which
 * then shares this session. Visitors who are not signed in are sent to sign-in first.
 * @example <CliAuthConfirm fullPage />
 */
export function CliAuthConfirm({ fullPage, theme }: { fullPage?: boolean; theme?: HexclaveThemeConfig }) {
  const app = useHexclaveApp();
  const user: CurrentUser | null = useUser({ or: "redirect" });
  const [approved, setApproved] = useState(false);
  const { pending, error, run } = useAction();
  if (!user) return null;
  const approve = () =>
    void run(async () => {
      const code = new URLSearchParams(window.location.search).get("login_code") ?? "";
      const result = await app.confirmCliLogin(code);
      if (result.status === "error") return "This login link is no longer valid. Start the login from the command line again.";
      setApproved(true);
      return null;
    }, errorMessage);
  if (approved) {
    return (
      <HexclaveCard theme={theme} fullPage={fullPage}>
        <CardHeader title="The command-line tool is signed in." subtitle="You can close this tab." />
      </HexclaveCard>
    );
  }
  return (
    <HexclaveCard theme={theme} fullPage={fullPage}>
      <CardHeader title="Sign in the command-line tool?" subtitle={`It will act as ${user.primaryEmail ?? user.displayName ?? "you"}. Approve only a login you started.`} />
      <div className="hx-stack">
        <Alert message={error} />
        <Button block loading={pending} onClick={approve}>
          Approve
        </Button>
      </div>
    </HexclaveCard>
  );
}
