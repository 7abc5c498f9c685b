import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import { storeProfileImage } from "../domain/files/profile-images";
import { requireTeamPermission } from "../domain/permissions/team-permissions";
import { requireTeamMember } from "../domain/teams/member-checks";
import { addTeamMember, removeTeamMember } from "../domain/teams/memberships";
import { toClientTeamJson, toServerTeamJson } from "../domain/teams/team-json";
import { createTeam, deleteTeam, listTeams, requireTeam, updateTeam } from "../domain/teams/teams";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import { jsonValue, queryBoolean, userIdOrMe, uuid, z } from "../lib/zod";
import { type Services, profileImageDepsOf } from "../services";
import { requireUser, resolveUserId } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { teamListResponse, teamMembershipResponse, teamResponse } from "./schemas/teams";
import { successResponse } from "./schemas/common";
import { profileImageInput } from "./schemas/users";
import { ANY_ACCESS, SERVER_ACCESS } from "./route-policy";

const tags = ["Teams"];
const teamParams = z.object({ team_id: uuid() }).strict();
const membershipParams = z.object({ team_id: uuid(), user_id: userIdOrMe() }).strict();

// An empty name is taken, as Stack Auth's API takes it (and answers it back as "").
const displayName = () => z.string().max(256);
const clientTeamFields = {
  display_name: displayName(),
  profile_image_url: profileImageInput().nullable().optional(),
  client_metadata: jsonValue().optional(),
};
const serverTeamFields = {
  ...clientTeamFields,
  client_read_only_metadata: jsonValue().optional(),
  server_metadata: jsonValue().optional(),
};
type TeamBody = { display_name?: string; profile_image_url?: string | null; client_metadata?: unknown; client_read_only_metadata?: unknown; server_metadata?: unknown };

/** The fields saved as sent; the image is not among them, since an upload must be stored first (storeTeamImage). */
const teamFieldsOf = (body: TeamBody) => ({
  displayName: body.display_name,
  clientMetadata: body.client_metadata,
  clientReadOnlyMetadata: body.client_read_only_metadata,
  serverMetadata: body.server_metadata,
});

/** A team image as it is saved: an upload stored first; only servers may give a URL of their own. */
const storeTeamImage = (services: Services, auth: Auth, value: string | null | undefined) =>
  storeProfileImage(profileImageDepsOf(services), "team-profile-images", value, { allowUrl: auth.type !== "client" });

export const teamJsonFor = (auth: Auth, team: Parameters<typeof toServerTeamJson>[0]) => (auth.type === "client" ? toClientTeamJson(team) : toServerTeamJson(team));

/** Who creates a team: a client always itself; a server whoever it names. */
async function teamCreatorId(auth: Auth, body: { creator_user_id?: string }, addCurrentUser: boolean | undefined, db: Parameters<typeof getUserRecord>[0]): Promise<string | null> {
  if (addCurrentUser !== undefined && body.creator_user_id !== undefined) throw new StatusError(400, "add_current_user cannot be combined with creator_user_id.");
  if (auth.type === "client") {
    const user = requireUser(auth);
    if (!auth.tenancy.config.teams.allowClientTeamCreation) throw new StatusError(403, "Client team creation is disabled for this project.");
    if (body.creator_user_id !== undefined && resolveUserId(auth, body.creator_user_id) !== user.row.id) throw new StatusError(403, "A client can only create teams for itself.");
    return user.row.id;
  }
  if (addCurrentUser) return requireUser(auth).row.id;
  if (body.creator_user_id === undefined) return null;
  const creatorId = resolveUserId(auth, body.creator_user_id);
  if (!(await getUserRecord(db, auth.tenancy, creatorId))) throw new KnownErrors.UserNotFound();
  return creatorId;
}

export const teamRoutes = [
  defineRoute({
    method: "get",
    path: "/teams",
    summary: "Teams of a user (servers: every team when no user is named)",
    tags,
    access: ANY_ACCESS,
    query: z.object({ user_id: userIdOrMe().optional() }).strict(),
    response: { status: 200, description: "The teams, oldest first", schema: teamListResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, query }) => {
      const userId = query.user_id === undefined ? undefined : resolveUserId(auth, query.user_id);
      if (auth.type === "client" && (userId === undefined || userId !== auth.user?.row.id)) throw new StatusError(403, "A client can only list its own teams (user_id=me).");
      const teams = await listTeams(services.db, auth.tenancy, { userId });
      return c.json({ items: teams.map((team) => teamJsonFor(auth, team)), is_paginated: false });
    },
  }),
  defineRoute({
    method: "post",
    path: "/teams",
    summary: "Create a team",
    tags,
    access: ANY_ACCESS,
    query: z.object({ add_current_user: queryBoolean().optional() }).strict(),
    body: z.object({ ...serverTeamFields, creator_user_id: userIdOrMe().optional() }).strict(),
    clientBody: z.object({ ...clientTeamFields, creator_user_id: userIdOrMe().optional() }).strict(),
    response: { status: 201, description: "The team", schema: teamResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.UserNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, query, body }) => {
      const creatorUserId = await teamCreatorId(auth, body, query.add_current_user, services.db);
      const profileImageUrl = await storeTeamImage(services, auth, body.profile_image_url);
      const team = await services.db.transaction((tx) =>
        createTeam(tx, auth.tenancy, { ...teamFieldsOf(body), profileImageUrl, displayName: body.display_name, creatorUserId }),
      );
      return c.json(teamJsonFor(auth, team), 201);
    },
  }),
  defineRoute({
    method: "get",
    path: "/teams/:team_id",
    summary: "One team",
    tags,
    access: ANY_ACCESS,
    params: teamParams,
    response: { status: 200, description: "The team", schema: teamResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.TeamNotFound],
    handler: async ({ c, services, auth, params }) => {
      const teamId = params.team_id.toLowerCase();
      if (auth.type === "client") await requireTeamMember(services.db, auth.tenancy, teamId, requireUser(auth).row.id);
      return c.json(teamJsonFor(auth, await requireTeam(services.db, auth.tenancy, teamId)));
    },
  }),
  defineRoute({
    method: "patch",
    path: "/teams/:team_id",
    summary: "Update a team (clients need $update_team)",
    tags,
    access: ANY_ACCESS,
    params: teamParams,
    body: z.object(serverTeamFields).partial().strict(),
    clientBody: z.object(clientTeamFields).partial().strict(),
    response: { status: 200, description: "The team", schema: teamResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamPermissionRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.TeamNotFound],
    handler: async ({ c, services, auth, params, body }) => {
      const teamId = params.team_id.toLowerCase();
      const team = await services.db.transaction(async (tx) => {
        if (auth.type === "client") {
          await requireTeamPermission(tx, auth.tenancy, { teamId, userId: requireUser(auth).row.id, permissionId: "$update_team" });
        }
        const current = await requireTeam(tx, auth.tenancy, teamId);
        // Stored only once the caller may change the team, so a refused request leaves no file behind.
        const profileImageUrl = await storeTeamImage(services, auth, body.profile_image_url);
        return updateTeam(tx, auth.tenancy, current, { ...teamFieldsOf(body), profileImageUrl });
      });
      return c.json(teamJsonFor(auth, team));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/teams/:team_id",
    summary: "Delete a team (clients need $delete_team)",
    tags,
    access: ANY_ACCESS,
    params: teamParams,
    response: { status: 200, description: "Deleted", schema: successResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamPermissionRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.TeamNotFound],
    handler: async ({ c, services, auth, params }) => {
      const teamId = params.team_id.toLowerCase();
      await services.db.transaction(async (tx) => {
        if (auth.type === "client") {
          await requireTeamPermission(tx, auth.tenancy, { teamId, userId: requireUser(auth).row.id, permissionId: "$delete_team" });
        }
        await requireTeam(tx, auth.tenancy, teamId);
        await deleteTeam(tx, auth.tenancy, teamId);
      });
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "post",
    path: "/team-memberships/:team_id/:user_id",
    summary: "Add a user to a team",
    tags,
    access: SERVER_ACCESS,
    params: membershipParams,
    body: z.object({}).strict(),
    response: { status: 201, description: "The membership", schema: teamMembershipResponse },
    errors: [KnownErrors.UserNotFound, KnownErrors.TeamNotFound, KnownErrors.TeamMembershipAlreadyExists, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params }) => {
      const teamId = params.team_id.toLowerCase();
      const userId = resolveUserId(auth, params.user_id);
      await services.db.transaction(async (tx) => {
        if (!(await getUserRecord(tx, auth.tenancy, userId))) throw new KnownErrors.UserNotFound();
        await requireTeam(tx, auth.tenancy, teamId);
        await addTeamMember(tx, auth.tenancy, { teamId, userId }, "teamMember");
      });
      return c.json({ team_id: teamId, user_id: userId }, 201);
    },
  }),
  defineRoute({
    method: "delete",
    path: "/team-memberships/:team_id/:user_id",
    summary: "Remove a user from a team (clients: themselves, or others with $remove_members)",
    tags,
    access: ANY_ACCESS,
    params: membershipParams,
    response: { status: 200, description: "Removed", schema: successResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamPermissionRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params }) => {
      const teamId = params.team_id.toLowerCase();
      const userId = resolveUserId(auth, params.user_id);
      await services.db.transaction(async (tx) => {
        if (auth.type === "client") {
          const selfId = requireUser(auth).row.id;
          if (userId !== selfId) await requireTeamPermission(tx, auth.tenancy, { teamId, userId: selfId, permissionId: "$remove_members" });
        }
        await removeTeamMember(tx, auth.tenancy, { teamId, userId });
      });
      return c.json({ success: true });
    },
  }),
];
