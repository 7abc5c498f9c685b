import type { AdminProjectJson, InternalSession } from "@stackframe/stack-shared";
import { type AdminProject, adminProjectFromJson } from "../objects/project.js";
import type { CurrentUser } from "../objects/user.js";
import type { HexclaveAdminAppOptions } from "./app-options.js";
import type { OwnedProjectsDeps } from "./owned-project-apps.js";

/** A project with an admin app (`App`, the SDK's HexclaveAdminApp) that acts through its owner's session. */
export type OwnedProject<App> = AdminProject & {
  readonly app: App;
  /**
   * Hands the project to another of the user's teams, whose members manage it from then on. Needs `team_admin` in
   * the team that owns it now.
   * @example await project.transfer(otherTeam.id);
   */
  transfer(newTeamId: string): Promise<void>;
};

export type AdminProjectCreateOptions = { displayName: string; description?: string | null; teamId?: string };

/** A user of the `internal` project, who owns projects; `App` is the admin app each owned project comes with. */
export type InternalUserOf<App> = CurrentUser & {
  createProject(options: AdminProjectCreateOptions): Promise<OwnedProject<App>>;
  listOwnedProjects(): Promise<OwnedProject<App>[]>;
};

type CreateApp<App> = (options: HexclaveAdminAppOptions) => App;

function ownedProject<App>(json: AdminProjectJson, deps: OwnedProjectsDeps, session: InternalSession, createApp: CreateApp<App>): OwnedProject<App> {
  const app = createApp({
    baseUrl: deps.httpOptions.baseUrl,
    projectId: json.id,
    tokenStore: null,
    fetch: deps.httpOptions.fetch,
    projectOwnerSession: session,
  });
  const transfer = async (newTeamId: string) => {
    // Called here rather than through the client interface, so apps that never manage projects do not carry it.
    await deps.iface.http.request("/internal/projects/transfer", { method: "POST", body: { project_id: json.id, new_team_id: newTeamId } }, session, "client");
  };
  return { ...adminProjectFromJson(json), app, transfer };
}

/** The user with `createProject` and `listOwnedProjects`; each project comes with an admin app made by `createApp`. */
export function withInternalUserMethods<App>(user: CurrentUser, deps: OwnedProjectsDeps, createApp: CreateApp<App>): InternalUserOf<App> {
  return {
    ...user,
    async createProject(options) {
      const teamId = options.teamId ?? user.selectedTeam?.id;
      if (!teamId) throw new Error("createProject needs a team to own the project: pass teamId, or select a team first.");
      const session = await deps.getSession();
      const json = await deps.iface.createProject(
        { display_name: options.displayName, description: options.description ?? null, owner_team_id: teamId },
        session,
      );
      return ownedProject(json, deps, session, createApp);
    },
    async listOwnedProjects() {
      const session = await deps.getSession();
      return (await deps.iface.listOwnedProjects(session)).map((json) => ownedProject(json, deps, session, createApp));
    },
  };
}
