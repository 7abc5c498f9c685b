import { KnownErrors } from "@stackframe/stack-shared";
import { refreshAccessToken } from "../domain/sessions/refresh";
import { deleteSession } from "../domain/sessions/sessions";
import { z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { successResponse } from "./schemas/common";
import { accessTokenResponse } from "./schemas/auth";
import { ANY_ACCESS } from "./route-policy";
import { refreshDepsOf } from "../services";

const tags = ["Sessions"];

export const sessionRoutes = [
  defineRoute({
    method: "delete",
    path: "/auth/sessions/current",
    summary: "Sign out: end the session of the access token",
    tags,
    access: ANY_ACCESS,
    response: { status: 200, description: "Signed out", schema: successResponse },
    errors: [KnownErrors.RefreshTokenNotFoundOrExpired],
    handler: async ({ c, services, auth, headers }) => {
      if (headers["access-token"] !== undefined && auth.user && !auth.refreshTokenId) {
        throw new KnownErrors.AccessTokenExpired({ expiredAt: null, projectId: auth.tenancy.project.id, userId: auth.user.row.id, refreshTokenId: null });
      }
      const deleted = auth.refreshTokenId !== null && (await deleteSession(services.db, auth.tenancy, auth.refreshTokenId));
      if (!deleted) throw new KnownErrors.RefreshTokenNotFoundOrExpired();
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/sessions/current/refresh",
    summary: "A new access token for the refresh token in x-hexclave-refresh-token",
    tags,
    access: ANY_ACCESS,
    body: z.object({}).strict().optional(),
    response: { status: 200, description: "The access token", schema: accessTokenResponse },
    headers: z.object({ "x-stack-refresh-token": z.string().openapi({ description: "The session's refresh token (also read as x-hexclave-refresh-token)" }) }),
    errors: [KnownErrors.RefreshTokenNotFoundOrExpired],
    handler: async ({ c, services, auth, headers, body: _ }) => {
      const refreshToken = headers["refresh-token"];
      if (refreshToken === undefined) {
        throw new KnownErrors.SchemaError(
          `Request validation failed on POST ${new URL(c.req.url).pathname}:\n  - headers.x-hexclave-refresh-token must be defined`,
        );
      }
      return c.json({ access_token: await refreshAccessToken(services.db, auth.tenancy, refreshToken, refreshDepsOf(services)) });
    },
  }),
];
