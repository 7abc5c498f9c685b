import { KnownErrors } from "@stackframe/stack-shared";
import { PKCE_CHALLENGE, issueAuthorizationCode } from "../domain/oauth/authorization-codes";
import { getSessionByRefreshToken } from "../domain/sessions/sessions";
import { StatusError } from "../lib/status-error";
import { z } from "../lib/zod";
import { serverSecretOf } from "../services";
import { requireUser } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { isAllowedOAuthRedirect } from "../domain/oauth/clients";
import { ANY_ACCESS, AUTH_BODY_LIMIT } from "./route-policy";

/**
 * Hands the signed-in session to another of the project's domains: an authorization code that the other domain
 * exchanges at /auth/oauth/token (with its PKCE verifier) for this same session's tokens. The caller proves it holds
 * the session's refresh token, not only a short-lived access token.
 */
export const oauthCrossDomainRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/oauth/cross-domain/authorize",
    summary: "An authorization code that signs another trusted domain in to this session",
    tags: ["OAuth"],
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    headers: z.object({ "x-stack-refresh-token": z.string().optional().openapi({ description: "The current session's refresh token" }) }),
    body: z
      .object({
        redirect_uri: z.string().min(1).max(2048),
        state: z.string().min(1).max(512),
        code_challenge: z.string().min(43).max(128).regex(PKCE_CHALLENGE, "must be 43 to 128 characters of A-Z, a-z, 0-9, '.', '_', '~' or '-'"),
        code_challenge_method: z.literal("S256").default("S256"),
        after_callback_redirect_url: z.string().min(1).max(2048).optional(),
      })
      .strict(),
    response: { status: 200, description: "Where to send the browser", schema: z.object({ redirect_url: z.string() }).strict() },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.RedirectUrlNotWhitelisted],
    handler: async ({ c, services, auth, headers, body }) => {
      const user = requireUser(auth);
      const refreshToken = headers["refresh-token"];
      if (!refreshToken) throw new StatusError(400, "The current session's refresh token (x-stack-refresh-token) is required.");
      const session = await getSessionByRefreshToken(services.db, auth.tenancy, refreshToken, services.config.refreshTokenIdleTimeoutSeconds);
      if (!session || session.id !== auth.refreshTokenId || session.userId !== user.row.id) {
        throw new StatusError(401, "The refresh token does not belong to the session of the access token.");
      }
      const config = auth.tenancy.config;
      if (!isAllowedOAuthRedirect(config, body.redirect_uri)) throw new KnownErrors.RedirectUrlNotWhitelisted();
      if (body.after_callback_redirect_url && !isAllowedOAuthRedirect(config, body.after_callback_redirect_url)) throw new KnownErrors.RedirectUrlNotWhitelisted();
      const redirectUri = body.redirect_uri.split("#")[0]!;
      const code = await issueAuthorizationCode(services.db, auth.tenancy, serverSecretOf(services), {
        userId: user.row.id,
        isNewUser: false,
        redirectUri,
        codeChallenge: body.code_challenge,
        afterCallbackRedirectUrl: body.after_callback_redirect_url ?? null,
        sessionRefreshToken: refreshToken,
      });
      const target = new URL(redirectUri);
      target.searchParams.set("code", code);
      target.searchParams.set("state", body.state);
      return c.json({ redirect_url: target.href });
    },
  }),
];
