import { KnownErrors } from "@stackframe/stack-shared";
import { toAdminProjectJson } from "../domain/projects/project-json";
import { requireTeamPermission } from "../domain/permissions/team-permissions";
import { createProject, deleteProject, getProjectRow, listProjectsManagedBy, loadMainConfig, transferProject, updateProject } from "../domain/projects/projects";
import { isTeamMember, requireTeamMember } from "../domain/teams/member-checks";
import { StatusError } from "../lib/status-error";
import { uuid, z } from "../lib/zod";
import { requireInternalProject, requireUser } from "./auth-helpers";
import { defineRoute } from "./define-route";
import { successResponse } from "./schemas/common";
import { adminProjectListResponse, adminProjectResponse, projectPatchFields, projectPatchSchema } from "./schemas/projects";
import { ADMIN_ACCESS, ANY_ACCESS } from "./route-policy";

const tags = ["Internal projects"];

export const internalProjectRoutes = [
  defineRoute({
    method: "get",
    path: "/internal/projects",
    summary: "Projects the signed-in internal user manages",
    tags,
    access: ANY_ACCESS,
    response: { status: 200, description: "The projects", schema: adminProjectListResponse },
    errors: [KnownErrors.ExpectedInternalProject, KnownErrors.UserAuthenticationRequired],
    handler: async ({ c, services, auth }) => {
      requireInternalProject(auth);
      const user = requireUser(auth);
      const rows = await listProjectsManagedBy(services.db, auth.tenancy, user.row.id);
      return c.json({ items: rows.map((row) => toAdminProjectJson(row.project, row.config)), is_paginated: false });
    },
  }),
  defineRoute({
    method: "post",
    path: "/internal/projects",
    summary: "Create a project owned by one of the user's teams",
    tags,
    access: ANY_ACCESS,
    body: z.object({ ...projectPatchFields, display_name: z.string().min(1).max(256), owner_team_id: uuid() }).strict(),
    response: { status: 201, description: "The created project", schema: adminProjectResponse },
    errors: [KnownErrors.ExpectedInternalProject, KnownErrors.UserAuthenticationRequired, KnownErrors.TeamMembershipNotFound],
    handler: async ({ c, services, auth, body }) => {
      requireInternalProject(auth);
      const user = requireUser(auth);
      const ownerTeamId = body.owner_team_id.toLowerCase();
      if (!(await isTeamMember(services.db, auth.tenancy, ownerTeamId, user.row.id))) {
        throw new KnownErrors.TeamMembershipNotFound(ownerTeamId, user.row.id);
      }
      const row = await createProject(services.db, { ...body, owner_team_id: ownerTeamId });
      return c.json(toAdminProjectJson(row, await loadMainConfig(services.db, row)), 201);
    },
  }),
  defineRoute({
    method: "post",
    path: "/internal/projects/transfer",
    summary: "Hand a project to another of the user's teams",
    tags,
    access: ANY_ACCESS,
    body: z.object({ project_id: z.string().min(1).max(64), new_team_id: uuid() }).strict(),
    response: { status: 200, description: "Transferred", schema: z.object({ success: z.literal("true") }) },
    errors: [
      KnownErrors.ExpectedInternalProject,
      KnownErrors.UserAuthenticationRequired,
      KnownErrors.ProjectNotFound,
      KnownErrors.TeamPermissionRequired,
      KnownErrors.TeamMembershipNotFound,
    ],
    handler: async ({ c, services, auth, body }) => {
      requireInternalProject(auth);
      const user = requireUser(auth);
      const project = await getProjectRow(services.db, body.project_id);
      if (!project) throw new KnownErrors.ProjectNotFound(body.project_id);
      if (!project.ownerTeamId) throw new StatusError(400, "This project has no owner team, so it cannot be transferred.");
      // Giving a project away takes the owner team's admins; receiving it, membership of the new team.
      await requireTeamPermission(services.db, auth.tenancy, { teamId: project.ownerTeamId, userId: user.row.id, permissionId: "team_admin" });
      const newTeamId = body.new_team_id.toLowerCase();
      await requireTeamMember(services.db, auth.tenancy, newTeamId, user.row.id);
      await transferProject(services.db, project.id, newTeamId);
      services.projects.invalidate(project.id);
      return c.json({ success: "true" as const });
    },
  }),
  defineRoute({
    method: "get",
    path: "/internal/projects/current",
    summary: "The current project, admin view",
    tags,
    access: ADMIN_ACCESS,
    response: { status: 200, description: "The project", schema: adminProjectResponse },
    handler: ({ c, auth }) => c.json(toAdminProjectJson(auth.tenancy.project, auth.tenancy.config)),
  }),
  defineRoute({
    method: "patch",
    path: "/internal/projects/current",
    summary: "Update the current project",
    tags,
    access: ADMIN_ACCESS,
    body: projectPatchSchema,
    response: { status: 200, description: "The updated project", schema: adminProjectResponse },
    handler: async ({ c, services, auth, body }) => {
      const { project, config } = await updateProject(services.db, auth.tenancy, body);
      services.projects.invalidate(project.id);
      return c.json(toAdminProjectJson(project, config));
    },
  }),
  defineRoute({
    method: "delete",
    path: "/internal/projects/current",
    summary: "Delete the current project and everything in it",
    tags,
    access: ADMIN_ACCESS,
    response: { status: 200, description: "Deleted", schema: successResponse },
    handler: async ({ c, services, auth }) => {
      if (auth.tenancy.project.id === "internal") throw new StatusError(400, "The internal project cannot be deleted.");
      await deleteProject(services.db, auth.tenancy.project.id);
      services.projects.invalidate(auth.tenancy.project.id);
      return c.json({ success: true });
    },
  }),
];
