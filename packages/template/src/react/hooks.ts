import { UserAuthenticationRequired } from "@stackframe/stack-shared";
import { useContext, useEffect, useSyncExternalStore } from "react";
import type { HexclaveClientApp } from "../lib/apps/client-app.js";
import type { TeamApiKey, UserApiKey } from "../lib/objects/api-key.js";
import type { OAuthProvider } from "../lib/objects/oauth-provider.js";
import { type ProjectPermission, type TeamPermission, permissionTarget } from "../lib/objects/permission.js";
import type { Team } from "../lib/objects/team.js";
import type { CurrentUser } from "../lib/objects/user.js";
import type { ConnectedAccount, GetConnectedAccountOptions } from "../lib/objects/user-oauth.js";
import { HexclaveAppContext, HexclaveInitialUserContext } from "./context.js";
import { useLoaded } from "./use-loaded.js";
import { NOT_LOADED, userStoreOf } from "./user-store.js";

/**
 * The app given to the nearest `HexclaveProvider`.
 * @example const app = useHexclaveApp(); await app.signOut();
 */
export function useHexclaveApp<T extends HexclaveClientApp = HexclaveClientApp>(): T {
  const app = useContext(HexclaveAppContext);
  if (!app) throw new Error("useHexclaveApp must be used inside a <HexclaveProvider>.");
  return app as T;
}

/** @deprecated Renamed to {@link useHexclaveApp}. */
export const useStackApp = useHexclaveApp;

export type UseUserOptions = { or?: "return-null" | "redirect" | "throw" };

/**
 * The signed-in user, re-rendering on sign-in, sign-out and changes. Suspends while the user first loads.
 * @example
 * const user = useUser({ or: "redirect" }); // never null: signed-out visitors go to sign-in
 */
export function useUser(options: UseUserOptions & { or: "redirect" | "throw" }): CurrentUser;
export function useUser(options?: UseUserOptions): CurrentUser | null;
export function useUser(options: UseUserOptions = {}): CurrentUser | null {
  const app = useHexclaveApp();
  const store = userStoreOf(app);
  // The server renders, and the browser hydrates, with the user the server was handed, so both produce the same markup.
  const initialSnapshot = useContext(HexclaveInitialUserContext) ?? NOT_LOADED;
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, () => initialSnapshot);
  const missing = snapshot.loaded && snapshot.user === null;
  useEffect(() => {
    // Back to this page once signed in: a link that needs a user (a CLI login, an invitation) must not be lost.
    if (missing && options.or === "redirect") void app.redirectToSignIn({ replace: true });
  }, [missing, options.or, app]);
  if (!snapshot.loaded) {
    // Without a user handed over by the server, server rendering shows the signed-out state; the browser then loads.
    if (typeof window === "undefined") return null;
    throw store.load();
  }
  if (snapshot.user === null && options.or === "throw") throw new UserAuthenticationRequired();
  return snapshot.user;
}

/**
 * The signed-in user's teams; empty when signed out. Suspends while they first load, and loads again after changes
 * made through this app (a team created, left or updated, an invitation accepted).
 * @example const teams = useTeams(); return <ul>{teams.map((team) => <li key={team.id}>{team.displayName}</li>)}</ul>;
 */
export function useTeams(): Team[] {
  const user = useUser();
  return useLoaded(user, "teams", (owner) => owner.listTeams(), []);
}

/**
 * One of the signed-in user's teams, or null when they are not a member (or signed out).
 * @example const team = useTeam(params.teamId); if (!team) return <NotFound />;
 */
export function useTeam(teamId: string): Team | null {
  return useTeams().find((team) => team.id === teamId) ?? null;
}

/**
 * A permission of the signed-in user (recursive): in a team, or with only an id, in the project. Null when they do
 * not hold it, or nobody is signed in.
 * @example const canInvite = usePermission(team, "$invite_members") !== null;
 */
export function usePermission(team: { id: string }, permissionId: string): TeamPermission | null;
export function usePermission(permissionId: string): ProjectPermission | null;
export function usePermission(scopeOrId: { id: string } | string, permissionId?: string): TeamPermission | null {
  const user = useUser();
  const { team, permissionId: id } = permissionTarget(scopeOrId, permissionId);
  const load = (owner: CurrentUser) => (team ? owner.listPermissions(team) : owner.listPermissions());
  const permissions = useLoaded(user, team ? `permissions:${team.id}` : "permissions", load, []);
  return permissions.find((permission) => permission.id === id) ?? null;
}

/**
 * The signed-in user's API keys, or a team's (for members allowed to manage them); empty when signed out.
 * @example const keys = useApiKeys(team); // after team.createApiKey(…), the list loads again
 */
export function useApiKeys(): UserApiKey[];
export function useApiKeys(team: Team): TeamApiKey[];
export function useApiKeys(team?: Team): UserApiKey[] | TeamApiKey[] {
  const user = useUser();
  const load = (owner: CurrentUser) => (team ? team.listApiKeys() : owner.listApiKeys());
  return useLoaded<CurrentUser, UserApiKey[] | TeamApiKey[]>(user, team ? `api-keys:${team.id}` : "api-keys", load, []);
}

/**
 * The signed-in user's linked accounts at OAuth providers; empty when signed out. Loads again after changes made
 * through this app (a link updated or removed).
 * @example const hasGitHub = useOAuthProviders().some((provider) => provider.type === "github");
 */
export function useOAuthProviders(): OAuthProvider[] {
  return useLoaded(useUser(), "oauth-providers", (owner) => owner.listOAuthProviders(), []);
}

/**
 * The signed-in user's account at a provider, as `user.getConnectedAccount` finds it: null when signed out or not
 * connected, unless `or: "redirect"` sends the browser to connect it.
 * @example
 * const github = useConnectedAccount("github", { or: "redirect", scopes: ["repo"] });
 * const load = async () => fetchRepos((await github?.getAccessToken())?.accessToken);
 */
export function useConnectedAccount(providerId: string, options: GetConnectedAccountOptions = {}): ConnectedAccount | null {
  const key = `connected-account:${providerId}:${options.or ?? "return-null"}:${options.scopes?.join(" ") ?? ""}`;
  return useLoaded(useUser(), key, (owner) => owner.getConnectedAccount(providerId, options), null);
}
