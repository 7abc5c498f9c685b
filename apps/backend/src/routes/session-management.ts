import { KnownErrors } from "@stackframe/stack-shared";
import { type SessionRow, deleteSession, insertSession, listUserSessions } from "../domain/sessions/sessions";
import { signInResponseFor } from "../domain/tokens/issue-tokens";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import { userIdOrMe, uuid, z } from "../lib/zod";
import { resolveUserId } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { sessionListResponse } from "./schemas/sessions";
import { successResponse } from "./schemas/common";
import { sessionTokensResponse } from "./schemas/auth";
import { ANY_ACCESS, SERVER_ACCESS } from "./route-policy";

const tags = ["Sessions"];
// Stack Auth's ceiling for a session created by a server: 367 days.
const MAX_SESSION_MILLIS = 31_708_800_000;

/** The wire shape of a session: times in milliseconds without the `_millis` suffix. */
function toSessionJson(session: SessionRow, currentSessionId: string | null) {
  return {
    id: session.id,
    user_id: session.userId,
    created_at: session.createdAt.getTime(),
    last_used_at: session.lastUsedAt.getTime(),
    is_impersonation: session.isImpersonation,
    is_current_session: session.id === currentSessionId,
  };
}

export const sessionManagementRoutes = [
  defineRoute({
    method: "post",
    path: "/auth/sessions",
    summary: "Open a session for a user (e.g. impersonation)",
    tags,
    access: SERVER_ACCESS,
    body: z
      .object({
        user_id: userIdOrMe(),
        expires_in_millis: z.number().int().positive().max(MAX_SESSION_MILLIS).optional(),
        is_impersonation: z.boolean().optional(),
      })
      .strict(),
    response: { status: 200, description: "Tokens of the new session", schema: sessionTokensResponse },
    errors: [KnownErrors.UserIdDoesNotExist, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, body }) => {
      const userId = resolveUserId(auth, body.user_id);
      const user = await getUserRecord(services.db, auth.tenancy, userId);
      if (!user) throw new KnownErrors.UserIdDoesNotExist(userId);
      const session = await insertSession(services.db, auth.tenancy, {
        userId,
        expiresInMillis: body.expires_in_millis,
        isImpersonation: body.is_impersonation,
      });
      const { access_token, refresh_token } = await signInResponseFor(services.accessTokens, auth.tenancy, user, session);
      return c.json({ access_token, refresh_token });
    },
  }),
  defineRoute({
    method: "get",
    path: "/auth/sessions",
    summary: "A user's sessions, newest first",
    tags,
    access: ANY_ACCESS,
    query: z.object({ user_id: userIdOrMe() }).strict(),
    response: { status: 200, description: "The sessions", schema: sessionListResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, query }) => {
      const userId = resolveUserId(auth, query.user_id);
      if (auth.type === "client" && userId !== auth.user?.row.id) {
        throw new StatusError(403, "Client can only list sessions for their own user.");
      }
      const rows = await listUserSessions(services.db, auth.tenancy, {
        userId,
        includeImpersonation: auth.type === "admin",
        idleTimeoutSeconds: services.config.refreshTokenIdleTimeoutSeconds,
      });
      return c.json({ items: rows.map((row) => toSessionJson(row, auth.refreshTokenId)), is_paginated: false });
    },
  }),
  defineRoute({
    method: "delete",
    path: "/auth/sessions/:session_id",
    summary: "Revoke one session",
    tags,
    access: ANY_ACCESS,
    params: z.object({ session_id: uuid() }).strict(),
    // Stack Auth's API declares user_id required, but the published server SDK omits it: accepted either way.
    query: z.object({ user_id: userIdOrMe().optional() }).strict(),
    response: { status: 200, description: "Revoked", schema: successResponse },
    errors: [KnownErrors.CannotDeleteCurrentSession, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params, query }) => {
      const sessionId = params.session_id.toLowerCase();
      if (sessionId === auth.refreshTokenId) throw new KnownErrors.CannotDeleteCurrentSession();
      // A client only ever reaches its own sessions: anyone else's look as if they did not exist.
      let ownerId = query.user_id === undefined ? undefined : resolveUserId(auth, query.user_id);
      if (auth.type === "client") {
        if (!auth.user || (ownerId !== undefined && ownerId !== auth.user.row.id)) throw new StatusError(404, "Session not found.");
        ownerId = auth.user.row.id;
      }
      if (!(await deleteSession(services.db, auth.tenancy, sessionId, ownerId))) throw new StatusError(404, "Session not found.");
      return c.json({ success: true });
    },
  }),
];
