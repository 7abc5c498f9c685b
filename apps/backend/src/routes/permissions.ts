import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import { grantProjectPermission, listProjectPermissions, revokeProjectPermission } from "../domain/permissions/project-permissions";
import { grantTeamPermission, listTeamPermissions, listTeamPermissionsOfUser, revokeTeamPermission } from "../domain/permissions/team-permissions";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import { queryBoolean, userIdOrMe, uuid, z } from "../lib/zod";
import { resolveUserId } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { projectPermissionListResponse, projectPermissionResponse, teamPermissionListResponse, teamPermissionResponse } from "./schemas/permissions";
import { successResponse } from "./schemas/common";
import { ANY_ACCESS, SERVER_ACCESS } from "./route-policy";

const tags = ["Permissions"];
const permissionId = () => z.string().min(1).max(256);
const emptyBody = z.object({}).strict().optional();

/**
 * The user a permission list is about. These routes do not load the token's user (a permission check is one query),
 * so `me` is the token's user id, and the list query tells whether that user still exists.
 */
function listedUserId(auth: Auth, userId: string | undefined): string | undefined {
  const id = userId === "me" ? (auth.tokenUserId ?? undefined) : userId?.toLowerCase();
  if (userId === "me" && id === undefined) throw new KnownErrors.CannotGetOwnUserWithoutUser();
  // Clients list only their own permissions (text 403 otherwise).
  if (auth.type === "client" && (id === undefined || id !== auth.tokenUserId)) throw new StatusError(403, "A client can only list its own permissions (user_id=me).");
  return id;
}

/** A signed-in user's own list whose user is gone: Stack Auth's answer for "no user". */
function requireOwnListUser<T>(rows: T[] | null, auth: Auth, userId: string): T[] {
  if (rows !== null) return rows;
  if (userId === auth.tokenUserId) throw new KnownErrors.CannotGetOwnUserWithoutUser();
  return [];
}

export const permissionRoutes = [
  defineRoute({
    method: "get",
    path: "/team-permissions",
    summary: "Team permissions, direct or (recursive=true) with everything they contain",
    tags,
    access: ANY_ACCESS,
    query: z
      .object({ team_id: uuid().optional(), user_id: userIdOrMe().optional(), permission_id: permissionId().optional(), recursive: queryBoolean().optional() })
      .strict(),
    response: { status: 200, description: "The permissions, by team, user and id", schema: teamPermissionListResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser],
    loadUser: false,
    handler: async ({ c, services, auth, query }) => {
      const userId = listedUserId(auth, query.user_id);
      const filter = { teamId: query.team_id?.toLowerCase(), permissionId: query.permission_id, recursive: query.recursive ?? false };
      const items =
        userId === undefined
          ? await listTeamPermissions(services.db, auth.tenancy, filter)
          : requireOwnListUser(await listTeamPermissionsOfUser(services.db, auth.tenancy, { ...filter, userId }), auth, userId);
      return c.json({ items, is_paginated: false });
    },
  }),
  defineRoute({
    method: "post",
    path: "/team-permissions/:team_id/:user_id/:permission_id",
    summary: "Grant a team permission to a member",
    tags,
    access: SERVER_ACCESS,
    params: z.object({ team_id: uuid(), user_id: userIdOrMe(), permission_id: permissionId() }).strict(),
    body: emptyBody,
    response: { status: 201, description: "The grant", schema: teamPermissionResponse },
    errors: [KnownErrors.TeamMembershipNotFound, KnownErrors.PermissionNotFound, KnownErrors.WrongPermissionScope, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params }) => {
      const query = { teamId: params.team_id.toLowerCase(), userId: resolveUserId(auth, params.user_id), permissionId: params.permission_id };
      return c.json(await grantTeamPermission(services.db, auth.tenancy, query), 201);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/team-permissions/:team_id/:user_id/:permission_id",
    summary: "Revoke a directly granted team permission",
    tags,
    access: SERVER_ACCESS,
    params: z.object({ team_id: uuid(), user_id: userIdOrMe(), permission_id: permissionId() }).strict(),
    response: { status: 200, description: "Revoked", schema: successResponse },
    errors: [KnownErrors.TeamPermissionNotFound, KnownErrors.PermissionNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params }) => {
      await revokeTeamPermission(services.db, auth.tenancy, { teamId: params.team_id.toLowerCase(), userId: resolveUserId(auth, params.user_id), permissionId: params.permission_id });
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "get",
    path: "/project-permissions",
    summary: "Project permissions, direct or (recursive=true) with everything they contain",
    tags,
    access: ANY_ACCESS,
    query: z.object({ user_id: userIdOrMe().optional(), permission_id: permissionId().optional(), recursive: queryBoolean().optional() }).strict(),
    response: { status: 200, description: "The permissions", schema: projectPermissionListResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, query }) => {
      if (query.user_id === "me" && !auth.user) throw new KnownErrors.CannotGetOwnUserWithoutUser();
      const items = await listProjectPermissions(services.db, auth.tenancy, {
        userId: listedUserId(auth, query.user_id),
        permissionId: query.permission_id,
        recursive: query.recursive ?? false,
      });
      return c.json({ items, is_paginated: false });
    },
  }),
  defineRoute({
    method: "post",
    path: "/project-permissions/:user_id/:permission_id",
    summary: "Grant a project permission to a user",
    tags,
    access: SERVER_ACCESS,
    params: z.object({ user_id: userIdOrMe(), permission_id: permissionId() }).strict(),
    body: emptyBody,
    response: { status: 201, description: "The grant", schema: projectPermissionResponse },
    errors: [KnownErrors.UserNotFound, KnownErrors.PermissionNotFound, KnownErrors.WrongPermissionScope, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params }) => {
      const userId = resolveUserId(auth, params.user_id);
      if (!(await getUserRecord(services.db, auth.tenancy, userId))) throw new KnownErrors.UserNotFound();
      return c.json(await grantProjectPermission(services.db, auth.tenancy, { userId, permissionId: params.permission_id }), 201);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/project-permissions/:user_id/:permission_id",
    summary: "Revoke a directly granted project permission",
    tags,
    access: SERVER_ACCESS,
    params: z.object({ user_id: userIdOrMe(), permission_id: permissionId() }).strict(),
    response: { status: 200, description: "Revoked", schema: successResponse },
    errors: [KnownErrors.PermissionNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params }) => {
      await revokeProjectPermission(services.db, auth.tenancy, { userId: resolveUserId(auth, params.user_id), permissionId: params.permission_id });
      return c.json({ success: true });
    },
  }),
];
