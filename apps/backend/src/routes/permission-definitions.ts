import { KnownErrors } from "@stackframe/stack-shared";
import {
  createPermissionDefinition,
  deletePermissionDefinition,
  listPermissionDefinitions,
  lockProjectConfig,
  updatePermissionDefinition,
} from "../domain/permissions/definitions";
import { CUSTOM_PERMISSION_ID } from "../domain/permissions/permission-graph";
import type { PermissionScope } from "../domain/projects/config";
import { z } from "../lib/zod";
import { defineRoute } from "./define-route";
import { permissionDefinitionListResponse, permissionDefinitionResponse } from "./schemas/permissions";
import { successResponse } from "./schemas/common";
import { ADMIN_ACCESS } from "./route-policy";

const customId = () => z.string().max(256).regex(CUSTOM_PERMISSION_ID, "must contain only a-z, 0-9, _ and :");
const containedIds = () => z.array(z.string().min(1).max(256)).max(1000);
const definitionBody = z.object({ id: customId(), description: z.string().max(4096).optional(), contained_permission_ids: containedIds().optional() }).strict();
const params = z.object({ permission_id: z.string().min(1).max(256) }).strict();

/** The four admin routes for one scope's definitions. */
function definitionRoutes(scope: PermissionScope, base: string) {
  const tags = [`${scope === "team" ? "Team" : "Project"} permission definitions`];
  return [
    defineRoute({
      method: "get",
      path: base,
      summary: `The ${scope} permission definitions`,
      tags,
      access: ADMIN_ACCESS,
      response: { status: 200, description: "The definitions", schema: permissionDefinitionListResponse },
      handler: ({ c, auth }) => c.json({ items: listPermissionDefinitions(auth.tenancy, scope), is_paginated: false }),
    }),
    defineRoute({
      method: "post",
      path: base,
      summary: `Define a ${scope} permission`,
      tags,
      access: ADMIN_ACCESS,
      body: definitionBody,
      response: { status: 201, description: "The definition", schema: permissionDefinitionResponse },
      errors: [KnownErrors.PermissionIdAlreadyExists, KnownErrors.ContainedPermissionNotFound],
      handler: async ({ c, services, auth, body }) => {
        const created = await services.db.transaction(async (tx) =>
          createPermissionDefinition(tx, await lockProjectConfig(tx, auth.tenancy), scope, {
            id: body.id,
            description: body.description,
            containedPermissionIds: body.contained_permission_ids,
          }),
        );
        services.projects.invalidate(auth.tenancy.project.id);
        return c.json(created, 201);
      },
    }),
    defineRoute({
      method: "patch",
      path: `${base}/:permission_id`,
      summary: `Change or rename a ${scope} permission`,
      tags,
      access: ADMIN_ACCESS,
      params,
      body: definitionBody.partial(),
      response: { status: 200, description: "The definition", schema: permissionDefinitionResponse },
      errors: [KnownErrors.PermissionNotFound, KnownErrors.PermissionIdAlreadyExists, KnownErrors.ContainedPermissionNotFound],
      handler: async ({ c, services, auth, params, body }) => {
        const updated = await services.db.transaction(async (tx) =>
          updatePermissionDefinition(tx, await lockProjectConfig(tx, auth.tenancy), scope, params.permission_id, {
            id: body.id,
            description: body.description,
            containedPermissionIds: body.contained_permission_ids,
          }),
        );
        services.projects.invalidate(auth.tenancy.project.id);
        return c.json(updated);
      },
    }),
    defineRoute({
      method: "delete",
      path: `${base}/:permission_id`,
      summary: `Delete a ${scope} permission and its grants`,
      tags,
      access: ADMIN_ACCESS,
      params,
      response: { status: 200, description: "Deleted", schema: successResponse },
      errors: [KnownErrors.PermissionNotFound],
      handler: async ({ c, services, auth, params }) => {
        await services.db.transaction(async (tx) => deletePermissionDefinition(tx, await lockProjectConfig(tx, auth.tenancy), scope, params.permission_id));
        services.projects.invalidate(auth.tenancy.project.id);
        return c.json({ success: true });
      },
    }),
  ];
}

export const permissionDefinitionRoutes = [
  ...definitionRoutes("team", "/team-permission-definitions"),
  ...definitionRoutes("project", "/project-permission-definitions"),
];
