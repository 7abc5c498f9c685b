import { z } from "../../lib/zod";
import { listOf } from "./common";

export const teamPermissionResponse = z
  .object({ id: z.string(), team_id: z.string().uuid(), user_id: z.string().uuid() })
  .strict()
  .openapi("TeamPermission");

export const projectPermissionResponse = z.object({ id: z.string(), user_id: z.string().uuid() }).strict().openapi("ProjectPermission");

export const permissionDefinitionResponse = z
  .object({ id: z.string(), description: z.string().optional(), contained_permission_ids: z.array(z.string()) })
  .strict()
  .openapi("PermissionDefinition");

export const teamPermissionListResponse = listOf(teamPermissionResponse, "TeamPermissionList");
export const projectPermissionListResponse = listOf(projectPermissionResponse, "ProjectPermissionList");
export const permissionDefinitionListResponse = listOf(permissionDefinitionResponse, "PermissionDefinitionList");
