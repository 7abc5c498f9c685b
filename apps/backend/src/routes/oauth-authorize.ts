import { KnownErrors } from "@stackframe/stack-shared";
import * as oidc from "openid-client";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { requireBotChallengePassed } from "../domain/auth/bot-challenge";
import { type OAuthFlow, startOAuthFlow } from "../domain/oauth/flows";
import { PKCE_CHALLENGE } from "../domain/oauth/authorization-codes";
import { providerCallbackUrl, providerClient } from "../domain/oauth/provider-client";
import { splitScopes } from "../domain/oauth/provider-tokens";
import { validAccessTokenClaims } from "../domain/tokens/access-tokens";
import type { Tenancy } from "../domain/projects/tenancy";
import { StatusError } from "../lib/status-error";
import { z } from "../lib/zod";
import type { Services } from "../services";
import { clientIpOf } from "./client-ip";
import { defineRoute } from "./define-route";
import { authenticateOAuthClient, isAllowedOAuthRedirect } from "../domain/oauth/clients";
import { innerCookieHeaders } from "./oauth-cookies";
import { botChallengeFields } from "./schemas/auth";

const url = () => z.string().min(1).max(2048);

// Stack Auth's SDKs send all of these; unknown ones are tolerated, as at any OAuth authorization endpoint.
const authorizeQuery = z
  .object({
    client_id: z.string().min(1).max(256),
    client_secret: z.string().min(1).max(256),
    redirect_uri: url(),
    scope: z.string().max(256),
    state: z.string().min(1).max(1024),
    grant_type: z.string().max(64),
    code_challenge: z.string().max(256),
    code_challenge_method: z.string().max(16),
    response_type: z.string().max(32),
    type: z.enum(["authenticate", "link"]).default("authenticate"),
    token: z.string().max(8192).optional(),
    provider_scope: z.string().max(1024).optional(),
    error_redirect_uri: url().optional(),
    error_redirect_url: url().optional().openapi({ deprecated: true }),
    after_callback_redirect_url: url().optional(),
    stack_response_mode: z.enum(["redirect", "json"]).default("redirect"),
    ...botChallengeFields,
  })
  .passthrough();

type AuthorizeQuery = z.output<typeof authorizeQuery>;

/** The user a `token` names: the one to link to, or an anonymous user that this sign-in upgrades. */
async function userOfToken(services: Services, tenancy: Tenancy, token: string | undefined, kind: OAuthFlow["kind"]): Promise<string | null> {
  if (token === undefined || token === "") {
    if (kind === "link") throw new StatusError(400, "Connecting an account (type=link) needs the signed-in user's access token in `token`.");
    return null;
  }
  const claims = await validAccessTokenClaims(services.accessTokens, token);
  if (claims.project_id !== tenancy.project.id || (claims.branch_id ?? "main") !== tenancy.branchId) {
    throw new StatusError(403, "The access token in `token` belongs to another project.");
  }
  // Signing in while signed in starts a new account, unless the current one is anonymous and becomes this one.
  if (kind === "authenticate" && !claims.is_anonymous) return null;
  return claims.sub;
}

function checkOAuthRequest(query: AuthorizeQuery) {
  if (query.response_type !== "code") throw new StatusError(400, "Only the authorization code flow is supported: response_type must be code.");
  if (query.grant_type !== "authorization_code") throw new StatusError(400, "grant_type must be authorization_code.");
  if (query.code_challenge_method !== "S256") throw new StatusError(400, "PKCE is required with code_challenge_method S256.");
  if (!PKCE_CHALLENGE.test(query.code_challenge)) throw new StatusError(400, "code_challenge must be a base64url S256 challenge of 43 to 128 characters.");
}

async function authorize(c: Context<AppEnv>, services: Services, providerId: string, query: AuthorizeQuery) {
  const tenancy = await authenticateOAuthClient(services, query.client_id, query.client_secret, "publishable-key");
  checkOAuthRequest(query);
  const provider = await providerClient(tenancy.config, providerId, services.config.oauth);
  const { entry } = provider;
  if (query.type === "authenticate" ? !entry.allowSignIn : !entry.allowSignIn && !entry.allowConnectedAccounts) {
    throw new KnownErrors.OAuthProviderNotFoundOrNotEnabled();
  }
  if (query.type === "authenticate") {
    await requireBotChallengePassed(tenancy, query, "oauth_authenticate", { verifier: services.botChallenge, clientIp: clientIpOf(c) });
  }
  const userId = await userOfToken(services, tenancy, query.token, query.type);
  if (query.after_callback_redirect_url && !isAllowedOAuthRedirect(tenancy.config, query.after_callback_redirect_url)) {
    throw new KnownErrors.RedirectUrlNotWhitelisted();
  }
  const providerScope = splitScopes(query.provider_scope);
  if (providerScope.length > 0 && provider.usesSharedKeys) throw new KnownErrors.OAuthExtraScopeNotAvailableWithSharedOAuthKeys();

  const providerCodeVerifier = oidc.randomPKCECodeVerifier();
  const providerNonce = provider.expectsIdToken ? oidc.randomNonce() : null;
  const flow: OAuthFlow = {
    providerConfigId: provider.configId,
    kind: query.type,
    userId,
    redirectUri: query.redirect_uri.split("#")[0]!,
    errorRedirectUri: query.error_redirect_uri ?? query.error_redirect_url ?? null,
    afterCallbackRedirectUrl: query.after_callback_redirect_url ?? null,
    outerState: query.state,
    codeChallenge: query.code_challenge,
    codeChallengeMethod: query.code_challenge_method,
    scope: query.scope,
    responseMode: query.stack_response_mode,
    providerScope,
    providerCodeVerifier,
    providerNonce,
  };
  const innerState = await startOAuthFlow(services.db, tenancy, flow);
  const location = oidc.buildAuthorizationUrl(provider.client, {
    redirect_uri: providerCallbackUrl(services.config.apiUrl, provider),
    scope: [...new Set([...provider.scopes, ...providerScope])].join(" "),
    state: innerState,
    code_challenge: await oidc.calculatePKCECodeChallenge(providerCodeVerifier),
    code_challenge_method: "S256",
    ...(providerNonce ? { nonce: providerNonce } : {}),
    ...provider.authorizationParams,
  }).href;
  if (query.stack_response_mode === "json") return c.json({ location }, 200);
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of innerCookieHeaders(innerState, services.config.apiUrl)) headers.append("set-cookie", cookie);
  return new Response(null, { status: 307, headers });
}

export const oauthAuthorizeRoutes = [
  defineRoute({
    method: "get",
    path: "/auth/oauth/authorize/:provider_id",
    summary: "Start an OAuth sign-in or account connection with a provider",
    tags: ["OAuth"],
    access: "none",
    params: z.object({ provider_id: z.string().min(1).max(256) }),
    query: authorizeQuery,
    response: { status: 307, description: "To the provider's sign-in page (redirect mode)", schema: null },
    otherResponses: [{ status: 200, description: "The provider's sign-in URL (json mode)", schema: z.object({ location: z.string() }).strict() }],
    errors: [
      KnownErrors.InvalidOAuthClientIdOrSecret,
      KnownErrors.InvalidPublishableClientKey,
      KnownErrors.PublishableClientKeyRequiredForProject,
      KnownErrors.OAuthProviderNotFoundOrNotEnabled,
      KnownErrors.InvalidStandardOAuthProviderId,
      KnownErrors.InvalidSharedOAuthProviderId,
      KnownErrors.OAuthProviderTemporarilyUnavailable,
      KnownErrors.OAuthExtraScopeNotAvailableWithSharedOAuthKeys,
      KnownErrors.RedirectUrlNotWhitelisted,
      KnownErrors.BotChallengeRequired,
      KnownErrors.BotChallengeFailed,
      KnownErrors.UnparsableAccessToken,
      KnownErrors.AccessTokenExpired,
    ],
    handler: ({ c, services, params, query }) => authorize(c, services, params.provider_id, query),
  }),
];
