import { KnownErrors } from "@stackframe/stack-shared";
import { signInWithTotp } from "../domain/auth/mfa";
import { z } from "../lib/zod";
import { serverSecretOf } from "../services";
import { clientIpOf } from "./client-ip";
import { defineRoute } from "./define-route";
import { VERIFICATION_CODE_ERRORS } from "./route-errors";
import { ANY_ACCESS, AUTH_BODY_LIMIT } from "./route-policy";
import { codeSignInResponse } from "./schemas/auth";

export const mfaAuthRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/mfa/sign-in",
    summary: "Finish a sign-in with a code from the user's authenticator app",
    tags: ["Multi-factor authentication"],
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z
      .object({
        code: z.string().length(45).openapi({ description: "The attempt_code of the MULTI_FACTOR_AUTHENTICATION_REQUIRED answer" }),
        type: z.literal("totp"),
        totp: z.string().max(16),
      })
      .strict(),
    response: { status: 200, description: "Tokens of a new session", schema: codeSignInResponse },
    errors: [...VERIFICATION_CODE_ERRORS, KnownErrors.InvalidTotpCode, KnownErrors.TooManySignInAttempts],
    handler: async ({ c, services, auth, body }) => {
      const deps = { accessTokens: services.accessTokens, serverSecret: serverSecretOf(services), clientIp: clientIpOf(c) };
      return c.json(await signInWithTotp(services.db, auth.tenancy, body, deps));
    },
  }),
];
