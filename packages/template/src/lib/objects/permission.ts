import type { PermissionDefinitionCreateJson, PermissionDefinitionJson, PermissionDefinitionUpdateJson } from "@stackframe/stack-shared";

/** A permission a user holds in one team, directly or (when listed recursively) through a permission that contains it. */
export type TeamPermission = { readonly id: string };
/** A permission a user holds across the project. */
export type ProjectPermission = { readonly id: string };
export type AdminTeamPermission = TeamPermission;
export type AdminProjectPermission = ProjectPermission;

/** A permission the project defines, and the permissions that holding it implies. */
export type AdminTeamPermissionDefinition = { readonly id: string; readonly description?: string; readonly containedPermissionIds: string[] };
export type AdminProjectPermissionDefinition = AdminTeamPermissionDefinition;

export type AdminTeamPermissionDefinitionCreateOptions = { id: string; description?: string; containedPermissionIds: string[] };
export type AdminProjectPermissionDefinitionCreateOptions = AdminTeamPermissionDefinitionCreateOptions;
export type AdminTeamPermissionDefinitionUpdateOptions = { description?: string; containedPermissionIds?: string[] };
export type AdminProjectPermissionDefinitionUpdateOptions = AdminTeamPermissionDefinitionUpdateOptions;

export function permissionDefinitionFromJson(json: PermissionDefinitionJson): AdminTeamPermissionDefinition {
  return { id: json.id, ...(json.description === undefined ? {} : { description: json.description }), containedPermissionIds: json.contained_permission_ids };
}

export function permissionDefinitionCreateToJson(options: AdminTeamPermissionDefinitionCreateOptions): PermissionDefinitionCreateJson {
  return { id: options.id, description: options.description, contained_permission_ids: options.containedPermissionIds };
}

export function permissionDefinitionUpdateToJson(options: AdminTeamPermissionDefinitionUpdateOptions): PermissionDefinitionUpdateJson {
  return { description: options.description, contained_permission_ids: options.containedPermissionIds };
}

type TeamScope = { readonly id: string };
type ListOptions = { recursive?: boolean };

/** A user's permission checks: with a team, in that team; without, across the project. Listing is recursive by default. */
export type PermissionMethods = {
  hasPermission(scope: TeamScope, permissionId: string): Promise<boolean>;
  hasPermission(permissionId: string): Promise<boolean>;
  getPermission(scope: TeamScope, permissionId: string): Promise<TeamPermission | null>;
  getPermission(permissionId: string): Promise<ProjectPermission | null>;
  listPermissions(scope: TeamScope, options?: ListOptions): Promise<TeamPermission[]>;
  listPermissions(options?: ListOptions): Promise<ProjectPermission[]>;
};

/** Reads a user's permissions: in a team (`team`), or in the project (`null`). */
export type ListPermissions = (team: TeamScope | null, recursive: boolean) => Promise<{ id: string }[]>;

/** The (team?, permissionId) pair of the overloads above. */
export function permissionTarget(scopeOrId: TeamScope | string, permissionId: string | undefined): { team: TeamScope | null; permissionId: string } {
  if (typeof scopeOrId === "string") return { team: null, permissionId: scopeOrId };
  if (permissionId === undefined) throw new TypeError("Pass the permission id after the team: hasPermission(team, permissionId).");
  return { team: scopeOrId, permissionId };
}

export function permissionMethods(list: ListPermissions): PermissionMethods {
  const listPermissions = async (scopeOrOptions?: TeamScope | ListOptions, options?: ListOptions) => {
    const team = scopeOrOptions && "id" in scopeOrOptions ? scopeOrOptions : null;
    const recursive = (team ? options : (scopeOrOptions as ListOptions | undefined))?.recursive ?? true;
    return (await list(team, recursive)).map(({ id }) => ({ id }));
  };
  const getPermission = async (scopeOrId: TeamScope | string, permissionId?: string) => {
    const target = permissionTarget(scopeOrId, permissionId);
    const permissions = target.team ? await listPermissions(target.team) : await listPermissions();
    return permissions.find(({ id }) => id === target.permissionId) ?? null;
  };
  const hasPermission = async (scopeOrId: TeamScope | string, permissionId?: string) => (await getPermission(scopeOrId, permissionId)) !== null;
  return { listPermissions, getPermission, hasPermission } as PermissionMethods;
}
