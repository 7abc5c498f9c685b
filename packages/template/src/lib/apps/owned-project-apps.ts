import type { ClientInterface, HttpClientOptions, InternalSession } from "@stackframe/stack-shared";
import type { CurrentUser } from "../objects/user.js";

export type OwnedProjectsDeps = { iface: ClientInterface; getSession(): Promise<InternalSession>; httpOptions: Omit<HttpClientOptions, "projectId"> };

type InternalUserMethods = (user: CurrentUser, deps: OwnedProjectsDeps) => CurrentUser;

// Users of the `internal` project manage the projects they own through admin apps, but the admin app is built on the
// client app. So the admin app's module provides those methods here when its class is defined, and the client app
// never imports it: a bundle that does not use the admin app carries none of this code.
let internalUserMethods: InternalUserMethods | null = null;

export function provideInternalUserMethods(methods: InternalUserMethods): void {
  internalUserMethods = methods;
}

/** A user of the `internal` project with the methods that manage its projects. */
export function withOwnedProjectMethods(user: CurrentUser, deps: OwnedProjectsDeps): CurrentUser {
  if (internalUserMethods) return internalUserMethods(user, deps);
  const notLoaded = async () => {
    throw new Error("Import HexclaveAdminApp from the SDK to manage owned projects.");
  };
  return { ...user, createProject: notLoaded, listOwnedProjects: notLoaded } as CurrentUser;
}
