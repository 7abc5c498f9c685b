import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { type GlobalOptions, callApi, resolveApiSettings } from "../lib/api";
import { findConfigFile, loadConfigFile, renderConfigFile } from "../lib/config-file";
import { requireProjectId, resolveProjectAdmin } from "../lib/session";
import { CliError, createUi } from "../lib/ui";

type ConfigOptions = { projectId?: string; file?: string; yes?: boolean };

const BRANCH_OVERRIDE = "/api/v1/internal/config/override/branch";

async function pullConfig(options: ConfigOptions, globals: GlobalOptions): Promise<void> {
  const ui = createUi({ yes: options.yes });
  const settings = resolveApiSettings(globals);
  const projectId = requireProjectId(options.projectId);
  const headers = await resolveProjectAdmin(settings, projectId);
  ui.step(`Fetching the config of ${projectId}…`);
  const { config_string } = await callApi<{ config_string: string }>(settings, BRANCH_OVERRIDE, { headers });
  const path = options.file ? resolve(options.file) : (findConfigFile(process.cwd()) ?? join(process.cwd(), "hexclave.config.ts"));
  const content = renderConfigFile(JSON.parse(config_string));
  if (existsSync(path) && readFileSync(path, "utf8") === content) return void ui.success(`${path} is already up to date.`);
  if (existsSync(path) && !options.yes) {
    if (!ui.interactive) throw new CliError(`${path} exists; pass --yes to replace it with the pulled config.`);
    if (!(await ui.confirm(`Replace ${path} with the config of ${projectId}?`, false))) throw new CliError("Left the file unchanged.");
  }
  writeFileSync(path, content);
  ui.success(`Wrote ${path}.`);
}

async function pushConfig(options: ConfigOptions, globals: GlobalOptions): Promise<void> {
  const ui = createUi({ yes: options.yes });
  const settings = resolveApiSettings(globals);
  const projectId = requireProjectId(options.projectId);
  const path = options.file ? resolve(options.file) : findConfigFile(process.cwd());
  if (!path) throw new CliError("No hexclave.config.ts (or stack.config.ts) here; pass --file or run `hexclave config pull` first.");
  const config = await loadConfigFile(path);
  const headers = await resolveProjectAdmin(settings, projectId);
  ui.step(`Pushing ${path} to ${projectId}…`);
  await callApi(settings, BRANCH_OVERRIDE, {
    method: "PUT",
    headers,
    body: { config_string: JSON.stringify(config), source: { type: "pushed-from-unknown" } },
  });
  ui.success(`Pushed the config of ${projectId}.`);
}

/** The effective config (defaults and every level), for reading: pushing it back would copy deployment settings into the branch. */
async function showConfig(options: ConfigOptions, globals: GlobalOptions): Promise<void> {
  const settings = resolveApiSettings(globals);
  const projectId = requireProjectId(options.projectId);
  const { config_string } = await callApi<{ config_string: string }>(settings, "/api/v1/internal/config", { headers: await resolveProjectAdmin(settings, projectId) });
  console.log(JSON.stringify(JSON.parse(config_string), null, 2));
}

export function registerConfigCommand(program: Command): void {
  const config = program.command("config").description("The project config file (hexclave.config.ts)");
  const common = (command: Command) =>
    command
      .option("--project-id <id>", "the project (default: HEXCLAVE_PROJECT_ID)")
      .option("--file <path>", "the config file (default: hexclave.config.ts, else stack.config.ts)")
      .option("-y, --yes", "never ask");
  common(config.command("pull").description("Write the project's config into the config file")).action((options: ConfigOptions, command: Command) =>
    pullConfig(options, command.optsWithGlobals<GlobalOptions>()),
  );
  config
    .command("show")
    .description("Print the project's effective config as JSON")
    .option("--project-id <id>", "the project (default: HEXCLAVE_PROJECT_ID)")
    .action((options: ConfigOptions, command: Command) => showConfig(options, command.optsWithGlobals<GlobalOptions>()));
  common(config.command("push").description("Replace the project's config with the config file")).action((options: ConfigOptions, command: Command) =>
    pushConfig(options, command.optsWithGlobals<GlobalOptions>()),
  );
}
