import { KnownErrors } from "@stackframe/stack-shared";
import type { PermissionScope } from "../projects/config";
import type { PermissionGraph } from "./permission-graph";

/** PERMISSION_NOT_FOUND for an unknown id, WRONG_PERMISSION_SCOPE for one of the other scope. */
export function requirePermissionOfScope(graph: PermissionGraph, permissionId: string, scope: PermissionScope): void {
  const actual = graph.scopeOf(permissionId);
  if (actual === null) throw new KnownErrors.PermissionNotFound(permissionId);
  if (actual !== scope) throw new KnownErrors.WrongPermissionScope(permissionId, scope, actual);
}
