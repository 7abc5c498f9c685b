"use client";

import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { CurrentUser } from "../../lib/objects/user.js";
import { redirectTo } from "../../lib/urls.js";
import { useHexclaveApp } from "../hooks.js";
import { Avatar } from "./avatar.js";

type UserMenuProps = {
  user: CurrentUser;
  showUserInfo: boolean;
  /** Start with the menu open; lets server rendering (and tests) show the menu without a click. */
  defaultOpen?: boolean;
};

function menuItemsOf(menu: HTMLElement | null): HTMLButtonElement[] {
  return Array.from(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);
}

/** Focuses the item at `index`, wrapping around both ends, so -1 is the last item. */
function focusMenuItem(menu: HTMLElement | null, index: number) {
  const items = menuItemsOf(menu);
  items[(index + items.length) % items.length]?.focus();
}

/**
 * A menu button following the WAI-ARIA menu button pattern: arrows move, Escape closes and returns focus.
 * @example {user ? <UserMenu user={user} showUserInfo={false} /> : null}
 */
export function UserMenu({ user, showUserInfo, defaultOpen = false }: UserMenuProps) {
  const app = useHexclaveApp();
  const [open, setOpen] = useState(defaultOpen);
  const [signingOut, setSigningOut] = useState(false);
  const buttonId = useId();
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<"first" | "last">("first");
  const name = user.displayName ?? user.primaryEmail ?? "Signed in";

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    focusMenuItem(menuRef.current, focusOnOpen.current === "first" ? 0 : -1);
    // Clicks anywhere else dismiss the menu, as native menus do; pointerdown catches them before focus moves.
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !containerRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const openWith = (target: "first" | "last") => {
    focusOnOpen.current = target;
    setOpen(true);
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "Escape" && open) close(true);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      openWith(event.key === "ArrowDown" ? "first" : "last");
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = menuItemsOf(menuRef.current).findIndex((item) => item === document.activeElement);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: -1 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      focusMenuItem(menuRef.current, target);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  };

  const signOut = () => {
    if (signingOut) return;
    setSigningOut(true);
    app.signOut({ redirectUrl: app.urls.afterSignOut }).catch((error: unknown) => {
      setSigningOut(false);
      reportError(error);
    });
  };

  return (
    <div ref={containerRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="hx-avatar-button"
        aria-label="Account menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openWith("first"))}
        onKeyDown={onButtonKeyDown}
      >
        <Avatar imageUrl={user.profileImageUrl} displayName={user.displayName} email={user.primaryEmail} />
        {showUserInfo ? (
          <span className="hx-user-info">
            <span className="hx-user-name">{name}</span>
            {user.primaryEmail && user.displayName ? <span className="hx-user-email">{user.primaryEmail}</span> : null}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="hx-menu" onKeyDown={onMenuKeyDown}>
          <div className="hx-menu-header">
            <span className="hx-user-name">{name}</span>
            {user.primaryEmail ? <span className="hx-user-email">{user.primaryEmail}</span> : null}
          </div>
          <div ref={menuRef} id={menuId} role="menu" aria-labelledby={buttonId}>
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="hx-menu-item"
              onClick={() => {
                close(false);
                void redirectTo(app.urls.accountSettings);
              }}
            >
              Account settings
            </button>
            {/* aria-disabled rather than disabled: a disabled button would drop keyboard focus out of the menu. */}
            <button type="button" role="menuitem" tabIndex={-1} className="hx-menu-item" aria-disabled={signingOut || undefined} onClick={signOut}>
              {signingOut ? "Signing out…" : "Sign out"}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
