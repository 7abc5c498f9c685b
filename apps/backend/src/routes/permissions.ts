import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import { grantProjectPermission, listProjectPermissions, revokeProjectPermission } from "../domain/permissions/project-permissions";
import { grantTeamPermission, listTeamPermissions, listTeamPermissionsOfUser, revokeTeamPermission } from "../domain/permissions/team-permissions";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import { queryBoolean, userIdOrMe, uuid, z } from "../lib/zod";
import { resolveUserId } from "./auth-helpers";
import { defineRoute } from "./define-route";

const ANY_ACCESS = ["client", "server", "admin"] as const;
const SERVER_ACCESS = ["server", "admin"] as const;
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

/** A signed-in user's own list whose user is gone: the catalog's answer for "no user". */
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
    response: { status: 200, description: "The permissions, by team, user and id" },
    loadUser: false,
    handler: async ({ c, services, auth, query }) => {
      const userId = listedUserId(auth, query.user_id);
      const filter = { teamId: query.team_id?.toLowerCase(), permissionId: query.permission_id, recursive: query.recursive ?? false };
      const items =
        userId === undefined
          ? await listTeamPermissions(services.db, auth.tenancyId, auth.project.config, filter)
          : requireOwnListUser(await listTeamPermissionsOfUser(services.db, auth.tenancyId, auth.project.config, { ...filter, userId }), auth, userId);
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
    response: { status: 201, description: "The grant" },
    handler: async ({ c, services, auth, params }) => {
      const query = { teamId: params.team_id.toLowerCase(), userId: resolveUserId(auth, params.user_id), permissionId: params.permission_id };
      return c.json(await grantTeamPermission(services.db, auth.tenancyId, auth.project.config, query), 201);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/team-permissions/:team_id/:user_id/:permission_id",
    summary: "Revoke a directly granted team permission",
    tags,
    access: SERVER_ACCESS,
    params: z.object({ team_id: uuid(), user_id: userIdOrMe(), permission_id: permissionId() }).strict(),
    body: emptyBody,
    response: { status: 200, description: "Revoked" },
    handler: async ({ c, services, auth, params }) => {
      await revokeTeamPermission(services.db, auth.tenancyId, { teamId: params.team_id.toLowerCase(), userId: resolveUserId(auth, params.user_id), permissionId: params.permission_id });
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
    response: { status: 200, description: "The permissions" },
    handler: async ({ c, services, auth, query }) => {
      if (query.user_id === "me" && !auth.user) throw new KnownErrors.CannotGetOwnUserWithoutUser();
      const items = await listProjectPermissions(services.db, auth.tenancyId, auth.project.config, {
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
    response: { status: 201, description: "The grant" },
    handler: async ({ c, services, auth, params }) => {
      const userId = resolveUserId(auth, params.user_id);
      if (!(await getUserRecord(services.db, auth.tenancyId, userId))) throw new KnownErrors.UserNotFound();
      return c.json(await grantProjectPermission(services.db, auth.tenancyId, auth.project.config, { userId, permissionId: params.permission_id }), 201);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/project-permissions/:user_id/:permission_id",
    summary: "Revoke a directly granted project permission",
    tags,
    access: SERVER_ACCESS,
    params: z.object({ user_id: userIdOrMe(), permission_id: permissionId() }).strict(),
    body: emptyBody,
    response: { status: 200, description: "Revoked" },
    handler: async ({ c, services, auth, params }) => {
      await revokeProjectPermission(services.db, auth.tenancyId, { userId: resolveUserId(auth, params.user_id), permissionId: params.permission_id });
      return c.json({ success: true });
    },
  }),
];
