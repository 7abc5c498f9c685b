import { KnownError, KnownErrors } from "@stackframe/stack-shared";
import type { Context } from "hono";
import * as oidc from "openid-client";
import type { AppEnv } from "../app-env";
import { issueAuthorizationCode } from "../domain/oauth/authorization-codes";
import { type OAuthFlow, openOAuthFlow, parseInnerState } from "../domain/oauth/flows";
import { ProviderAnswerError, type ProviderProfile } from "../domain/oauth/presets";
import { type ProviderClient, providerCallbackUrl, providerClient } from "../domain/oauth/provider-client";
import { storeProviderTokens, tokensOf } from "../domain/oauth/provider-tokens";
import { resolveOAuthUser } from "../domain/oauth/resolve-user";
import type { Tenancy } from "../domain/projects/tenancy";
import { StatusError } from "../lib/status-error";
import { z } from "../lib/zod";
import { type Services, serverSecretOf } from "../services";
import { defineRoute } from "./define-route";
import { isAllowedOAuthRedirect } from "../domain/oauth/clients";
import { clearedInnerCookieHeaders, hasInnerCookie } from "./oauth-cookies";

const startAgain = "Start the sign-in again from the app.";

/** The provider's answer, checked by the library against the flow's state, PKCE verifier and (OpenID) nonce and keys. */
async function exchangeAtProvider(provider: ProviderClient, callbackUrl: string, params: Record<string, string>, state: string, flow: OAuthFlow) {
  if (params.error) {
    throw params.error === "access_denied" ? new KnownErrors.OAuthProviderAccessDenied() : new KnownErrors.OAuthProviderTemporarilyUnavailable();
  }
  const current = new URL(callbackUrl);
  for (const [key, value] of Object.entries(params)) current.searchParams.set(key, value);
  try {
    return await oidc.authorizationCodeGrant(provider.client, current, {
      pkceCodeVerifier: flow.providerCodeVerifier,
      expectedState: state,
      ...(flow.providerNonce ? { expectedNonce: flow.providerNonce } : {}),
      idTokenExpected: provider.expectsIdToken,
    });
  } catch (error) {
    // The provider refused the code (e.g. it expired there), or answered with something that is not a valid token
    // response or ID token: either way no one is signed in.
    if (error instanceof oidc.ResponseBodyError && error.error === "access_denied") throw new KnownErrors.OAuthProviderAccessDenied();
    throw new KnownErrors.OAuthProviderTemporarilyUnavailable();
  }
}

async function profileOf(provider: ProviderClient, tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>): Promise<ProviderProfile> {
  try {
    return await provider.profile(tokens);
  } catch (error) {
    if (error instanceof KnownError) throw error;
    if (error instanceof ProviderAnswerError || error instanceof Error) throw new KnownErrors.OAuthProviderTemporarilyUnavailable();
    throw error;
  }
}

function withQuery(target: string, params: Record<string, string>): string {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** A failure once the app's redirect URI is known to be trusted: the app gets it as query parameters, as OAuth errors go. */
function errorRedirect(tenancy: Tenancy, flow: OAuthFlow, error: KnownError): Response {
  const preferred = flow.errorRedirectUri && isAllowedOAuthRedirect(tenancy.config, flow.errorRedirectUri) ? flow.errorRedirectUri : flow.redirectUri;
  const location = withQuery(preferred, {
    // RFC 6749 §4.1.2.1: the app's own state comes back with an error too, so it can match the answer to its request.
    state: flow.outerState,
    error: "server_error",
    error_description: error.message,
    errorCode: error.code,
    message: error.message,
    details: JSON.stringify(error.details ?? {}),
  });
  return new Response(null, { status: 307, headers: { location, "cache-control": "no-store" } });
}

async function callback(c: Context<AppEnv>, services: Services, providerId: string, params: Record<string, string>): Promise<Response> {
  const state = params.state ?? "";
  const parsed = parseInnerState(state);
  if (!parsed) throw new StatusError(400, `The OAuth callback has no valid state. ${startAgain}`);
  // The inner cookies are spent whatever happens next, like the flow itself.
  for (const cookie of clearedInnerCookieHeaders(state)) c.header("set-cookie", cookie, { append: true });
  const tenancy = await services.projects.getTenancy(parsed.projectId, parsed.branchId);
  if (!tenancy) throw new StatusError(400, `The project of this OAuth sign-in no longer exists. ${startAgain}`);
  const { flow, spend } = await openOAuthFlow(services.db, tenancy, parsed.code);
  if (flow.responseMode === "redirect" && !hasInnerCookie(c.req.header("cookie"), state)) {
    throw new StatusError(400, `This browser did not start this OAuth sign-in (its cookie is missing). ${startAgain}`);
  }
  // A flow started with one provider is finished only by that provider (no mix-up of providers).
  if (flow.providerConfigId !== providerId) throw new StatusError(400, `This OAuth sign-in was started with another provider. ${startAgain}`);
  await spend();
  if (!isAllowedOAuthRedirect(tenancy.config, flow.redirectUri)) throw new KnownErrors.RedirectUrlNotWhitelisted();
  if (flow.scope !== "legacy") throw new StatusError(400, 'The OAuth scope must be "legacy".');

  try {
    const provider = await providerClient(tenancy.config, providerId, services.config.oauth);
    const tokens = await exchangeAtProvider(provider, providerCallbackUrl(services.config.apiUrl, provider), params, state, flow);
    const profile = await profileOf(provider, tokens);
    const secret = serverSecretOf(services);
    const code = await resolveOAuthUser(services.db, tenancy, flow, profile, async (tx, outcome) => {
      await storeProviderTokens(tx, tenancy, secret, outcome.oauthAccountId, tokensOf(tokens, [...provider.scopes, ...flow.providerScope]));
      return await issueAuthorizationCode(tx, tenancy, secret, {
        userId: outcome.userId,
        isNewUser: outcome.isNewUser,
        redirectUri: flow.redirectUri,
        codeChallenge: flow.codeChallenge,
        afterCallbackRedirectUrl: flow.afterCallbackRedirectUrl,
      });
    });
    c.header("location", withQuery(flow.redirectUri, { code, state: flow.outerState }));
    c.header("cache-control", "no-store");
    return c.json({}, 303);
  } catch (error) {
    if (!(error instanceof KnownError)) throw error;
    const response = errorRedirect(tenancy, flow, error);
    for (const cookie of clearedInnerCookieHeaders(state)) response.headers.append("set-cookie", cookie);
    return response;
  }
}

// Query and form body are one set of parameters: Apple posts its answer as a form, the others redirect with a query.
const param = () => z.string().max(8192).optional();
const callbackParams = z
  .object({ state: param(), code: param(), error: param(), error_description: param(), iss: param(), user: param() })
  .passthrough();
const asParams = (values: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(values ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
const shared = {
  path: "/auth/oauth/callback/:provider_id",
  summary: "Where the OAuth provider sends the person back",
  tags: ["OAuth"],
  access: "none" as const,
  params: z.object({ provider_id: z.string().min(1).max(256) }),
  query: callbackParams,
  response: { status: 303, description: "Back to the app with its authorization code", schema: z.object({}).strict() },
  otherResponses: [{ status: 307, description: "Back to the app with an error", schema: null }],
  errors: [KnownErrors.OuterOAuthTimeout, KnownErrors.RedirectUrlNotWhitelisted],
};

export const oauthCallbackRoutes = [
  defineRoute({ ...shared, method: "get", handler: ({ c, services, params, query }) => callback(c, services, params.provider_id, asParams(query)) }),
  defineRoute({
    ...shared,
    method: "post",
    // The provider's answer is the form body; a query string is merged in but not described twice.
    query: z.object({}).passthrough(),
    bodyFormat: "json-or-form",
    body: callbackParams.optional(),
    handler: ({ c, services, params, query, body }) => callback(c, services, params.provider_id, { ...asParams(query), ...asParams(body) }),
  }),
];
