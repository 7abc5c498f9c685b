import { KnownErrors } from "@stackframe/stack-shared";
import type { Context } from "hono";
import type { AppEnv, Auth } from "../app-env";
import type { UserRecord } from "../domain/users/user-record";
import { schemaError } from "./validation";

/** Replaces the literal `me` with the signed-in user's id. */
export function resolveUserId(auth: Auth, userId: string): string {
  if (userId !== "me") return userId.toLowerCase();
  if (!auth.user) throw new KnownErrors.CannotGetOwnUserWithoutUser();
  return auth.user.row.id;
}

export function requireUser(auth: Auth): UserRecord {
  if (!auth.user) throw new KnownErrors.UserAuthenticationRequired();
  return auth.user;
}

export function requireInternalProject(auth: Auth): void {
  if (auth.tenancy.project.id !== "internal") throw new KnownErrors.ExpectedInternalProject();
}

/**
 * The signed-in user of a route that declares one as part of its request: without one, Stack Auth's API answers a
 * SCHEMA_ERROR about `auth.user` (not USER_AUTHENTICATION_REQUIRED), and the SDKs expect that.
 */
export function requireUserAsRequestPart(c: Context<AppEnv>, auth: Auth): UserRecord {
  if (!auth.user) throw schemaError(c.req.method, new URL(c.req.url).pathname, ["auth.user must be defined"]);
  return auth.user;
}
