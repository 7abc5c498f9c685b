import { KnownErrors } from "@stackframe/stack-shared";
import { refreshAccessToken } from "../domain/sessions/refresh";
import { deleteSession } from "../domain/sessions/sessions";
import { z } from "../lib/zod";
import { defineRoute } from "./define-route";

const ANY_ACCESS = ["client", "server", "admin"] as const;
const tags = ["Sessions"];

export const sessionRoutes = [
  defineRoute({
    method: "delete",
    path: "/auth/sessions/current",
    summary: "Sign out: end the session of the access token",
    tags,
    access: ANY_ACCESS,
    // The SDK sends {} and the catalog says the body is ignored.
    body: z.unknown(),
    response: { status: 200, description: "Signed out" },
    handler: async ({ c, services, auth, headers }) => {
      if (headers["access-token"] !== undefined && auth.user && !auth.refreshTokenId) {
        throw new KnownErrors.AccessTokenExpired({ expiredAt: null, projectId: auth.project.row.id, userId: auth.user.row.id, refreshTokenId: null });
      }
      const deleted = auth.refreshTokenId !== null && (await deleteSession(services.db, auth.tenancyId, auth.refreshTokenId));
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
    response: { status: 200, description: "The access token" },
    handler: async ({ c, services, auth, headers, body: _ }) => {
      const refreshToken = headers["refresh-token"];
      if (refreshToken === undefined) {
        throw new KnownErrors.SchemaError(
          `Request validation failed on POST ${new URL(c.req.url).pathname}:\n  - headers.x-hexclave-refresh-token must be defined`,
        );
      }
      return c.json({ access_token: await refreshAccessToken(services, auth.project, refreshToken) });
    },
  }),
];
