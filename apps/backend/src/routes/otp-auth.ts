import { KnownErrors } from "@stackframe/stack-shared";
import { checkSignInCode, sendSignInCode, signInWithCode } from "../domain/auth/otp";
import { strictEmail, z } from "../lib/zod";
import { clientIpOf, signUpCountryOf } from "./client-ip";
import { defineRoute } from "./define-route";
import { codeIsValidResponse } from "./schemas/common";
import { botChallengeFields, codeSignInResponse, otpNonceResponse, withBotChallengeRule } from "./schemas/auth";
import { VERIFICATION_CODE_ERRORS } from "./route-errors";
import { ANY_ACCESS, AUTH_BODY_LIMIT } from "./route-policy";

const tags = ["OTP and magic link"];
const code = () => z.string().length(45);

export const otpAuthRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/otp/send-sign-in-code",
    summary: "Mail a sign-in link and one-time code",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: withBotChallengeRule(z.object({ email: strictEmail(), callback_url: z.string().url().max(2048), ...botChallengeFields }).strict()),
    response: { status: 200, description: "The nonce that completes the typed code", schema: otpNonceResponse },
    errors: [KnownErrors.UserEmailAlreadyExists, KnownErrors.SignUpNotEnabled, KnownErrors.BotChallengeRequired, KnownErrors.BotChallengeFailed, KnownErrors.RedirectUrlNotWhitelisted],
    handler: async ({ c, services, auth, body }) => {
      const { email, callback_url: callbackUrl, ...challenge } = body;
      const clientIp = clientIpOf(c);
      const botChallenge = { fields: challenge, verifier: services.botChallenge, clientIp };
      return c.json({ nonce: await sendSignInCode(services.db, auth.tenancy, { email, callbackUrl, clientIp }, { emailLimits: services.config.email.rateLimits, botChallenge }) });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/otp/sign-in",
    summary: "Sign in (or up) with a magic-link code, or a typed code followed by its nonce",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ code: code() }).strict(),
    response: { status: 200, description: "Tokens of a new session", schema: codeSignInResponse },
    errors: [
      ...VERIFICATION_CODE_ERRORS,
      KnownErrors.UserEmailAlreadyExists,
      KnownErrors.SignUpNotEnabled,
      KnownErrors.MultiFactorAuthenticationRequired,
      KnownErrors.TooManySignInAttempts,
    ],
    handler: async ({ c, services, auth, body }) => {
      const deps = { accessTokens: services.accessTokens, currentUser: auth.user, countryCode: signUpCountryOf(c), clientIp: clientIpOf(c) };
      return c.json(await signInWithCode(services.db, auth.tenancy, body.code, deps));
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/otp/sign-in/check-code",
    summary: "Whether a sign-in code is valid, without using it",
    tags,
    access: ANY_ACCESS,
    body: z.object({ code: code() }).strict(),
    response: { status: 200, description: "Valid", schema: codeIsValidResponse },
    errors: [...VERIFICATION_CODE_ERRORS, KnownErrors.TooManySignInAttempts],
    handler: async ({ c, services, auth, body }) => {
      await checkSignInCode(services.db, auth.tenancy, body.code, clientIpOf(c));
      return c.json({ is_code_valid: true });
    },
  }),
];
