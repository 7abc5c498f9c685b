import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import { storeProfileImage } from "../domain/files/profile-images";
import { hasTeamPermission } from "../domain/permissions/team-permissions";
import {
  type MemberProfile,
  listMemberProfiles,
  requireMemberProfile,
  toClientMemberProfileJson,
  toServerMemberProfileJson,
  updateMemberProfile,
} from "../domain/teams/member-profiles";
import { requireTeamMember } from "../domain/teams/member-checks";
import { requireTeam } from "../domain/teams/teams";
import { getUserRecord } from "../domain/users/user-record";
import type { Tx } from "../db/client";
import { StatusError } from "../lib/status-error";
import { userIdOrMe, uuid, z } from "../lib/zod";
import { profileImageDepsOf } from "../services";
import { requireUser, resolveUserId } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { memberProfileListResponse, memberProfileResponse } from "./schemas/team-member-profiles";
import { profileImageInput } from "./schemas/users";
import { ANY_ACCESS } from "./route-policy";

const tags = ["Team member profiles"];
const profileParams = z.object({ team_id: uuid(), user_id: userIdOrMe() }).strict();

const profileJsonFor = (auth: Auth, profile: MemberProfile) =>
  auth.type === "client" ? toClientMemberProfileJson(profile) : toServerMemberProfileJson(profile, auth.tenancy.config);

/** A client reads its own profile as a member, and others' only with `$read_members` in the team. */
async function requireClientMayRead(db: Tx, auth: Auth, teamId: string, userId: string | undefined): Promise<void> {
  const selfId = requireUser(auth).row.id;
  await requireTeamMember(db, auth.tenancy, teamId, selfId);
  if (userId === selfId) return;
  if (!(await hasTeamPermission(db, auth.tenancy, { teamId, userId: selfId, permissionId: "$read_members" }))) {
    throw new KnownErrors.TeamPermissionRequired(teamId, selfId, "$read_members");
  }
}

export const teamMemberProfileRoutes = [
  defineRoute({
    method: "get",
    path: "/team-member-profiles",
    summary: "Member profiles of a team or a user",
    tags,
    access: ANY_ACCESS,
    query: z.object({ team_id: uuid().optional(), user_id: userIdOrMe().optional() }).strict(),
    response: { status: 200, description: "The profiles", schema: memberProfileListResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.TeamPermissionRequired, KnownErrors.TeamNotFound, KnownErrors.UserNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, query }) => {
      const teamId = query.team_id?.toLowerCase();
      const userId = query.user_id === undefined ? undefined : resolveUserId(auth, query.user_id);
      if (auth.type === "client") {
        if (teamId === undefined) throw new StatusError(400, "team_id is required for client access.");
        await requireClientMayRead(services.db, auth, teamId, userId);
      } else {
        if (teamId !== undefined) await requireTeam(services.db, auth.tenancy, teamId);
        if (userId !== undefined && !(await getUserRecord(services.db, auth.tenancy, userId))) throw new KnownErrors.UserNotFound();
      }
      const profiles = await listMemberProfiles(services.db, auth.tenancy, { teamId, userId });
      return c.json({ items: profiles.map((profile) => profileJsonFor(auth, profile)), is_paginated: false });
    },
  }),
  defineRoute({
    method: "get",
    path: "/team-member-profiles/:team_id/:user_id",
    summary: "One member's profile in a team",
    tags,
    access: ANY_ACCESS,
    params: profileParams,
    response: { status: 200, description: "The profile", schema: memberProfileResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.TeamPermissionRequired, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params }) => {
      const teamId = params.team_id.toLowerCase();
      const userId = resolveUserId(auth, params.user_id);
      if (auth.type === "client") await requireClientMayRead(services.db, auth, teamId, userId);
      return c.json(profileJsonFor(auth, await requireMemberProfile(services.db, auth.tenancy, teamId, userId)));
    },
  }),
  defineRoute({
    method: "patch",
    path: "/team-member-profiles/:team_id/:user_id",
    summary: "Change a member's name or image in a team (clients: their own)",
    tags,
    access: ANY_ACCESS,
    params: profileParams,
    body: z.object({ display_name: z.string().max(256).optional(), profile_image_url: profileImageInput().nullable().optional() }).strict(),
    response: { status: 200, description: "The profile", schema: memberProfileResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, params, body }) => {
      const teamId = params.team_id.toLowerCase();
      const userId = resolveUserId(auth, params.user_id);
      if (auth.type === "client" && userId !== requireUser(auth).row.id) throw new StatusError(403, "A client can only change its own team profile.");
      const profile = await requireMemberProfile(services.db, auth.tenancy, teamId, userId);
      const profileImageUrl = await storeProfileImage(profileImageDepsOf(services), "team-member-profile-images", body.profile_image_url, { allowUrl: auth.type !== "client" });
      const updated = await updateMemberProfile(services.db, auth.tenancy, profile, { displayName: body.display_name, profileImageUrl });
      return c.json(profileJsonFor(auth, updated));
    },
  }),
];
