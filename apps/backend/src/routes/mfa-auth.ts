import { KnownErrors } from "@stackframe/stack-shared";
import { signInWithMfa } from "../domain/auth/mfa";
import { countUnusedRecoveryCodes, replaceRecoveryCodes } from "../domain/auth/recovery-codes";
import { queueSecurityNotice } from "../domain/emails/security-notices";
import { z } from "../lib/zod";
import { serverSecretOf } from "../services";
import { requireUserAsRequestPart } from "./auth-helpers";
import { clientIpOf, deviceOf } from "./client-ip";
import { defineRoute } from "./define-route";
import { VERIFICATION_CODE_ERRORS } from "./route-errors";
import { ANY_ACCESS, AUTH_BODY_LIMIT } from "./route-policy";
import { codeSignInResponse } from "./schemas/auth";

const tags = ["Multi-factor authentication"];
const attemptCode = () => z.string().length(45).openapi({ description: "The attempt_code of the MULTI_FACTOR_AUTHENTICATION_REQUIRED answer" });

export const mfaAuthRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/mfa/sign-in",
    summary: "Finish a sign-in with a code from the user's authenticator app, or one of their recovery codes",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.discriminatedUnion("type", [
      z.object({ code: attemptCode(), type: z.literal("totp"), totp: z.string().max(16) }).strict(),
      z
        .object({
          code: attemptCode(),
          type: z.literal("recovery_code"),
          recovery_code: z.string().max(32).openapi({ description: "One of the user's unused recovery codes, e.g. abcde-fghij" }),
        })
        .strict(),
    ]),
    response: { status: 200, description: "Tokens of a new session", schema: codeSignInResponse },
    errors: [...VERIFICATION_CODE_ERRORS, KnownErrors.InvalidTotpCode, KnownErrors.InvalidMfaRecoveryCode, KnownErrors.TooManySignInAttempts],
    handler: async ({ c, services, auth, body }) => {
      const deps = { accessTokens: services.accessTokens, serverSecret: serverSecretOf(services), clientIp: clientIpOf(c) };
      return c.json(await signInWithMfa(services.db, auth.tenancy, body, deps));
    },
  }),
  defineRoute({
    method: "get",
    path: "/auth/mfa/recovery-codes",
    summary: "How many unused recovery codes the signed-in user has",
    tags,
    access: ANY_ACCESS,
    response: {
      status: 200,
      description: "The count of unused codes; 0 without two-factor sign-in",
      schema: z.object({ remaining: z.number().int().min(0) }).strict(),
    },
    handler: async ({ c, services, auth }) => {
      const user = requireUserAsRequestPart(c, auth);
      return c.json({ remaining: await countUnusedRecoveryCodes(services.db, auth.tenancy, user.row.id) });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/mfa/recovery-codes",
    summary: "Make a new set of recovery codes for the signed-in user, replacing every earlier one",
    // The codes are in this answer only: the server keeps digests of them. Needs two-factor sign-in turned on.
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({}).strict().optional(),
    response: {
      status: 200,
      description: "Ten single-use codes",
      schema: z.object({ recovery_codes: z.array(z.string()) }).strict(),
    },
    errors: [KnownErrors.MfaNotEnabled],
    handler: async ({ c, services, auth }) => {
      const user = requireUserAsRequestPart(c, auth);
      const codes = await services.db.transaction(async (tx) => {
        const made = await replaceRecoveryCodes(tx, auth.tenancy, user, serverSecretOf(services));
        await queueSecurityNotice(tx, auth.tenancy, { userId: user.row.id, change: "recovery_codes_regenerated", device: deviceOf(c) });
        return made;
      });
      return c.json({ recovery_codes: codes });
    },
  }),
];
