import type { ClientInterface, InternalSession, KnownError } from "@stackframe/stack-shared";
import { type Result, knownErrorResult } from "../result.js";

/** A user's link to an account at an OAuth provider, as clients get it (`GET /oauth-providers?user_id=me`). */
export type OAuthProviderJson = {
  user_id: string;
  id: string;
  email?: string;
  provider_config_id: string;
  type: string;
  allow_sign_in: boolean;
  allow_connected_accounts: boolean;
};

/**
 * One of the signed-in user's accounts at an OAuth provider: whether it signs them in, and whether the app may use
 * its access tokens.
 * @example
 * const github = (await user.listOAuthProviders()).find((provider) => provider.type === "github");
 * await github?.update({ allowConnectedAccounts: false });
 */
export type OAuthProvider = {
  /** The link's id (not the provider's): what `update` and `delete` name. */
  readonly id: string;
  /** The provider type, e.g. `github`. */
  readonly type: string;
  readonly userId: string;
  readonly email?: string;
  readonly allowSignIn: boolean;
  readonly allowConnectedAccounts: boolean;
  /** Returns the known error when refused, e.g. `OAUTH_PROVIDER_ACCOUNT_ID_ALREADY_USED_FOR_SIGN_IN`. */
  update(data: { allowSignIn?: boolean; allowConnectedAccounts?: boolean }): Promise<Result<undefined, KnownError>>;
  /** Unlinks the account from the user; it no longer signs them in. */
  delete(): Promise<void>;
};

export type OAuthProviderDeps = {
  iface: ClientInterface;
  getSession(): Promise<InternalSession>;
  /** Called after a change, which the user's JSON (its `oauth_providers`) and connected accounts may show. */
  onChanged(): Promise<void>;
};

export function oauthProviderFromJson(json: OAuthProviderJson, { iface, getSession, onChanged }: OAuthProviderDeps): OAuthProvider {
  const path = `/oauth-providers/${encodeURIComponent(json.user_id)}/${encodeURIComponent(json.id)}`;
  const send = async (init: { method: "PATCH" | "DELETE"; body?: unknown }) => {
    await iface.http.send(path, init, await getSession(), "client");
    await onChanged();
  };
  return {
    id: json.id,
    type: json.type,
    userId: json.user_id,
    ...(json.email === undefined ? {} : { email: json.email }),
    allowSignIn: json.allow_sign_in,
    allowConnectedAccounts: json.allow_connected_accounts,
    update: (data) =>
      knownErrorResult(() => send({ method: "PATCH", body: { allow_sign_in: data.allowSignIn, allow_connected_accounts: data.allowConnectedAccounts } })),
    delete: () => send({ method: "DELETE" }),
  };
}
