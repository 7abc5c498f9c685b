import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import type { Services } from "../services";
import { createUser } from "../domain/users/create-user";
import { listUsers } from "../domain/users/list-users";
import { deleteUser, updateUser } from "../domain/users/update-user";
import { toClientUserJson, toServerUserJson } from "../domain/users/user-json";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import { userIdOrMe, z } from "../lib/zod";
import { resolveUserId } from "./auth-helpers";
import { deviceOf } from "./client-ip";
import { defineRoute } from "./define-route";
import { successResponse } from "./schemas/common";
import { serverUserPageResponse, serverUserResponse, userResponse } from "./schemas/users";
import { clientUserUpdateSchema, listUsersQuerySchema, serverUserCreateSchema, serverUserUpdateSchema } from "./schemas/users";
import { toNewUser, toUserChanges } from "./user-changes";
import { ANY_ACCESS, SERVER_ACCESS } from "./route-policy";

const tags = ["Users"];
const userParams = z.object({ user_id: userIdOrMe() }).strict();
/** The largest page GET /users answers; a larger `limit` gets this many, and the cursor to the rest. */
const MAX_USERS_PAGE = 10_000;
// Stack Auth's API takes the list's query parameters on a single user too, and ignores them there: an anonymous user
// is found by id with or without `include_anonymous=true`.
const oneUserQuery = listUsersQuerySchema;

async function requireUserJson(services: Services, auth: Auth, userId: string) {
  const record = await getUserRecord(services.db, auth.tenancy, userId);
  if (!record) throw new KnownErrors.UserNotFound();
  return auth.type === "client" ? toClientUserJson(record, auth.tenancy.config) : toServerUserJson(record, auth.tenancy.config);
}

function currentUserId(auth: Auth): string {
  if (!auth.user) throw new KnownErrors.CannotGetOwnUserWithoutUser();
  return auth.user.row.id;
}

export const userRoutes = [
  defineRoute({
    method: "get",
    path: "/users/me",
    summary: "The signed-in user",
    tags,
    access: ANY_ACCESS,
    response: { status: 200, description: "The user: the client view for the client access type, else the server view", schema: userResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser],
    handler: ({ c, auth }) => {
      const record = auth.user;
      if (!record) throw new KnownErrors.CannotGetOwnUserWithoutUser();
      const config = auth.tenancy.config;
      return c.json(auth.type === "client" ? toClientUserJson(record, config) : toServerUserJson(record, config));
    },
  }),
  defineRoute({
    method: "patch",
    path: "/users/me",
    summary: "Update the signed-in user",
    tags,
    access: ANY_ACCESS,
    body: serverUserUpdateSchema,
    clientBody: clientUserUpdateSchema,
    response: { status: 200, description: "The updated user, in the view of the access type", schema: userResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserEmailAlreadyExists, KnownErrors.TeamMembershipNotFound],
    handler: async ({ c, services, auth, body }) => {
      const userId = currentUserId(auth);
      const changes = await toUserChanges(services, auth.tenancy.config, body, auth.type);
      await updateUser(services.db, auth.tenancy, userId, { ...changes, claimedByUser: auth.type === "client" }, deviceOf(c));
      return c.json(await requireUserJson(services, auth, userId));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/users/me",
    summary: "Delete the signed-in user",
    tags,
    access: ANY_ACCESS,
    response: { status: 200, description: "Deleted", schema: successResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth }) => {
      const userId = currentUserId(auth);
      if (auth.type === "client" && !auth.tenancy.config.users.allowClientUserDeletion) {
        throw new StatusError(400, "Client user deletion is not enabled for this project");
      }
      await deleteUser(services.db, auth.tenancy, userId);
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "get",
    path: "/users",
    summary: "List users, paginated by sign-up time",
    tags,
    access: SERVER_ACCESS,
    query: listUsersQuerySchema,
    response: { status: 200, description: "A page of users", schema: serverUserPageResponse },
    handler: async ({ c, services, auth, query }) => {
      if (query.only_anonymous === "true" && query.include_anonymous !== "true") {
        throw new StatusError(400, "only_anonymous=true needs include_anonymous=true.");
      }
      const page = await listUsers(services.db, auth.tenancy, {
        teamId: query.team_id?.toLowerCase(),
        limit: query.limit === undefined ? undefined : Math.min(query.limit, MAX_USERS_PAGE),
        cursor: query.cursor?.toLowerCase(),
        desc: query.desc === "true",
        orderBy: query.order_by ?? "signed_up_at",
        query: query.query,
        includeAnonymous: query.include_anonymous === "true",
        includeRestricted: query.include_restricted === "true",
        onlyAnonymous: query.only_anonymous === "true",
        restrictUnverified: auth.tenancy.config.onboarding.requireEmailVerification,
      });
      const config = auth.tenancy.config;
      return c.json({
        items: page.items.map((record) => toServerUserJson(record, config)),
        is_paginated: true,
        pagination: { next_cursor: page.nextCursor },
      });
    },
  }),
  defineRoute({
    method: "post",
    path: "/users",
    summary: "Create a user",
    tags,
    access: SERVER_ACCESS,
    body: serverUserCreateSchema,
    response: { status: 201, description: "The created user", schema: serverUserResponse },
    errors: [KnownErrors.UserEmailAlreadyExists, KnownErrors.OAuthProviderAccountIdAlreadyUsedForSignIn],
    handler: async ({ c, services, auth, body }) => {
      const { user } = await createUser(services.db, auth.tenancy, await toNewUser(services, auth.tenancy.config, body));
      // Stack Auth's API answers with the user as it was before its personal team was made: the team exists, and is
      // selected, from the next read on.
      return c.json(toServerUserJson({ ...user, selectedTeam: null }, auth.tenancy.config), 201);
    },
  }),
  defineRoute({
    method: "get",
    path: "/users/:user_id",
    summary: "One user",
    tags,
    access: SERVER_ACCESS,
    params: userParams,
    query: oneUserQuery,
    response: { status: 200, description: "The user", schema: serverUserResponse },
    errors: [KnownErrors.UserNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params }) => c.json(await requireUserJson(services, auth, resolveUserId(auth, params.user_id))),
  }),
  defineRoute({
    method: "patch",
    path: "/users/:user_id",
    summary: "Update a user",
    tags,
    access: SERVER_ACCESS,
    params: userParams,
    query: oneUserQuery,
    body: serverUserUpdateSchema,
    response: { status: 200, description: "The updated user", schema: serverUserResponse },
    errors: [KnownErrors.UserNotFound, KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserEmailAlreadyExists, KnownErrors.TeamMembershipNotFound],
    handler: async ({ c, services, auth, params, body }) => {
      const userId = resolveUserId(auth, params.user_id);
      const changes = await toUserChanges(services, auth.tenancy.config, body, auth.type);
      if (!(await updateUser(services.db, auth.tenancy, userId, changes, deviceOf(c)))) throw new KnownErrors.UserNotFound();
      return c.json(await requireUserJson(services, auth, userId));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/users/:user_id",
    summary: "Delete a user with their sessions",
    tags,
    access: SERVER_ACCESS,
    params: userParams,
    query: oneUserQuery,
    response: { status: 200, description: "Deleted", schema: successResponse },
    errors: [KnownErrors.UserNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params }) => {
      if (!(await deleteUser(services.db, auth.tenancy, resolveUserId(auth, params.user_id)))) throw new KnownErrors.UserNotFound();
      return c.json({ success: true });
    },
  }),
];
