import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import { signInWithPassword, signUpWithPassword } from "../domain/auth/password-auth";
import { setPassword, updatePassword } from "../domain/auth/password-change";
import { checkPasswordResetCode, resetPassword, sendPasswordResetEmail } from "../domain/auth/password-reset";
import { codePointString, strictEmail, z } from "../lib/zod";
import { clientIpOf, deviceOf, signUpCountryOf } from "./client-ip";
import { defineRoute } from "./define-route";
import { codeIsValidResponse, successResponse } from "./schemas/common";
import { botChallengeFields, passwordResetSentResponse, signInResponse, withBotChallengeRule } from "./schemas/auth";
import { VERIFICATION_CODE_ERRORS } from "./route-errors";
import { schemaError } from "./validation";
import { ANY_ACCESS, AUTH_BODY_LIMIT } from "./route-policy";
import { passwordAuthDepsOf } from "../services";

const tags = ["Password authentication"];
const password = () => codePointString(70);

// Stack Auth's API reports a missing user on these routes as a validation error of `auth.user`.
function requireSignedInUser(auth: Auth, method: string, url: string) {
  if (!auth.user) throw schemaError(method, new URL(url).pathname, ["auth.user must be defined"]);
  return auth.user;
}

export const passwordAuthRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/password/sign-up",
    summary: "Sign up with email and password",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: withBotChallengeRule(
      z
        .object({
          email: strictEmail(),
          password: password(),
          verification_callback_url: z.string().url().max(2048).optional(),
          ...botChallengeFields,
        })
        .strict(),
    ),
    response: { status: 200, description: "Tokens of the new user's session", schema: signInResponse },
    errors: [
      KnownErrors.PasswordAuthenticationNotEnabled,
      KnownErrors.RedirectUrlNotWhitelisted,
      KnownErrors.SignUpNotEnabled,
      KnownErrors.PasswordTooShort,
      KnownErrors.BotChallengeRequired,
      KnownErrors.BotChallengeFailed,
      KnownErrors.UserEmailAlreadyExists,
    ],
    handler: async ({ c, services, auth, body }) => {
      const botChallenge = { verifier: services.botChallenge, clientIp: clientIpOf(c) };
      return c.json(await signUpWithPassword(services.db, auth.tenancy, body, { ...passwordAuthDepsOf(services), anonymousUser: auth.user, botChallenge, countryCode: signUpCountryOf(c) }));
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/sign-in",
    summary: "Sign in with email and password",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ email: z.string().min(1).max(256), password: password() }).strict(),
    response: { status: 200, description: "Tokens of a new session", schema: signInResponse },
    errors: [
      KnownErrors.PasswordAuthenticationNotEnabled,
      KnownErrors.EmailPasswordMismatch,
      KnownErrors.TooManySignInAttempts,
      KnownErrors.MultiFactorAuthenticationRequired,
    ],
    handler: async ({ c, services, auth, body }) =>
      c.json(await signInWithPassword(services.db, auth.tenancy, body, { ...passwordAuthDepsOf(services), clientIp: clientIpOf(c) })),
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/update",
    summary: "Change the signed-in user's password; ends their other sessions",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ old_password: password(), new_password: password() }).strict(),
    response: { status: 200, description: "Changed", schema: successResponse },
    errors: [KnownErrors.PasswordAuthenticationNotEnabled, KnownErrors.PasswordTooShort, KnownErrors.UserDoesNotHavePassword, KnownErrors.PasswordConfirmationMismatch],
    handler: async ({ c, services, auth, body, headers }) => {
      const user = requireSignedInUser(auth, c.req.method, c.req.url);
      await updatePassword(services.db, auth.tenancy, user, {
        oldPassword: body.old_password,
        newPassword: body.new_password,
        keepRefreshToken: headers["refresh-token"],
        device: deviceOf(c),
      }, services.passwords);
      return c.json({ success: true as const });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/set",
    summary: "Give a password to the signed-in user's account, which has none",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ password: password() }).strict(),
    response: { status: 200, description: "Set", schema: successResponse },
    errors: [KnownErrors.PasswordAuthenticationNotEnabled, KnownErrors.PasswordTooShort],
    handler: async ({ c, services, auth, body }) => {
      const user = requireSignedInUser(auth, c.req.method, c.req.url);
      await setPassword(services.db, auth.tenancy, user, { password: body.password, device: deviceOf(c) }, services.passwords);
      return c.json({ success: true as const });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/send-reset-code",
    summary: "Mail a password reset link, if the address signs in to an account",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ email: strictEmail(), callback_url: z.string().url().max(2048) }).strict(),
    response: { status: 200, description: "The same answer whether or not the account exists", schema: passwordResetSentResponse },
    errors: [KnownErrors.PasswordAuthenticationNotEnabled, KnownErrors.RedirectUrlNotWhitelisted],
    handler: async ({ c, services, auth, body }) => {
      await sendPasswordResetEmail(services.db, auth.tenancy, {
        email: body.email,
        callbackUrl: body.callback_url,
        clientIp: clientIpOf(c),
      }, services.config.email.rateLimits);
      return c.json({ success: "maybe, only if user with e-mail exists" });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/reset",
    summary: "Set a new password with the code of a reset link; signs the account out everywhere",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ code: z.string().length(45), password: password() }).strict(),
    response: { status: 200, description: "Reset", schema: successResponse },
    errors: [...VERIFICATION_CODE_ERRORS, KnownErrors.PasswordAuthenticationNotEnabled, KnownErrors.PasswordTooShort],
    handler: async ({ c, services, auth, body }) => {
      await resetPassword(services.db, auth.tenancy, { ...body, device: deviceOf(c) }, services.passwords);
      return c.json({ success: true as const });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password/reset/check-code",
    summary: "Whether a password reset code is valid, without using it",
    tags,
    access: ANY_ACCESS,
    body: z.object({ code: z.string().length(45) }).strict(),
    response: { status: 200, description: "Valid", schema: codeIsValidResponse },
    errors: [...VERIFICATION_CODE_ERRORS, KnownErrors.PasswordAuthenticationNotEnabled],
    handler: async ({ c, services, auth, body }) => {
      await checkPasswordResetCode(services.db, auth.tenancy, body.code);
      return c.json({ is_code_valid: true });
    },
  }),
];
