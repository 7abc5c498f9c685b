import { KnownErrors } from "@stackframe/stack-shared";
import { requireTeamPermission, requireTeamPermissions } from "../domain/permissions/team-permissions";
import { requireTrustedCallbackUrl } from "../domain/emails/code-emails";
import {
  acceptTeamInvitationById,
  acceptTeamInvitationCode,
  checkTeamInvitationCode,
  listTeamInvitations,
  revokeTeamInvitation,
  sendTeamInvitation,
  teamInvitationDetails,
  verifiedEmailsOf,
} from "../domain/teams/invitations";
import { requireTeam } from "../domain/teams/teams";
import { getUserRecord } from "../domain/users/user-record";
import { StatusError } from "../lib/status-error";
import { strictEmail, userIdOrMe, uuid, z } from "../lib/zod";
import { requireUser, resolveUserId } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { sentTeamInvitationResponse, teamInvitationDetailsResponse, teamInvitationListResponse } from "./schemas/teams";
import { codeIsValidResponse, emptyObjectResponse, successResponse } from "./schemas/common";
import { VERIFICATION_CODE_ERRORS } from "./route-errors";
import { ANY_ACCESS } from "./route-policy";

const tags = ["Team invitations"];
const codeBody = z.object({ code: z.string().length(45) }).strict();

/** On client access the target must be the signed-in user; Stack Auth's API answers CANNOT_GET_OWN_USER_WITHOUT_USER otherwise. */
function invitationUserId(auth: Parameters<typeof resolveUserId>[0], userId: string): string {
  const id = resolveUserId(auth, userId);
  if (auth.type === "client" && id !== auth.user?.row.id) throw new KnownErrors.CannotGetOwnUserWithoutUser();
  return id;
}

export const teamInvitationRoutes = [
  defineRoute({
    method: "post",
    path: "/team-invitations/send-code",
    summary: "Email an invitation to join a team (clients need $invite_members)",
    tags,
    access: ANY_ACCESS,
    body: z.object({ team_id: uuid(), email: strictEmail(), callback_url: z.string().url().max(2048) }).strict(),
    response: { status: 200, description: "The invitation's id", schema: sentTeamInvitationResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamPermissionRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.TeamNotFound, KnownErrors.RedirectUrlNotWhitelisted],
    handler: async ({ c, services, auth, body }) => {
      const teamId = body.team_id.toLowerCase();
      const id = await services.db.transaction(async (tx) => {
        if (auth.type === "client") {
          await requireTeamPermission(tx, auth.tenancy, { teamId, userId: requireUser(auth).row.id, permissionId: "$invite_members" });
        }
        const team = await requireTeam(tx, auth.tenancy, teamId);
        requireTrustedCallbackUrl(auth.tenancy, body.callback_url);
        return sendTeamInvitation(tx, auth.tenancy, { team, email: body.email, callbackUrl: body.callback_url });
      });
      return c.json({ success: true, id });
    },
  }),
  defineRoute({
    method: "get",
    path: "/team-invitations",
    summary: "Pending invitations of a team, or to a user's verified emails",
    tags,
    access: ANY_ACCESS,
    query: z.object({ team_id: uuid().optional(), user_id: userIdOrMe().optional() }).strict(),
    response: { status: 200, description: "The invitations", schema: teamInvitationListResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamPermissionRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.TeamNotFound, KnownErrors.CannotGetOwnUserWithoutUser],
    handler: async ({ c, services, auth, query }) => {
      if ((query.team_id === undefined) === (query.user_id === undefined)) throw new StatusError(400, "Pass exactly one of team_id and user_id.");
      if (query.team_id !== undefined) {
        const teamId = query.team_id.toLowerCase();
        if (auth.type === "client") {
          const member = { teamId, userId: requireUser(auth).row.id };
          await requireTeamPermissions(services.db, auth.tenancy, member, ["$read_members", "$invite_members"]);
        } else await requireTeam(services.db, auth.tenancy, teamId);
        return c.json({ items: await listTeamInvitations(services.db, auth.tenancy, { teamId }), is_paginated: false });
      }
      const userId = invitationUserId(auth, query.user_id!);
      const emails = await verifiedEmailsOf(services.db, auth.tenancy, userId);
      return c.json({ items: await listTeamInvitations(services.db, auth.tenancy, { emails }), is_paginated: false });
    },
  }),
  defineRoute({
    method: "delete",
    path: "/team-invitations/:id",
    summary: "Revoke an invitation (clients need $remove_members)",
    tags,
    access: ANY_ACCESS,
    params: z.object({ id: uuid() }).strict(),
    query: z.object({ team_id: uuid().optional() }).strict(),
    response: { status: 200, description: "Revoked", schema: successResponse },
    errors: [KnownErrors.UserAuthenticationRequired, KnownErrors.TeamPermissionRequired, KnownErrors.TeamMembershipNotFound, KnownErrors.TeamNotFound, KnownErrors.VerificationCodeNotFound],
    handler: async ({ c, services, auth, params, query }) => {
      if (query.team_id === undefined) throw new StatusError(400, "team_id is required.");
      const teamId = query.team_id.toLowerCase();
      await services.db.transaction(async (tx) => {
        if (auth.type === "client") {
          await requireTeamPermission(tx, auth.tenancy, { teamId, userId: requireUser(auth).row.id, permissionId: "$remove_members" });
        } else await requireTeam(tx, auth.tenancy, teamId);
        await revokeTeamInvitation(tx, auth.tenancy, teamId, params.id.toLowerCase());
      });
      return c.json({ success: true });
    },
  }),
  defineRoute({
    method: "post",
    path: "/team-invitations/:id/accept",
    summary: "Accept a pending invitation addressed to one of the user's verified emails",
    tags,
    access: ANY_ACCESS,
    params: z.object({ id: uuid() }).strict(),
    query: z.object({ user_id: userIdOrMe() }).strict(),
    body: z.object({}).strict().optional(),
    response: { status: 200, description: "Accepted", schema: emptyObjectResponse },
    errors: [KnownErrors.CannotGetOwnUserWithoutUser, KnownErrors.UserNotFound, KnownErrors.VerificationCodeNotFound, KnownErrors.TeamInvitationRestrictedUserNotAllowed],
    handler: async ({ c, services, auth, params, query }) => {
      const userId = invitationUserId(auth, query.user_id);
      const user = auth.user?.row.id === userId ? auth.user : await getUserRecord(services.db, auth.tenancy, userId);
      if (!user) throw new KnownErrors.UserNotFound();
      await services.db.transaction((tx) => acceptTeamInvitationById(tx, auth.tenancy, user, params.id.toLowerCase(), { checkRestricted: auth.type === "client" }));
      return c.json({});
    },
  }),
  defineRoute({
    method: "post",
    path: "/team-invitations/accept",
    summary: "Join the team of an emailed invitation code",
    tags,
    access: ANY_ACCESS,
    body: codeBody,
    response: { status: 200, description: "Joined", schema: emptyObjectResponse },
    errors: [KnownErrors.UserAuthenticationRequired, ...VERIFICATION_CODE_ERRORS, KnownErrors.TeamInvitationRestrictedUserNotAllowed],
    handler: async ({ c, services, auth, body }) => {
      const user = requireUser(auth);
      await acceptTeamInvitationCode(services.db, auth.tenancy, user, body.code);
      return c.json({});
    },
  }),
  defineRoute({
    method: "post",
    path: "/team-invitations/accept/details",
    summary: "The team an invitation code is for (the code is not used)",
    tags,
    access: ANY_ACCESS,
    body: codeBody,
    response: { status: 200, description: "The team's id and name", schema: teamInvitationDetailsResponse },
    errors: [KnownErrors.UserAuthenticationRequired, ...VERIFICATION_CODE_ERRORS],
    handler: async ({ c, services, auth, body }) => {
      requireUser(auth);
      return c.json(await teamInvitationDetails(services.db, auth.tenancy, body.code));
    },
  }),
  defineRoute({
    method: "post",
    path: "/team-invitations/accept/check-code",
    summary: "Whether an invitation code is valid",
    tags,
    access: ANY_ACCESS,
    body: codeBody,
    response: { status: 200, description: "Valid", schema: codeIsValidResponse },
    errors: [...VERIFICATION_CODE_ERRORS],
    handler: async ({ c, services, auth, body }) => {
      await checkTeamInvitationCode(services.db, auth.tenancy, body.code);
      return c.json({ is_code_valid: true });
    },
  }),
];
