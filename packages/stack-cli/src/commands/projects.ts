import type { Command } from "commander";
import { type ApiSettings, type GlobalOptions, callApi, internalHeaders, resolveApiSettings } from "../lib/api";
import { requireSession } from "../lib/session";
import { CliError, createUi } from "../lib/ui";

export type ProjectJson = { id: string; display_name: string; created_at_millis?: number };

export async function listProjects(settings: ApiSettings, accessToken: string): Promise<ProjectJson[]> {
  const page = await callApi<{ items: ProjectJson[] }>(settings, "/api/v1/internal/projects", { headers: internalHeaders(settings, accessToken) });
  return page.items;
}

/** A project owned by the user's selected team, the way the dashboard makes one. */
export async function createProject(settings: ApiSettings, accessToken: string, displayName: string): Promise<ProjectJson> {
  const headers = internalHeaders(settings, accessToken);
  const me = await callApi<{ selected_team_id: string | null }>(settings, "/api/v1/users/me", { headers });
  if (!me.selected_team_id) throw new CliError("Your account has no team to own the project; create or select one in the dashboard first.");
  return await callApi<ProjectJson>(settings, "/api/v1/internal/projects", {
    headers,
    body: { display_name: displayName, owner_team_id: me.selected_team_id, config: {} },
  });
}

export function registerProjectsCommand(program: Command): void {
  const projects = program.command("projects").description("The projects you manage");
  projects
    .command("list")
    .description("List your projects")
    .option("--json", "print JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      const settings = resolveApiSettings(command.optsWithGlobals<GlobalOptions>());
      const session = await requireSession(settings);
      const items = await listProjects(settings, session.accessToken);
      if (options.json) return void console.log(JSON.stringify(items, null, 2));
      if (items.length === 0) return void createUi().info("No projects yet: `hexclave projects create <name>` makes one.");
      for (const project of items) console.log(`${project.id}\t${project.display_name}`);
    });
  projects
    .command("create [name]")
    .description("Create a project")
    .option("--json", "print JSON")
    .action(async (nameArg: string | undefined, options: { json?: boolean }, command: Command) => {
      const name = nameArg ?? (await createUi().text("The new project's name?", "the <name> argument"));
      const settings = resolveApiSettings(command.optsWithGlobals<GlobalOptions>());
      const session = await requireSession(settings);
      const project = await createProject(settings, session.accessToken, name);
      if (options.json) return void console.log(JSON.stringify(project, null, 2));
      createUi().success(`Created project ${project.display_name} (${project.id}).`);
    });
}
