import { AccessToken } from "./access-token";
import type { TokenPair } from "./wire-types";

/** Exchanges a refresh token for a new access token; null means the refresh token is no longer valid. */
export type RefreshAccessToken = (refreshToken: string) => Promise<string | null>;

// Refresh a little before expiry, so a token never dies in flight between client and server.
const REFRESH_MARGIN_MILLIS = 20_000;

/**
 * One signed-in session on the client: a refresh token and the current access token.
 * Concurrent callers that need a fresh token share one refresh request.
 */
export class InternalSession {
  #accessToken: AccessToken | null;
  #refreshToken: string | null;
  #refreshing: Promise<AccessToken | null> | null = null;
  #listeners = new Set<(tokens: TokenPair) => void>();

  constructor(
    private readonly refreshAccessToken: RefreshAccessToken,
    tokens: TokenPair,
  ) {
    this.#accessToken = tokens.accessToken ? new AccessToken(tokens.accessToken) : null;
    this.#refreshToken = tokens.refreshToken;
  }

  get refreshToken(): string | null {
    return this.#refreshToken;
  }

  /** True once the session can no longer produce an access token (signed out or refresh token revoked). */
  get isSignedOut(): boolean {
    return this.#refreshToken === null && this.#accessToken === null;
  }

  getTokens(): TokenPair {
    return { accessToken: this.#accessToken?.token ?? null, refreshToken: this.#refreshToken };
  }

  /** A usable access token, refreshed first when it is missing or about to expire; null when signed out. */
  async getAccessToken(): Promise<AccessToken | null> {
    const current = this.#accessToken;
    if (current && !current.expiresWithin(REFRESH_MARGIN_MILLIS)) return current;
    if (this.#refreshToken === null) return current && !current.expiresWithin(0) ? current : null;
    return await this.refresh();
  }

  /** Forces a refresh; concurrent calls share one request. */
  refresh(): Promise<AccessToken | null> {
    const refreshToken = this.#refreshToken;
    if (refreshToken === null) return Promise.resolve(null);
    this.#refreshing ??= this.refreshAccessToken(refreshToken)
      .then((token) => {
        if (this.#refreshToken !== refreshToken) return this.#accessToken;
        if (token === null) this.markInvalid();
        else this.#set(new AccessToken(token), refreshToken);
        return this.#accessToken;
      })
      .finally(() => {
        this.#refreshing = null;
      });
    return this.#refreshing;
  }

  /** The server refused this token: drop it, unless a newer one already replaced it. */
  markAccessTokenExpired(token: AccessToken): void {
    if (this.#accessToken === token) this.#set(null, this.#refreshToken);
  }

  markInvalid(): void {
    this.#set(null, null);
  }

  onChange(listener: (tokens: TokenPair) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(accessToken: AccessToken | null, refreshToken: string | null) {
    this.#accessToken = accessToken;
    this.#refreshToken = refreshToken;
    const tokens = this.getTokens();
    for (const listener of this.#listeners) listener(tokens);
  }
}
