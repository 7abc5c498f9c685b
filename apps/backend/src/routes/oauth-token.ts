import { KnownErrors } from "@stackframe/stack-shared";
import { refreshDepsOf, serverSecretOf } from "../services";
import { refreshAccessToken } from "../domain/sessions/refresh";
import { z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { authenticateOAuthClient } from "../domain/oauth/clients";
import { oauthCodeTokenResponse, oauthErrorResponse, oauthTokenResponse } from "./schemas/auth";
import { exchangeAuthorizationCode } from "../domain/oauth/authorization-codes";
import { AUTH_BODY_LIMIT } from "./route-policy";

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.toLowerCase().startsWith("basic ")) return null;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    // RFC 6749 §2.3.1 form-encodes both parts; one that does not decode is simply not a client credential.
    return null;
  }
}

export const oauthTokenRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/oauth/token",
    summary: "OAuth 2.0 token endpoint (authorization_code and refresh_token grants)",
    tags: ["OAuth"],
    access: "none",
    bodyFormat: "json-or-form",
    bodyLimitBytes: AUTH_BODY_LIMIT,
    // Token requests may carry any extra fields (RFC 6749 §3.2 leaves room for extensions).
    body: z
      .object({
        grant_type: z.string().max(64),
        client_id: z.string().max(256).optional(),
        client_secret: z.string().max(256).optional(),
        refresh_token: z.string().max(256).optional(),
        code: z.string().max(256).optional(),
        redirect_uri: z.string().max(2048).optional(),
        code_verifier: z.string().max(256).optional(),
      })
      .passthrough(),
    response: { status: 200, description: "The token response", schema: z.union([oauthCodeTokenResponse, oauthTokenResponse]) },
    otherResponses: [{ status: 400, description: "An OAuth error (RFC 6749 §5.2)", schema: oauthErrorResponse }],
    headers: z.object({ authorization: z.string().optional().openapi({ description: "HTTP Basic client credentials (RFC 6749 §2.3.1), instead of client_id and client_secret" }) }),
    errors: [
      KnownErrors.InvalidOAuthClientIdOrSecret,
      KnownErrors.PublishableClientKeyRequiredForProject,
      KnownErrors.RefreshTokenNotFoundOrExpired,
      KnownErrors.InvalidAuthorizationCode,
      KnownErrors.MultiFactorAuthenticationRequired,
    ],
    handler: async ({ c, services, body }) => {
      const basic = basicCredentials(c.req.header("authorization"));
      const clientId = body.client_id ?? basic?.id;
      const clientSecret = body.client_secret ?? basic?.secret;
      if (clientId === undefined || clientSecret === undefined) throw new KnownErrors.InvalidOAuthClientIdOrSecret(clientId ?? null);
      const tenancy = await authenticateOAuthClient(services, clientId, clientSecret);
      if (body.grant_type === "authorization_code") {
        if (!body.code) return c.json({ error: "invalid_request", error_description: "code is required." }, 400);
        const result = await exchangeAuthorizationCode(
          services.db,
          tenancy,
          { secret: serverSecretOf(services), accessTokens: services.accessTokens },
          { code: body.code, redirectUri: body.redirect_uri, codeVerifier: body.code_verifier },
        );
        return c.json(
          {
            access_token: result.access_token,
            refresh_token: result.refresh_token,
            token_type: "Bearer",
            expires_in: services.config.accessTokenLifetimeSeconds,
            scope: "legacy",
            is_new_user: result.is_new_user,
            newUser: result.is_new_user,
            after_callback_redirect_url: result.after_callback_redirect_url,
            afterCallbackRedirectUrl: result.after_callback_redirect_url,
          },
          200,
          { pragma: "no-cache", "cache-control": "no-store" },
        );
      }
      if (body.grant_type !== "refresh_token") {
        return c.json({ error: "unsupported_grant_type", error_description: `The grant type ${body.grant_type} is not supported.` }, 400);
      }
      if (!body.refresh_token) return c.json({ error: "invalid_request", error_description: "refresh_token is required." }, 400);
      const accessToken = await refreshAccessToken(services.db, tenancy, body.refresh_token, refreshDepsOf(services));
      return c.json(
        {
          access_token: accessToken,
          token_type: "Bearer",
          expires_in: services.config.accessTokenLifetimeSeconds,
          scope: "legacy",
          after_callback_redirect_url: null,
          afterCallbackRedirectUrl: null,
        },
        200,
        { pragma: "no-cache" },
      );
    },
  }),
];
