import { type HexclaveHttpClient, knownErrorFromJson } from "@stackframe/stack-shared";
import { parseCookieHeader, serializeCookie } from "../cookies.js";
import { takeOAuthVerifier } from "./verifier-cookies.js";
import { fetchOAuthEndpoint, oauthCallbackUri, oauthClientOf } from "./authorize.js";

/** The token endpoint's answer to an authorization code, in the fields the SDK uses. */
export type OAuthCodeTokens = { access_token: string; refresh_token: string; is_new_user: boolean; after_callback_redirect_url: string | null };

// What the API appends to the callback URL: the code and state, or a failed sign-in's known error.
const CALLBACK_PARAMS = ["code", "state", "errorCode", "error", "error_description", "message", "details"];

function detailsOf(text: string | null | undefined): Record<string, unknown> | undefined {
  try {
    const details: unknown = JSON.parse(text ?? "");
    return typeof details === "object" && details !== null ? (details as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the callback page's address and trades its code for tokens. Null when there is nothing to finish: no code (the
 * page was reloaded or opened from history) or no verifier for its state (the flow started in another browser).
 * Throws the known error a failed sign-in came back with, or the one the token endpoint answers.
 */
export async function exchangeOAuthCallback(http: HexclaveHttpClient, callbackPage: string): Promise<OAuthCodeTokens | null> {
  const redirectUri = oauthCallbackUri(callbackPage);
  const url = new URL(window.location.href);
  const [code, state, errorCode, error, description, message, details] = CALLBACK_PARAMS.map((name) => url.searchParams.get(name));
  if (!errorCode && !error && !(code && state)) return null;
  // A code is single-use: it should not stay in the address bar or history, where a reload would spend it for nothing.
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  window.history.replaceState(window.history.state, "", url.href);
  // Spent whatever the outcome, failures included (this API sends their state back too): a flow is never resumed.
  const taken = state ? takeOAuthVerifier(parseCookieHeader(document.cookie), state) : null;
  for (const write of taken?.writes ?? []) document.cookie = serializeCookie(write, window.location.protocol === "https:");
  if (errorCode) throw knownErrorFromJson(400, { code: errorCode, error: message ?? description ?? errorCode, details: detailsOf(details) });
  if (error || !code) throw new Error(`The OAuth sign-in failed: ${description ?? error}`);
  if (!taken?.verifier) return null;
  const body = new URLSearchParams({ grant_type: "authorization_code", ...oauthClientOf(http), code, redirect_uri: redirectUri, code_verifier: taken.verifier });
  const response = await fetchOAuthEndpoint(http, http.url("/auth/oauth/token"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
  return (await response.json()) as OAuthCodeTokens;
}
