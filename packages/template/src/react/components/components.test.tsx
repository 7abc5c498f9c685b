import { KnownErrors, type UserJson } from "@stackframe/stack-shared";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
// Through the public API, as apps do: importing apps/client-app.js first trips a circular import (see the report).
import { HexclaveClientApp } from "../../lib/public-api.js";
import { useUser } from "../hooks.js";
import { HexclaveProvider } from "../provider.js";
import { initialsOf } from "./avatar.js";
import { authErrorMessage } from "./errors.js";
import { handlerRouteOf } from "./handler.js";
import { AccountSettings, HexclaveHandlerClient, HexclaveTheme, SignIn, SignUp, StackTheme, UserButton } from "./index.js";
import { hexclaveCss } from "./styles.js";
import { UserMenu } from "./user-menu.js";

const user: UserJson = {
  id: "3f1c2b7e-0000-4000-8000-000000000001", primary_email: "ada@example.com", primary_email_verified: true,
  display_name: "Ada Lovelace", profile_image_url: null, signed_up_at_millis: 0, selected_team: null, selected_team_id: null,
  client_metadata: null, client_read_only_metadata: null, oauth_providers: [], has_password: true, auth_with_email: true,
  otp_auth_enabled: false, passkey_auth_enabled: false, requires_totp_mfa: false, is_anonymous: false, is_restricted: false,
  restricted_reason: null, restricted_by_admin: false, restricted_by_admin_reason: null,
};

function render(ui: ReactNode, initialUser: UserJson | null = null): string {
  // A fresh app per render: the user store is per app, so tests cannot leak a user into each other.
  const app = new HexclaveClientApp({ projectId: "internal", baseUrl: "http://127.0.0.1:1", tokenStore: "memory" });
  return renderToString(<HexclaveProvider app={app} initialUser={initialUser}>{ui}</HexclaveProvider>);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The opening tag of the input that the label with this exact text points at; fails when there is none. */
function inputLabelled(html: string, label: string): string {
  const forId = new RegExp(`<label[^>]*\\sfor="([^"]+)"[^>]*>${escapeRegExp(label)}</label>`).exec(html)?.[1];
  expect(forId, `a <label for> with text "${label}"`).toBeDefined();
  const input = new RegExp(`<input[^>]*\\sid="${escapeRegExp(forId ?? "")}"[^>]*>`).exec(html)?.[0];
  expect(input, `an <input> with the id of label "${label}"`).toBeDefined();
  return input ?? "";
}

/** The opening tag of the element with this exact text content, e.g. `<button type="submit" …>`. */
function tagWithText(html: string, tag: string, text: string): string | undefined {
  return new RegExp(`<${tag}\\b[^>]*>(?:<span[^>]*></span>)?${escapeRegExp(text)}</${tag}>`).exec(html)?.[0];
}

/** The provider's Suspense boundary leaves `<!--$-->` comments even around nothing. */
const withoutSuspenseMarkers = (html: string) => html.replace(/<!--\/?\$-->/g, "");

describe("SignIn", () => {
  it("ties the visible Email and Password labels to their inputs", () => {
    const html = render(<SignIn />);
    expect(inputLabelled(html, "Email")).toMatch(/type="email".*autoComplete="email"/);
    expect(inputLabelled(html, "Password")).toMatch(/type="password".*autoComplete="current-password"/);
  });

  it("submits with a button labelled exactly 'Sign in'", () => {
    expect(tagWithText(render(<SignIn />), "button", "Sign in")).toContain('type="submit"');
  });

  it("keeps an empty role=alert container in the document for error messages", () => {
    expect(render(<SignIn />)).toMatch(/<div id="[^"]+" role="alert" class="hx-alert"><\/div>/);
  });

  it("links 'Create an account' to urls.signUp", () => {
    expect(tagWithText(render(<SignIn />), "a", "Create an account")).toContain('href="/handler/sign-up"');
  });

  it("centers in the viewport with fullPage", () => {
    expect(render(<SignIn fullPage />)).toContain('class="hx-root hx-fullpage"');
  });

  it("shows extraInfo under the form", () => {
    expect(render(<SignIn extraInfo={<span>By signing in you accept our terms.</span>} />)).toContain("By signing in you accept our terms.");
  });
});

describe("SignUp", () => {
  it("ties the Email, Password and Repeat password labels to their inputs", () => {
    const html = render(<SignUp />);
    expect(inputLabelled(html, "Email")).toContain('type="email"');
    expect(inputLabelled(html, "Password")).toMatch(/type="password".*autoComplete="new-password"/);
    expect(inputLabelled(html, "Repeat password")).toMatch(/type="password".*autoComplete="new-password"/);
  });

  it("submits with a button labelled exactly 'Sign up'", () => {
    expect(tagWithText(render(<SignUp />), "button", "Sign up")).toContain('type="submit"');
  });

  it("links 'Sign in instead' to urls.signIn", () => {
    expect(tagWithText(render(<SignUp />), "a", "Sign in instead")).toContain('href="/handler/sign-in"');
  });
});

describe("styles and theme", () => {
  it("adds the stylesheet once however many components render it", () => {
    const html = render(<><UserButton /><SignIn /></>);
    expect(html.match(/<style[^>]*data-href="hexclave-ui"/g)).toHaveLength(1);
  });

  it("applies theme variables as inline custom properties on .hx-root", () => {
    const html = render(<SignIn theme={{ variables: { primary: "#0ea5e9", primaryForeground: "#000", radius: "4px" } }} />);
    expect(html).toMatch(/class="hx-root" style="--hx-primary:#0ea5e9;--hx-primary-foreground:#000;--hx-radius:4px"/);
  });

  it("takes the theme of an enclosing HexclaveTheme, which a component's own theme overrides", () => {
    const dark = { colorScheme: "dark" as const };
    expect(render(<HexclaveTheme theme={dark}><SignIn /></HexclaveTheme>)).toContain('data-hx-theme="dark"');
    expect(render(<HexclaveTheme theme={dark}><SignIn theme={{ colorScheme: "light" }} /></HexclaveTheme>)).toContain('data-hx-theme="light"');
    expect(StackTheme).toBe(HexclaveTheme);
  });

  it("forces a color scheme with data-hx-theme", () => {
    expect(render(<SignIn theme={{ colorScheme: "dark" }} />)).toContain('<div class="hx-root" data-hx-theme="dark">');
  });

  it("leaves colorScheme auto to the prefers-color-scheme media query", () => {
    expect(render(<SignIn theme={{ colorScheme: "auto" }} />)).toContain('<div class="hx-root"><div class="hx-card">');
    expect(hexclaveCss()).toContain('@media (prefers-color-scheme: dark) {\n  .hx-root:not([data-hx-theme="light"])');
  });
});

describe("UserButton", () => {
  it("names the signed-in user's button 'Account menu' and marks it as a closed menu button", () => {
    const button = render(<UserButton />, user).match(/<button[^>]*class="hx-avatar-button"[^>]*>/)?.[0];
    expect(button).toMatch(/aria-label="Account menu" aria-haspopup="menu" aria-expanded="false"/);
  });

  it("shows initials when the user has no profile image", () => {
    expect(render(<UserButton />, user)).toContain('<span class="hx-avatar" aria-hidden="true">AL</span>');
  });

  it("shows the profile image as decoration, the button carrying the name", () => {
    const html = render(<UserButton />, { ...user, profile_image_url: "https://example.com/ada.png" });
    expect(html).toMatch(/<img class="hx-avatar" src="https:\/\/example.com\/ada.png" alt=""/);
  });

  it("shows name and email next to the avatar with showUserInfo", () => {
    const html = render(<UserButton showUserInfo />, user);
    expect(html).toContain('<span class="hx-user-name">Ada Lovelace</span><span class="hx-user-email">ada@example.com</span>');
  });

  it("offers a 'Sign in' button to visitors", () => {
    const html = render(<UserButton />);
    expect(tagWithText(html, "button", "Sign in")).toBeDefined();
    expect(html).not.toContain("aria-haspopup");
  });

  it("opens a menu labelled by its button, with Account settings and Sign out items", () => {
    const html = render(<OpenUserMenu />, user);
    const buttonId = html.match(/<button id="([^"]+)"[^>]*aria-expanded="true" aria-controls="([^"]+)"/);
    expect(buttonId).not.toBeNull();
    expect(html).toContain(`id="${buttonId?.[2]}" role="menu" aria-labelledby="${buttonId?.[1]}"`);
    expect([...html.matchAll(/role="menuitem"[^>]*>([^<]+)</g)].map((match) => match[1])).toEqual(["Account settings", "Sign out"]);
  });

  it("shows the user's name and email at the top of the open menu", () => {
    const header = '<div class="hx-menu-header"><span class="hx-user-name">Ada Lovelace</span><span class="hx-user-email">ada@example.com</span>';
    expect(render(<OpenUserMenu />, user)).toContain(header);
  });
});

function OpenUserMenu() {
  // Opening needs a click, which server rendering cannot do; the menu UserButton renders takes a starting state.
  const current = useUser();
  return current ? <UserMenu user={current} showUserInfo={false} defaultOpen /> : null;
}

describe("AccountSettings", () => {
  it("has Profile, Password, Two-factor authentication, Sessions and Sign out sections", () => {
    // The Passkey section waits for the project to say passkeys are on.
    const headings = [...render(<AccountSettings />, user).matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((match) => match[1]);
    expect(headings).toEqual(["Profile", "Password", "Two-factor authentication", "Sessions", "Sign out"]);
  });

  it("asks for the current password before a change when the account has one", () => {
    const html = render(<AccountSettings />, user);
    expect(inputLabelled(html, "Current password")).toMatch(/type="password".*autoComplete="current-password"/);
    expect(inputLabelled(html, "New password")).toMatch(/autoComplete="new-password"/);
    expect(inputLabelled(html, "Repeat new password")).toMatch(/autoComplete="new-password"/);
    expect(tagWithText(html, "button", "Change password")).toContain('type="submit"');
  });

  it("offers to set a password, without asking for a current one, when the account has none", () => {
    const html = render(<AccountSettings />, { ...user, has_password: false });
    expect(html).not.toContain("Current password");
    expect(tagWithText(html, "button", "Set password")).toContain('type="submit"');
  });

  it("prefills a labelled Display name input next to a Save button and a status region", () => {
    const html = render(<AccountSettings />, user);
    expect(inputLabelled(html, "Display name")).toContain('value="Ada Lovelace"');
    expect(tagWithText(html, "button", "Save")).toContain('type="submit"');
    expect(html).toMatch(/<p role="status" class="hx-status"><\/p>/);
  });

  it("offers to resend the verification email for an unverified primary email only", () => {
    expect(tagWithText(render(<AccountSettings />, { ...user, primary_email_verified: false }), "button", "Resend verification email")).toBeDefined();
    expect(render(<AccountSettings />, user)).not.toContain("Resend verification email");
    expect(render(<AccountSettings />, { ...user, primary_email: null, primary_email_verified: false })).not.toContain("Resend verification email");
  });

  it("shows the primary email read-only", () => {
    const input = inputLabelled(render(<AccountSettings />, user), "Email");
    expect(input).toContain('readOnly=""');
    expect(input).toContain('value="ada@example.com"');
  });

  it("announces that sessions are loading until they arrive", () => {
    expect(render(<AccountSettings />, user)).toContain('<p role="status" class="hx-status">Loading sessions…</p>');
  });

  it("renders nothing for a visitor, who is being sent to sign-in", () => {
    expect(withoutSuspenseMarkers(render(<AccountSettings />))).toBe("");
  });
});

describe("HexclaveHandlerClient", () => {
  it.each([["sign-in", "Sign in"], ["/sign-up/", "Sign up"]])("shows the form of path %s", (path, button) => {
    expect(tagWithText(render(<HexclaveHandlerClient path={path} />), "button", button)).toContain('type="submit"');
  });

  it("shows 'Signing out…' on sign-out", () => {
    expect(render(<HexclaveHandlerClient path="sign-out" />, user)).toContain("Signing out…");
  });

  it("shows account settings on account-settings", () => {
    expect(render(<HexclaveHandlerClient path="account-settings" />, user)).toContain(">Account settings</h1>");
  });

  it("shows 'Page not found' with a link home for unknown paths", () => {
    const html = render(<HexclaveHandlerClient path="nope" />);
    expect(html).toContain("Page not found");
    expect(tagWithText(html, "a", "Go home")).toContain('href="/"');
  });

  it("tells a signed-in user opening sign-in that they are already signed in", () => {
    const html = render(<HexclaveHandlerClient path="sign-in" />, user);
    expect(html).toContain("You are already signed in.");
    expect(tagWithText(html, "a", "Account settings")).toContain('href="/handler/account-settings"');
    expect(tagWithText(html, "a", "Home")).toContain('href="/"');
    expect(tagWithText(html, "button", "Sign out")).toBeDefined();
  });

  it("renders nothing on the server without a path, as the address is only known in the browser", () => {
    expect(withoutSuspenseMarkers(render(<HexclaveHandlerClient />))).toBe("");
  });

  it.each([
    ["/handler/sign-in", "sign-in"],
    ["/handler/account-settings/", "account-settings"],
    ["/app/handler/sign-up", "sign-up"],
    ["/handler", ""],
    ["/elsewhere/sign-in", null],
  ])("finds the page of %s below /handler", (pathname, route) => {
    expect(handlerRouteOf("/handler", pathname)).toBe(route);
  });
});

describe("messages", () => {
  it.each([
    { error: new KnownErrors.EmailPasswordMismatch(), message: "Wrong email or password." },
    { error: new KnownErrors.UserEmailAlreadyExists("ada@example.com"), message: "An account with this email already exists." },
    { error: new KnownErrors.PasswordTooShort(8), message: "The password must be at least 8 characters long." },
    { error: new KnownErrors.SchemaError("body.email must be an email"), message: "Please check the email address and password." },
    { error: new KnownErrors.UserNotFound(), message: "User not found." },
  ])("explains $error.code to the visitor", ({ error, message }) => {
    expect(authErrorMessage(error)).toBe(message);
  });

  it.each([["Ada Lovelace", null, "AL"], [null, "grace@example.com", "G"], ["  ", null, "?"]])("makes initials of %s / %s", (name, email, initials) => {
    expect(initialsOf(name, email)).toBe(initials);
  });
});
