import { z } from "../../lib/zod";

/** The bot-challenge fields of sign-up bodies (Cloudflare Turnstile), optional for clients that do not send them. */
export const botChallengeFields = {
  bot_challenge_token: z.string().max(4096).optional().openapi({ description: "The Turnstile token of the challenge the user solved" }),
  bot_challenge_phase: z.enum(["invisible", "visible"]).optional().openapi({ description: "Which challenge produced the token: the invisible one first, the visible one after BOT_CHALLENGE_REQUIRED" }),
  bot_challenge_unavailable: z.literal("true").optional().openapi({ description: "The challenge could not be shown; never sent with a token or phase" }),
};

/** Refuses a body that says the challenge was unavailable and also carries a token or phase: the two contradict. */
export function withBotChallengeRule<T extends z.AnyZodObject>(schema: T): z.ZodEffects<T> {
  return schema.superRefine((body: { bot_challenge_token?: string; bot_challenge_phase?: string; bot_challenge_unavailable?: string }, ctx) => {
    if (body.bot_challenge_unavailable !== undefined && (body.bot_challenge_token !== undefined || body.bot_challenge_phase !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["bot_challenge_unavailable"], message: "cannot be combined with bot_challenge_token or bot_challenge_phase" });
    }
  }) as z.ZodEffects<T>;
}

export const signInResponse = z
  .object({ access_token: z.string(), refresh_token: z.string(), user_id: z.string().uuid() })
  .strict()
  .openapi("SignIn", { description: "The tokens of a new session." });

export const codeSignInResponse = z
  .object({ access_token: z.string(), refresh_token: z.string(), user_id: z.string().uuid(), is_new_user: z.boolean() })
  .strict()
  .openapi("CodeSignIn", { description: "The tokens of a new session, and whether the code created the account." });

export const sessionTokensResponse = z.object({ access_token: z.string(), refresh_token: z.string() }).strict().openapi("SessionTokens");

export const accessTokenResponse = z.object({ access_token: z.string() }).strict().openapi("AccessToken");

export const otpNonceResponse = z
  .object({ nonce: z.string().openapi({ description: "Appended to the six characters of the mailed code, it makes the full code." }) })
  .strict()
  .openapi("SignInCodeNonce");

export const passwordResetSentResponse = z
  .object({ success: z.literal("maybe, only if user with e-mail exists") })
  .strict()
  .openapi("PasswordResetRequested", { description: "The same answer whether or not the address has an account." });

export const oauthTokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int(),
    scope: z.literal("legacy"),
    after_callback_redirect_url: z.null(),
    afterCallbackRedirectUrl: z.null().openapi({ deprecated: true }),
  })
  .strict()
  .openapi("OAuthTokenResponse");

/** The authorization_code grant's answer: a new session, and where the app asked to go after the callback. */
export const oauthCodeTokenResponse = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int(),
    scope: z.literal("legacy"),
    is_new_user: z.boolean(),
    newUser: z.boolean().openapi({ deprecated: true }),
    after_callback_redirect_url: z.string().nullable(),
    afterCallbackRedirectUrl: z.string().nullable().openapi({ deprecated: true }),
  })
  .strict()
  .openapi("OAuthCodeTokenResponse");

/** RFC 6749 §5.2: the error body of the token endpoint, which OAuth clients read instead of a known error. */
export const oauthErrorResponse = z
  .object({ error: z.enum(["unsupported_grant_type", "invalid_request"]), error_description: z.string() })
  .strict()
  .openapi("OAuthError");

export const cliLoginStartedResponse = z
  .object({ polling_code: z.string(), login_code: z.string(), expires_at: z.string().datetime() })
  .strict()
  .openapi("CliLoginStarted");

export const cliPollPendingResponse = z.object({ status: z.enum(["waiting", "expired", "used"]) }).strict().openapi("CliLoginPending");

export const cliPollSuccessResponse = z
  .object({ status: z.literal("success"), refresh_token: z.string() })
  .strict()
  .openapi("CliLoginApproved");

export const cliCompleteResponse = z
  .union([
    z.object({ cli_session_state: z.enum(["anonymous", "none"]) }).strict(),
    z.object({ access_token: z.string(), refresh_token: z.string() }).strict(),
    z.object({ success: z.literal(true) }).strict(),
  ])
  .openapi("CliLoginCompleted", { description: "`check` answers the session state, `claim-anon-session` the anonymous session's tokens, `complete` success." });
