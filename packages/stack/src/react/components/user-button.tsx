"use client";
// Generated from packages/template by scripts/generate-sdks.ts; do not edit. Change the template and run `pnpm generate-sdks`.

import { useHexclaveApp, useUser } from "../hooks.js";
import { Button } from "./primitives.js";
import { HexclaveRoot, type HexclaveThemeConfig } from "./theme.js";
import { UserMenu } from "./user-menu.js";

export type UserButtonProps = {
  /** Show the user's name and email next to the avatar, not only in the menu. */
  showUserInfo?: boolean;
  theme?: HexclaveThemeConfig;
};

/**
 * The signed-in user's avatar, opening a menu with account settings and sign-out; a "Sign in" button for visitors.
 * @example
 * <header><Logo /><UserButton showUserInfo /></header>
 */
export function UserButton({ showUserInfo = false, theme }: UserButtonProps) {
  const app = useHexclaveApp();
  const user = useUser();
  return (
    <HexclaveRoot theme={theme} className="hx-user-button">
      {user ? (
        <UserMenu user={user} showUserInfo={showUserInfo} />
      ) : (
        <Button variant="secondary" small onClick={() => void app.redirectToSignIn()}>
          Sign in
        </Button>
      )}
    </HexclaveRoot>
  );
}
