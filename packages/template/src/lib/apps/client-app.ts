import { ClientInterface, type InternalSession, InvalidAccessToken, type KnownError, RefreshTokenError, UserAuthenticationRequired, type UserJson } from "@stackframe/stack-shared";
import { formatAuthorizationHeader } from "../auth-header.js";
import { attachInternals } from "../internals.js";
import { loadOnDemand } from "../lazy.js";
import type { PromptCliLoginOptions } from "../cli-login.js";
import type { OAuthStart } from "../oauth/authorize.js";
import { type CurrentUser, currentUserFromJson } from "../objects/user.js";
import { type Project, projectFromJson } from "../objects/project.js";
import { Result, knownErrorResult } from "../result.js";
import { resolveTokenStore } from "../token-stores/resolve-store.js";
import type { TokenStore, TokenStoreInit } from "../token-stores/token-store.js";
import { type HandlerUrls, afterAuthReturnTo, redirectTo, resolveHandlerUrls, withAfterAuthReturnTo } from "../urls.js";
import { sdkIdentity } from "../sdk-identity.js";
import { type HexclaveClientAppJson, type HexclaveClientAppOptions, resolveAppOptions } from "./app-options.js";
import { withOwnedProjectMethods } from "./owned-project-apps.js";

/** How `redirectTo…` navigates: replacing the current history entry, and whether sign-in comes back to this page. */
export type RedirectToOptions = { replace?: boolean; noRedirectBack?: boolean };

export type GetUserOptions = {
  /** What to do when nobody is signed in: return null (default), redirect to sign-in, throw, or sign up anonymously. */
  or?: "return-null" | "redirect" | "throw" | "anonymous";
  /** Use another token store for this call, e.g. `{ headers }` of an incoming request. */
  tokenStore?: TokenStoreInit;
};

type UserListener = (user: CurrentUser | null) => void;

/**
 * The browser-safe app: signs users in and out and acts for the signed-in user.
 * @example
 * const app = new HexclaveClientApp({ projectId: "…", publishableClientKey: "pck_…", tokenStore: "cookie" });
 * await app.signInWithCredential({ email, password });
 * const user = await app.getUser();
 */
export class HexclaveClientApp {
  readonly projectId: string;
  readonly version = sdkIdentity().version;
  readonly urls: Readonly<HandlerUrls>;
  protected readonly options: ReturnType<typeof resolveAppOptions>;
  protected readonly iface: ClientInterface;
  #defaultStore: TokenStore | null | undefined;
  readonly #sessions = new WeakMap<TokenStore, InternalSession>();
  readonly #userListeners = new Set<UserListener>();

  constructor(options: HexclaveClientAppOptions) {
    this.options = resolveAppOptions(options);
    this.projectId = this.options.projectId;
    this.urls = resolveHandlerUrls(options.urls);
    this.iface = this.createInterface();

    attachInternals(this, {
      toClientJson: () => this.toClientJson(),
      sendRequest: (path: string, init: RequestInit, accessType: "client" | "server" | "admin" = "client") =>
        this.iface.http.send(path, { method: (init.method ?? "GET") as "GET", body: init.body ? JSON.parse(String(init.body)) : undefined }, null, accessType),
      getSession: (tokenStore?: TokenStoreInit) => this.getSession(tokenStore),
      currentUserFromJson: (json: UserJson) => this.currentUserFromJson(json),
    });
  }

  protected createInterface(): ClientInterface {
    return new ClientInterface(this.httpOptions());
  }

  protected httpOptions() {
    const { options } = this;
    return {
      baseUrl: options.baseUrl,
      projectId: options.projectId,
      clientVersion: `${sdkIdentity().platform} ${sdkIdentity().package}@${sdkIdentity().version}`,
      publishableClientKey: options.publishableClientKey,
      extraRequestHeaders: options.extraRequestHeaders,
      fetch: options.fetch,
    };
  }

  /** The options a browser needs to rebuild this app (no secrets): what a server hands its client components. */
  toClientJson(): HexclaveClientAppJson {
    const { options } = this;
    const tokenStore = typeof options.tokenStore === "string" ? options.tokenStore : "cookie";
    return {
      baseUrl: options.baseUrl,
      projectId: options.projectId,
      ...(options.publishableClientKey ? { publishableClientKey: options.publishableClientKey } : {}),
      tokenStore,
      urls: { ...this.urls },
    };
  }

  protected store(tokenStore?: TokenStoreInit): TokenStore {
    if (tokenStore !== undefined && tokenStore !== null) return resolveTokenStore(tokenStore, { projectId: this.projectId });
    // Resolved on first use: an app rebuilt for server-side rendering of client components never needs its store.
    const init = this.options.tokenStore;
    this.#defaultStore ??= init === null ? null : resolveTokenStore(init, { projectId: this.projectId });
    if (this.#defaultStore === null) throw new Error("This app has no token store: pass tokenStore to the constructor or to this call.");
    return this.#defaultStore;
  }

  /** The session in a store; one session object per store while its refresh token stays the same. */
  protected async getSession(tokenStore?: TokenStoreInit): Promise<InternalSession> {
    const store = this.store(tokenStore);
    const tokens = await store.read();
    const cached = this.#sessions.get(store);
    if (cached && cached.refreshToken === tokens.refreshToken && (tokens.refreshToken !== null || cached.getTokens().accessToken === tokens.accessToken)) {
      return cached;
    }
    const session = this.iface.createSession(tokens);
    session.onChange((next) => store.write(next));
    this.#sessions.set(store, session);
    return session;
  }

  protected async startSession(tokens: { access_token: string; refresh_token: string }, tokenStore?: TokenStoreInit): Promise<void> {
    const store = this.store(tokenStore);
    await store.write({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
    await this.getSession(tokenStore);
  }

  async signUpWithCredential(options: {
    email: string;
    password: string;
    noRedirect?: boolean;
    noVerificationCallback?: boolean;
    verificationCallbackUrl?: string;
  }): Promise<Result<undefined, KnownError>> {
    return await this.#signIn(options.noRedirect, async (session) => {
      const verificationUrl = options.noVerificationCallback ? undefined : (options.verificationCallbackUrl ?? this.absoluteUrl(this.urls.emailVerification));
      return await this.iface.signUpWithPassword(
        { email: options.email, password: options.password, ...(verificationUrl ? { verification_callback_url: verificationUrl } : {}) },
        session,
      );
    }, "afterSignUp");
  }

  async signInWithCredential(options: { email: string; password: string; noRedirect?: boolean }): Promise<Result<undefined, KnownError>> {
    return await this.#signIn(options.noRedirect, (session) => this.iface.signInWithPassword({ email: options.email, password: options.password }, session), "afterSignIn");
  }

  async #signIn(
    noRedirect: boolean | undefined,
    call: (session: InternalSession) => Promise<{ access_token: string; refresh_token: string }>,
    page: "afterSignIn" | "afterSignUp",
  ): Promise<Result<undefined, KnownError>> {
    const signedIn = await knownErrorResult(async () => this.startSession(await call(await this.getSession())));
    if (signedIn.status === "error") return signedIn;
    await this.#notifyUser();
    if (!noRedirect && this.options.redirectMethod !== "none" && typeof window !== "undefined") {
      await this.#redirectToHandler(page);
    }
    return Result.ok(undefined);
  }

  /**
   * Finishes a sign-in that answered `MULTI_FACTOR_AUTHENTICATION_REQUIRED`: the code from the user's authenticator app
   * and the error's `details.attempt_code`.
   * @example const result = await app.signInWithMfa("492039", error.details.attempt_code);
   */
  async signInWithMfa(totp: string, attemptCode: string, options: { noRedirect?: boolean } = {}): Promise<Result<undefined, KnownError>> {
    const { signInWithMfa } = await loadOnDemand();
    return await this.#signIn(options.noRedirect, (session) => signInWithMfa(this.iface.http, { code: attemptCode, totp }, session), "afterSignIn");
  }

  /**
   * Finishes such a sign-in with one of the user's recovery codes instead (`user.generateRecoveryCodes()` made them);
   * each works once. A wrong or spent code answers `INVALID_MFA_RECOVERY_CODE`.
   * @example const result = await app.signInWithRecoveryCode("abcde-fghij", error.details.attempt_code);
   */
  async signInWithRecoveryCode(recoveryCode: string, attemptCode: string, options: { noRedirect?: boolean } = {}): Promise<Result<undefined, KnownError>> {
    const { signInWithRecoveryCode } = await loadOnDemand();
    const call = (session: InternalSession) => signInWithRecoveryCode(this.iface.http, { code: attemptCode, recovery_code: recoveryCode.trim() }, session);
    return await this.#signIn(options.noRedirect, call, "afterSignIn");
  }

  /**
   * Signs in with a passkey of this site, which the browser asks the user to pick (the project needs
   * `passkeyEnabled`). A user with two-factor sign-in gets `MULTI_FACTOR_AUTHENTICATION_REQUIRED`, as after a
   * password; a cancelled or failed browser prompt is `PASSKEY_WEBAUTHN_ERROR`.
   * @example
   * const result = await app.signInWithPasskey();
   * if (result.status === "error") console.log(result.error.code); // e.g. PASSKEY_AUTHENTICATION_FAILED
   */
  async signInWithPasskey(options: { noRedirect?: boolean } = {}): Promise<Result<undefined, KnownError>> {
    const passkeys = await loadOnDemand();
    return await this.#signIn(options.noRedirect, (session) => passkeys.signInWithPasskey(this.iface, session, passkeys.passkeyHostname()), "afterSignIn");
  }

  /**
   * Mails a sign-in link and a 6-character code. Complete with `signInWithMagicLink(code)` from the link, or with
   * `signInWithMagicLink(typedCode + nonce)` where the user typed the code.
   */
  async sendMagicLinkEmail(email: string, options: { callbackUrl?: string } = {}): Promise<Result<{ nonce: string }, KnownError>> {
    return knownErrorResult(async () =>
      (await loadOnDemand()).sendSignInCode(this.iface.http, email, this.callbackUrl(options.callbackUrl, this.urls.magicLinkCallback)),
    );
  }

  /** Signs in (or up, for a new address) with the code of a magic link, or a typed code followed by its nonce. */
  async signInWithMagicLink(code: string, options: { noRedirect?: boolean } = {}): Promise<Result<undefined, KnownError>> {
    const { signInWithCode } = await loadOnDemand();
    return await this.#signIn(options.noRedirect, (session) => signInWithCode(this.iface.http, code, session), "afterSignIn");
  }

  /**
   * Sends the browser to an OAuth provider (an id of `project.config.oauthProviders`), which comes back to
   * `urls.oauthCallback`, where `callOAuthCallback()` signs the user in. An anonymous user's account becomes this one.
   * Afterwards the app goes to `returnTo`, else where the sign-in page was asked to return to, else `urls.afterSignIn`.
   * @example await app.signInWithOAuth("github", { providerScope: ["read:org"] });
   */
  async signInWithOAuth(providerId: string, options: { returnTo?: string; providerScope?: string[] } = {}): Promise<void> {
    const session = await this.getSession();
    const token = session.isSignedOut ? null : await session.getAccessToken();
    const anonymousToken = token?.payload?.is_anonymous ? token.token : undefined;
    await this.#startOAuth({ providerId, type: "authenticate", token: anonymousToken, providerScope: options.providerScope, returnTo: options.returnTo });
  }

  async #startOAuth(start: Omit<OAuthStart, "callbackPage">): Promise<void> {
    await (await loadOnDemand()).startOAuth(this.iface.http, { ...start, callbackPage: this.urls.oauthCallback });
  }

  /**
   * Finishes an OAuth sign-in on the `urls.oauthCallback` page: stores the session, then goes on as `signInWithOAuth`
   * says. False when the address holds nothing to finish (a reload, a page from history). Throws the known error the
   * sign-in failed with; `MULTI_FACTOR_AUTHENTICATION_REQUIRED` continues with `signInWithMfa`.
   * @example if (!(await app.callOAuthCallback())) await app.redirectToSignIn();
   */
  async callOAuthCallback(): Promise<boolean> {
    const tokens = await (await loadOnDemand()).exchangeOAuthCallback(this.iface.http, this.urls.oauthCallback);
    if (!tokens) return false;
    await this.startSession(tokens);
    await this.#notifyUser();
    if (this.options.redirectMethod === "none") return true;
    if (tokens.after_callback_redirect_url) await redirectTo(tokens.after_callback_redirect_url, { replace: true });
    else await this.#redirectToHandler(tokens.is_new_user ? "afterSignUp" : "afterSignIn", { replace: true });
    return true;
  }

  /**
   * Signs a command-line tool in through the browser: shows a link (`promptLink`, else the console) to
   * `{appUrl}/handler/cli-auth-confirm`, then waits until a signed-in user approves it there. Resolves to the refresh
   * token of the approved session, for the CLI to keep.
   */
  async promptCliLogin(options: PromptCliLoginOptions): Promise<Result<string, KnownError>> {
    return (await loadOnDemand()).promptCliLogin(this.iface, this.urls.handler, options);
  }

  /** Approves a CLI login (the `login_code` of the link) with this browser's session. */
  async confirmCliLogin(loginCode: string): Promise<Result<undefined, KnownError>> {
    const session = await this.getSession();
    return (await loadOnDemand()).confirmCliLogin(this.iface, session, loginCode);
  }

  /** Ends the current session on the server and forgets its tokens. */
  async signOut(options: { redirectUrl?: string; tokenStore?: TokenStoreInit } = {}): Promise<void> {
    const session = await this.getSession(options.tokenStore);
    try {
      if (!session.isSignedOut) await this.iface.signOut(session);
    } catch (error) {
      // Already gone on the server: the local sign-out below is all that is left to do.
      if (!(error instanceof RefreshTokenError) && !(error instanceof InvalidAccessToken)) throw error;
    }
    session.markInvalid();
    await this.store(options.tokenStore).write({ accessToken: null, refreshToken: null });
    // When leaving the page, listeners are not told: a page that requires a user would redirect to sign-in first.
    if (options.redirectUrl) return await redirectTo(options.redirectUrl);
    this.#emitUser(null);
  }

  /** The signed-in user, or null (see `or` for the alternatives). */
  async getUser(options: GetUserOptions & { or: "redirect" | "throw" | "anonymous" }): Promise<CurrentUser>;
  async getUser(options?: GetUserOptions): Promise<CurrentUser | null>;
  async getUser(options: GetUserOptions = {}): Promise<CurrentUser | null> {
    const session = await this.getSession(options.tokenStore);
    const json = await this.iface.getCurrentUser(session);
    if (json) return this.currentUserFromJson(json, options.tokenStore);
    if (options.or !== "anonymous") return await this.noUser(options.or);
    // An anonymous account now, upgraded in place when the visitor signs up later.
    await this.startSession(await this.iface.signUpAnonymously(session), options.tokenStore);
    await this.#notifyUser();
    return await this.getUser({ ...options, or: "throw" });
  }

  protected async noUser(or: GetUserOptions["or"]): Promise<null> {
    if (or === "redirect") {
      // Back to this page once signed in: a link that needs a user (an invitation, a CLI login) must not be lost.
      await this.redirectToSignIn({ replace: true });
      throw new Error("Redirecting to sign-in.");
    }
    if (or === "throw") throw new UserAuthenticationRequired();
    return null;
  }

  /** A user object for JSON of the signed-in user, e.g. as a server rendered it. */
  protected currentUserFromJson(json: UserJson, tokenStore?: TokenStoreInit): CurrentUser {
    const getSession = () => this.getSession(tokenStore);
    const user = currentUserFromJson(json, {
      iface: this.iface,
      getSession,
      onUpdated: (next) => this.#emitUser(next === null ? null : this.currentUserFromJson(next, tokenStore)),
      verificationCallbackUrl: (explicit) => this.callbackUrl(explicit, this.urls.emailVerification),
      teamInvitationUrl: (explicit) => this.callbackUrl(explicit, this.urls.teamInvitation),
      onChanged: () => this.#notifyUser(),
      signOut: (options) => this.signOut({ ...options, tokenStore }),
      linkConnectedAccount: async (providerId, { scopes, returnTo }) => {
        const token = await (await getSession()).getAccessToken();
        if (!token) throw new UserAuthenticationRequired();
        await this.#startOAuth({ providerId, type: "link", token: token.token, providerScope: scopes, returnTo });
      },
    });
    if (this.projectId !== "internal") return user;
    return withOwnedProjectMethods(user, { iface: this.iface, getSession, httpOptions: this.httpOptions() });
  }

  /** `Bearer hexclave_…` for the current session, to call your own server; null when signed out. */
  async getAuthorizationHeader(options: { tokenStore?: TokenStoreInit } = {}): Promise<string | null> {
    const session = await this.getSession(options.tokenStore);
    await session.getAccessToken();
    return formatAuthorizationHeader(session.getTokens());
  }

  async getProject(): Promise<Project> {
    return projectFromJson(await this.iface.getProject());
  }

  /** Called with the user after every sign-in, sign-out and change made through this app. */
  onUserChange(listener: UserListener): () => void {
    this.#userListeners.add(listener);
    return () => this.#userListeners.delete(listener);
  }

  async #notifyUser() {
    if (this.#userListeners.size > 0) this.#emitUser(await this.getUser());
  }

  #emitUser(user: CurrentUser | null) {
    for (const listener of this.#userListeners) listener(user);
  }

  protected absoluteUrl(path: string): string | undefined {
    if (typeof window === "undefined") return undefined;
    return new URL(path, window.location.href).toString();
  }

  /** An absolute URL for a link in an email: the one given, else a handler page of this site (browsers only). */
  protected callbackUrl(explicit: string | undefined, handlerPage: string): string {
    const url = explicit ?? this.absoluteUrl(handlerPage);
    if (!url) throw new Error(`Outside a browser, pass callbackUrl: the absolute URL of your ${handlerPage} page.`);
    return url;
  }

  /** Verifies an email address with the code of its verification link (`?code=…` on `urls.emailVerification`). */
  verifyEmail(code: string): Promise<Result<undefined, KnownError>> {
    return knownErrorResult(async () => (await loadOnDemand()).verifyEmail(this.iface.http, code));
  }

  /** Mails a reset link if the address signs in to an account; the answer does not say whether it does. */
  sendForgotPasswordEmail(email: string, options: { callbackUrl?: string } = {}): Promise<Result<undefined, KnownError>> {
    return knownErrorResult(async () =>
      (await loadOnDemand()).sendPasswordResetEmail(this.iface.http, email, this.callbackUrl(options.callbackUrl, this.urls.passwordReset)),
    );
  }

  /** Sets a new password with the code of a reset link (`?code=…` on `urls.passwordReset`). */
  resetPassword(options: { code: string; password: string }): Promise<Result<undefined, KnownError>> {
    return knownErrorResult(async () => (await loadOnDemand()).resetPassword(this.iface.http, options.code, options.password));
  }

  /** Whether a reset link's code is still good, without using it. */
  verifyPasswordResetCode(code: string): Promise<Result<undefined, KnownError>> {
    return knownErrorResult(async () => (await loadOnDemand()).checkPasswordResetCode(this.iface.http, code));
  }

  /** Whether an invitation link's code is still good, without using it. */
  async verifyTeamInvitationCode(code: string): Promise<Result<undefined, KnownError>> {
    return knownErrorResult(async () => (await loadOnDemand()).checkTeamInvitationCode(this.iface.http, code, await this.getSession()));
  }

  /**
   * Joins the team of an invitation link (`?code=…` on `urls.teamInvitation`) as the signed-in user.
   * @example
   * const result = await app.acceptTeamInvitation(code);
   * if (result.status === "error") console.log(result.error.code); // e.g. VERIFICATION_CODE_EXPIRED
   */
  async acceptTeamInvitation(code: string): Promise<Result<undefined, KnownError>> {
    const result = await knownErrorResult(async () => (await loadOnDemand()).acceptTeamInvitation(this.iface.http, code, await this.getSession()));
    if (result.status === "ok") await this.#notifyUser();
    return result;
  }

  /** The name of the team an invitation code is for, to show before joining; needs a signed-in user. */
  async getTeamInvitationDetails(code: string): Promise<Result<{ teamDisplayName: string }, KnownError>> {
    const result = await knownErrorResult(async () => (await loadOnDemand()).getTeamInvitationDetails(this.iface.http, code, await this.getSession()));
    return result.status === "ok" ? Result.ok({ teamDisplayName: result.data.team_display_name }) : result;
  }

  /**
   * Sign-in and sign-up come back to the current page afterwards, and the pages after them go where
   * `after_auth_return_to` says (this origin only), unless `noRedirectBack`.
   */
  #redirectToHandler(page: keyof HandlerUrls, options: RedirectToOptions = {}): Promise<void> {
    let url = this.urls[page];
    if (!options.noRedirectBack && typeof window !== "undefined") {
      if (page === "signIn" || page === "signUp") url = withAfterAuthReturnTo(url, window.location.href);
      if (page === "afterSignIn" || page === "afterSignUp") url = afterAuthReturnTo(window.location.href) ?? url;
    }
    return redirectTo(url, options);
  }



  redirectToSignIn = (options?: RedirectToOptions) => this.#redirectToHandler("signIn", options);
  redirectToSignUp = (options?: RedirectToOptions) => this.#redirectToHandler("signUp", options);
  redirectToSignOut = (options?: RedirectToOptions) => this.#redirectToHandler("signOut", options);
  redirectToAfterSignIn = (options?: RedirectToOptions) => this.#redirectToHandler("afterSignIn", options);
  redirectToAfterSignUp = (options?: RedirectToOptions) => this.#redirectToHandler("afterSignUp", options);
  redirectToAfterSignOut = (options?: RedirectToOptions) => this.#redirectToHandler("afterSignOut", options);
  redirectToHome = (options?: RedirectToOptions) => this.#redirectToHandler("home", options);
  redirectToAccountSettings = (options?: RedirectToOptions) => this.#redirectToHandler("accountSettings", options);
  redirectToTeamInvitation = (options?: RedirectToOptions) => this.#redirectToHandler("teamInvitation", options);
}
