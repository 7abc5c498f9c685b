import { KnownError, type ListJson, type UserJson } from "@stackframe/stack-shared";
import { type OAuthProvider, type OAuthProviderDeps, type OAuthProviderJson, oauthProviderFromJson } from "./oauth-provider.js";

/** A provider account the signed-in user connected, whose access tokens the app may use. */
export type Connection = {
  /** @deprecated The same as `provider`, kept for Stack Auth's older name. */
  readonly id: string;
  /** The provider's id in the project's config, e.g. `github`. */
  readonly provider: string;
  /** The account's id at the provider. */
  readonly providerAccountId: string;
};

/** What `getConnectedAccount(providerId)` gives: `getAccessToken` throws the known error when no token is to be had. */
export type ConnectedAccount = Connection & { getAccessToken(): Promise<{ accessToken: string }> };

export type GetConnectedAccountOptions = { or?: "redirect" | "throw" | "return-null"; scopes?: string[] };
export type LinkConnectedAccountOptions = { scopes?: string[]; returnTo?: string };

/** What the signed-in user can do with their accounts at OAuth providers. */
export type UserOAuthMethods = {
  listOAuthProviders(): Promise<OAuthProvider[]>;
  getOAuthProvider(id: string): Promise<OAuthProvider | null>;
  /**
   * The user's account at a provider, given it yields an access token with these scopes. Otherwise null, the known error
   * (`or: "throw"`), or a visit to the provider to connect the account or grant the scopes (`or: "redirect"`).
   * @example
   * const github = await user.getConnectedAccount("github", { or: "redirect", scopes: ["repo"] });
   * const { accessToken } = await github.getAccessToken();
   */
  getConnectedAccount(providerId: string, options: GetConnectedAccountOptions & { or: "redirect" }): Promise<ConnectedAccount>;
  getConnectedAccount(providerId: string, options?: GetConnectedAccountOptions): Promise<ConnectedAccount | null>;
  /** Sends the browser to the provider to connect an account (or grant more scopes); it comes back to `returnTo`, by default this page. */
  linkConnectedAccount(providerId: string, options?: LinkConnectedAccountOptions): Promise<void>;
};

export type UserOAuthDeps = OAuthProviderDeps & { linkConnectedAccount(providerId: string, options: LinkConnectedAccountOptions): Promise<void> };

// The answers that connecting the account (again) would fix, unlike a provider the project does not allow tokens for.
const FIXED_BY_CONNECTING = new Set(["OAUTH_CONNECTION_NOT_CONNECTED_TO_USER", "OAUTH_CONNECTION_DOES_NOT_HAVE_REQUIRED_SCOPE", "OAUTH_ACCESS_TOKEN_NOT_AVAILABLE"]);

export function userOAuthMethods(json: UserJson, deps: UserOAuthDeps): UserOAuthMethods {
  const { iface, getSession } = deps;
  const accessTokenOf = async (providerId: string, scopes: string[] | undefined) => {
    const path = `/connected-accounts/me/${encodeURIComponent(providerId)}/access-token`;
    const body = scopes?.length ? { scope: scopes.join(" ") } : {};
    return (await iface.http.request<{ access_token: string }>(path, { method: "POST", body }, await getSession(), "client")).access_token;
  };
  const listOAuthProviders = async () => {
    const list = await iface.http.request<ListJson<OAuthProviderJson>>("/oauth-providers", { query: { user_id: "me" } }, await getSession(), "client");
    return list.items.map((item) => oauthProviderFromJson(item, deps));
  };
  const linkConnectedAccount = (providerId: string, options: LinkConnectedAccountOptions = {}) => deps.linkConnectedAccount(providerId, options);

  async function getConnectedAccount(providerId: string, options: GetConnectedAccountOptions = {}): Promise<ConnectedAccount | null> {
    let token: string | null;
    try {
      token = await accessTokenOf(providerId, options.scopes);
    } catch (error) {
      if (!(error instanceof KnownError && FIXED_BY_CONNECTING.has(error.code)) || options.or === "throw") throw error;
      if (options.or !== "redirect") return null;
      await linkConnectedAccount(providerId, { scopes: options.scopes });
      throw new Error("Redirecting to connect the account.");
    }
    return {
      id: providerId,
      provider: providerId,
      providerAccountId: json.oauth_providers.find((provider) => provider.id === providerId)?.account_id ?? "",
      // The token that proved the account works serves the first call; later calls ask again, as tokens expire.
      getAccessToken: async () => {
        const accessToken = token ?? (await accessTokenOf(providerId, options.scopes));
        token = null;
        return { accessToken };
      },
    };
  }

  return {
    listOAuthProviders,
    getOAuthProvider: async (id) => (await listOAuthProviders()).find((provider) => provider.id === id) ?? null,
    getConnectedAccount: getConnectedAccount as UserOAuthMethods["getConnectedAccount"],
    linkConnectedAccount,
  };
}
