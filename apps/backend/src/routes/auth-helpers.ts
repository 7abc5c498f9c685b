import { KnownErrors } from "@stackframe/stack-shared";
import type { Auth } from "../app-env";
import type { UserRecord } from "../domain/users/user-record";

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
