import { HexclaveHttpClient } from "@stackframe/stack-shared";
import { serializeCookie } from "../cookies.js";
import { oauthOuterCookieWrites } from "./verifier-cookies.js";
import { afterAuthReturnTo, redirectTo } from "../urls.js";
import { pkceChallengeOf, randomBase64Url } from "./pkce.js";

export type OAuthStart = {
  /** The provider's id in the project's config, e.g. `github`. */
  providerId: string;
  type: "authenticate" | "link";
  /** The app's OAuth callback page (a path of this site); the token request names the same absolute URL. */
  callbackPage: string;
  /** The user's access token: required to link; on sign-in, an anonymous user's, whose account then becomes this one. */
  token?: string;
  providerScope?: readonly string[];
  /**
   * Where the callback page goes once signed in (the API accepts only the project's trusted domains). By default,
   * sign-in returns where the sign-in page was asked to (this origin only), and linking to the page that asked for it.
   */
  returnTo?: string;
};
/** The callback page's absolute URL, which the authorize and the token request must name alike. */
export function oauthCallbackUri(callbackPage: string): string {
  if (typeof window === "undefined") throw new Error("OAuth sign-in runs in a browser.");
  return new URL(callbackPage, window.location.href).href;
}

/** `client_id` and `client_secret` of the app: a publishable key, or the sentinel the API reads as "none". */
export function oauthClientOf(http: HexclaveHttpClient) {
  const { projectId, publishableClientKey } = http.options;
  return { client_id: projectId, client_secret: publishableClientKey ?? "__stack_public_client__" };
}

/** The fetch of a call that must carry no project headers or cookies, as at any OAuth endpoint. */
export async function fetchOAuthEndpoint(http: HexclaveHttpClient, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await (http.options.fetch ?? fetch)(url, { ...init, credentials: "omit", cache: "no-store" });
  if (!response.ok) throw await HexclaveHttpClient.errorOf(response, response.status);
  return response;
}

/**
 * Asks the API for the provider's sign-in URL, keeps the flow's PKCE verifier in the outer cookies, and goes there.
 * RFC 7636: the verifier never leaves this browser before the token request, so a stolen code is worth nothing.
 */
export async function startOAuth(http: HexclaveHttpClient, start: OAuthStart): Promise<void> {
  const here = window.location.href;
  const back = start.returnTo !== undefined ? new URL(start.returnTo, here).href : start.type === "link" ? here : afterAuthReturnTo(here);
  const verifier = randomBase64Url(32);
  const state = randomBase64Url(24);
  const url = http.url(`/auth/oauth/authorize/${encodeURIComponent(start.providerId)}`, {
    ...oauthClientOf(http),
    redirect_uri: oauthCallbackUri(start.callbackPage),
    scope: "legacy",
    state,
    grant_type: "authorization_code",
    code_challenge: await pkceChallengeOf(verifier),
    code_challenge_method: "S256",
    response_type: "code",
    type: start.type,
    token: start.token,
    provider_scope: start.providerScope?.length ? start.providerScope.join(" ") : undefined,
    after_callback_redirect_url: back ?? undefined,
    stack_response_mode: "json",
  });
  const { location } = (await (await fetchOAuthEndpoint(http, url)).json()) as { location?: unknown };
  if (typeof location !== "string") throw new Error("The OAuth authorize endpoint answered without a location.");
  // Written only once the API agreed, so a refused start leaves no cookie behind.
  const secure = window.location.protocol === "https:";
  for (const write of oauthOuterCookieWrites(state, verifier)) document.cookie = serializeCookie(write, secure);
  await redirectTo(location);
}
