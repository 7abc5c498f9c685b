import { resolveRedirectUrl } from "@stackframe/stack-shared";

export type HandlerUrls = {
  handler: string;
  signIn: string;
  signUp: string;
  signOut: string;
  afterSignIn: string;
  afterSignUp: string;
  afterSignOut: string;
  home: string;
  accountSettings: string;
  emailVerification: string;
  passwordReset: string;
  forgotPassword: string;
  magicLinkCallback: string;
  oauthCallback: string;
  teamInvitation: string;
};

/** Where the prebuilt pages live; every one can be moved with the `urls` option. */
export function resolveHandlerUrls(overrides: Partial<HandlerUrls> = {}): HandlerUrls {
  const handler = overrides.handler ?? "/handler";
  const page = (name: string) => `${handler}/${name}`;
  return {
    handler,
    signIn: page("sign-in"),
    signUp: page("sign-up"),
    signOut: page("sign-out"),
    afterSignIn: "/",
    afterSignUp: overrides.afterSignIn ?? "/",
    afterSignOut: "/",
    home: "/",
    accountSettings: page("account-settings"),
    emailVerification: page("email-verification"),
    passwordReset: page("password-reset"),
    forgotPassword: page("forgot-password"),
    magicLinkCallback: page("magic-link-callback"),
    oauthCallback: page("oauth-callback"),
    teamInvitation: page("team-invitation"),
    ...overrides,
  };
}

/** The query parameter of the sign-in and sign-up pages that names where to go back after signing in. */
export const AFTER_AUTH_RETURN_TO = "after_auth_return_to";

/**
 * A handler page's URL that comes back to `returnTo` after signing in, e.g. from a page that needs a signed-in user.
 * @example withAfterAuthReturnTo(app.urls.signIn, "/handler/team-invitation?code=…")
 */
export function withAfterAuthReturnTo(pageUrl: string, returnTo: string): string {
  // Plain string work rather than URL, which needs a base for relative pages: this runs in every client bundle.
  const hashAt = pageUrl.indexOf("#");
  const [page, hash] = hashAt === -1 ? [pageUrl, ""] : [pageUrl.slice(0, hashAt), pageUrl.slice(hashAt)];
  return `${page}${page.includes("?") ? "&" : "?"}${AFTER_AUTH_RETURN_TO}=${encodeURIComponent(returnTo)}${hash}`;
}

/**
 * Where to go after signing in: the absolute URL that the current address's `after_auth_return_to` names, or null when it
 * is absent or leads off this origin, so a crafted sign-in link cannot send someone who just signed in to a look-alike
 * site. Never a bare path: `//evil.example/x` is itself a link to another site.
 * @example afterAuthReturnTo(window.location.href) ?? app.urls.afterSignIn
 */
export function afterAuthReturnTo(currentUrl: string): string | null {
  const value = new URL(currentUrl).searchParams.get(AFTER_AUTH_RETURN_TO);
  return value === null ? null : resolveRedirectUrl(value, { base: currentUrl });
}

export type Redirect = (url: string, options: { replace: boolean }) => void | Promise<void>;

let redirectImpl: Redirect | null = null;

/** Frameworks install their navigation (e.g. Next's `redirect` on the server); browsers default to `location`. */
export function setRedirect(redirect: Redirect | null): void {
  redirectImpl = redirect;
}

export async function redirectTo(url: string, options: { replace?: boolean } = {}): Promise<void> {
  const replace = options.replace ?? false;
  if (redirectImpl) return await redirectImpl(url, { replace });
  if (typeof window === "undefined") throw new Error(`Cannot redirect to ${url} outside a browser without a framework package.`);
  if (replace) window.location.replace(url);
  else window.location.assign(url);
  // Navigation is under way; never resolve, so callers do not render the page being left.
  await new Promise(() => {});
}
