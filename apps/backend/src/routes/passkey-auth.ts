import { KnownErrors } from "@stackframe/stack-shared";
import { registerPasskey, signInWithPasskey, startPasskeyAuthentication, startPasskeyRegistration } from "../domain/auth/passkeys";
import type { Services } from "../services";
import { z } from "../lib/zod";
import { requireUserAsRequestPart } from "./auth-helpers";
import { deviceOf } from "./client-ip";
import { defineRoute } from "./define-route";
import { VERIFICATION_CODE_ERRORS } from "./route-errors";
import { ANY_ACCESS, AUTH_BODY_LIMIT } from "./route-policy";
import { codeSignInResponse } from "./schemas/auth";
import { authenticationResponseJson, ceremonyOptionsResponse, registrationResponseJson } from "./schemas/passkeys";

const tags = ["Passkeys"];
const ceremonyCode = () => z.string().length(45).openapi({ description: "The code of the options this answers" });
const passkeyDepsOf = (services: Services) => ({ accessTokens: services.accessTokens, testChallenge: services.config.passkeyTestChallenge });

export const passkeyAuthRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/passkey/initiate-passkey-registration",
    summary: "Start adding a passkey to the signed-in user",
    // The options go to the browser's navigator.credentials.create, with rp.id set to the page's hostname.
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({}).strict().optional(),
    response: { status: 200, description: "WebAuthn creation options and their code", schema: ceremonyOptionsResponse },
    errors: [KnownErrors.PasskeyAuthenticationNotEnabled],
    handler: async ({ c, services, auth }) => {
      const user = requireUserAsRequestPart(c, auth);
      return c.json(await startPasskeyRegistration(services.db, auth.tenancy, user, passkeyDepsOf(services)));
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/passkey/register",
    summary: "Finish adding a passkey: the browser's answer to the creation options",
    // A user has one passkey; registering another replaces it.
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ code: ceremonyCode(), credential: registrationResponseJson }).strict(),
    response: {
      status: 200,
      description: "The id of the registered credential",
      schema: z.object({ user_handle: z.string() }).strict(),
    },
    errors: [...VERIFICATION_CODE_ERRORS, KnownErrors.PasskeyAuthenticationNotEnabled, KnownErrors.PasskeyRegistrationFailed],
    handler: async ({ c, services, auth, body }) => {
      const user = requireUserAsRequestPart(c, auth);
      return c.json(await registerPasskey(services.db, auth.tenancy, user, { ...body, device: deviceOf(c) }));
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/passkey/initiate-passkey-authentication",
    summary: "Start a passkey sign-in",
    // The options go to the browser's navigator.credentials.get, with rpId set to the page's hostname.
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({}).strict().optional(),
    response: { status: 200, description: "WebAuthn request options and their code", schema: ceremonyOptionsResponse },
    errors: [KnownErrors.PasskeyAuthenticationNotEnabled],
    handler: async ({ c, services, auth }) => c.json(await startPasskeyAuthentication(services.db, auth.tenancy, passkeyDepsOf(services))),
  }),
  defineRoute({
    method: "post",
    path: "/auth/passkey/sign-in",
    summary: "Sign in with a passkey: the browser's answer to the request options",
    tags,
    access: ANY_ACCESS,
    bodyLimitBytes: AUTH_BODY_LIMIT,
    body: z.object({ code: ceremonyCode(), authentication_response: authenticationResponseJson }).strict(),
    response: { status: 200, description: "Tokens of a new session", schema: codeSignInResponse },
    errors: [
      ...VERIFICATION_CODE_ERRORS,
      KnownErrors.PasskeyAuthenticationNotEnabled,
      KnownErrors.PasskeyAuthenticationFailed,
      KnownErrors.MultiFactorAuthenticationRequired,
    ],
    handler: async ({ c, services, auth, body }) => c.json(await signInWithPasskey(services.db, auth.tenancy, body, passkeyDepsOf(services))),
  }),
];
