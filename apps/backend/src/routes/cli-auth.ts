import { KnownErrors } from "@stackframe/stack-shared";
import { MAX_CLI_LIFETIME_MILLIS, completeCliLogin, pollCliLogin, startCliLogin } from "../domain/cli-auth/cli-auth";
import { z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { cliCompleteResponse, cliLoginStartedResponse, cliPollPendingResponse, cliPollSuccessResponse } from "./schemas/auth";
import { ANY_ACCESS } from "./route-policy";
import { serverSecretOf } from "../services";

const tags = ["CLI login"];

export const cliAuthRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/cli",
    summary: "Start a CLI login: a polling code for the CLI, a login code for the browser",
    tags,
    access: ANY_ACCESS,
    body: z
      .object({ expires_in_millis: z.number().int().positive().max(MAX_CLI_LIFETIME_MILLIS).optional(), anon_refresh_token: z.string().max(256).optional() })
      .strict()
      .optional(),
    response: { status: 200, description: "The codes", schema: cliLoginStartedResponse },
    handler: async ({ c, services, auth, body }) =>
      c.json(
        await startCliLogin(
          services.db,
          auth.tenancy,
          { expiresInMillis: body?.expires_in_millis, anonRefreshToken: body?.anon_refresh_token },
          { serverSecret: serverSecretOf(services), idleTimeoutSeconds: services.config.refreshTokenIdleTimeoutSeconds },
        ),
      ),
  }),
  defineRoute({
    method: "post",
    path: "/auth/cli/poll",
    summary: "The CLI asks whether its login was approved",
    tags,
    access: ANY_ACCESS,
    body: z.object({ polling_code: z.string().max(256) }).strict(),
    response: { status: 200, description: "Not approved (yet): waiting, expired or used", schema: cliPollPendingResponse },
    otherResponses: [{ status: 201, description: "Approved: the refresh token of the browser's session, handed out once", schema: cliPollSuccessResponse }],
    errors: [KnownErrors.InvalidPollingCode],
    handler: async ({ c, services, auth, body }) => {
      const result = await pollCliLogin(services.db, auth.tenancy, body.polling_code, serverSecretOf(services));
      return c.json(result, result.status === "success" ? 201 : 200);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/cli/complete",
    summary: "The browser approves a CLI login with its session (or checks it, or claims the CLI's anonymous session)",
    tags,
    access: ANY_ACCESS,
    body: z
      .object({
        login_code: z.string().max(256),
        mode: z.enum(["check", "claim-anon-session", "complete"]).optional(),
        refresh_token: z.string().max(256).optional(),
      })
      .strict(),
    response: { status: 200, description: "Done", schema: cliCompleteResponse },
    handler: async ({ c, services, auth, body }) =>
      c.json(
        await completeCliLogin(
          services.db,
          auth.tenancy,
          { loginCode: body.login_code, mode: body.mode ?? "complete", refreshToken: body.refresh_token },
          { serverSecret: serverSecretOf(services), idleTimeoutSeconds: services.config.refreshTokenIdleTimeoutSeconds, accessTokens: services.accessTokens },
        ),
      ),
  }),
];
