import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import type { Command } from "commander";
import { type GlobalOptions, resolveApiSettings } from "../lib/api";
import { FRAMEWORK_NAMES, installCommand } from "../lib/detect";
import { ENV_FILE, type InitPlan, envFilePath, planInit } from "../lib/init-plan";
import { type EnvInput, type PlannedFile, envEntries, mergeEnv, readIfExists, writePlannedFiles } from "../lib/plan";
import { requireSession } from "../lib/session";
import { CliError, type Ui, createUi } from "../lib/ui";
import { createKeySet } from "./keys";
import { createProject } from "./projects";

type InitOptions = EnvInput & { yes?: boolean; install: boolean; createProject?: string };

/**
 * Asks about each file of the app's own that init would change. An entry file init can edit in place is edited
 * (with --yes, or when the user agrees); one it cannot edit is never replaced, and init prints what to add.
 * Returns the files to write and the ones left for the user to wire by hand.
 */
async function resolveConflicts(plan: InitPlan, ui: Ui) {
  const writes: { path: string; content: string; edited?: boolean }[] = [];
  const byHand: string[] = [];
  const keep = (file: PlannedFile) => ui.warn(`Kept your ${file.path}${file.note ? `: ${file.note}` : "."}`);
  for (const file of plan.files) {
    if (file.state === "create") writes.push(file);
    if (file.state === "edit") {
      if (await ui.confirm(`${file.path} exists. Add Hexclave to it (imports, and the provider around what it renders)?`, true)) writes.push({ ...file, edited: true });
      else {
        keep(file);
        byHand.push(file.path);
      }
    }
    if (file.state !== "conflict") continue;
    if (file.edit) {
      ui.warn(`Kept your ${file.path}: it has no single place init can add Hexclave to, so ${file.note ?? "wire it by hand"}.`);
      byHand.push(file.path);
    } else if (await ui.confirm(`${file.path} exists and differs from what Hexclave would write. Replace it?`, false)) writes.push(file);
    else keep(file);
  }
  return { writes, byHand };
}

/** With --create-project: a new project and key set on the backend, as the logged-in user. */
async function createProjectValues(name: string, globals: GlobalOptions, ui: Ui): Promise<EnvInput> {
  const settings = resolveApiSettings(globals);
  const session = await requireSession(settings);
  ui.step(`Creating the project "${name}" on ${settings.apiUrl}…`);
  const project = await createProject(settings, session.accessToken, name);
  const headers = { "x-hexclave-project-id": project.id, "x-hexclave-access-type": "admin", "x-hexclave-admin-access-token": session.accessToken };
  const keys = await createKeySet(settings, headers, { description: "Created by hexclave init", expiresInDays: 3650, admin: false });
  ui.success(`Created project ${project.id} with a new key set.`);
  return { projectId: project.id, publishableClientKey: keys.publishable_client_key, secretServerKey: keys.secret_server_key, apiUrl: settings.apiUrl };
}

function install(plan: InitPlan, ui: Ui): void {
  const [command, args] = installCommand(plan.packageManager, plan.sdk);
  ui.step(`Installing ${plan.sdk} with ${plan.packageManager}…`);
  // The package manager reads the registry from its own config and npm_config_* variables, as it would anywhere.
  const result = spawnSync(command, args, { cwd: plan.dir, stdio: "inherit", shell: process.platform === "win32" });
  if (result.error || result.status !== 0) {
    const reason = result.error ? result.error.message : `exit code ${result.status}`;
    throw new CliError(`\`${command} ${args.join(" ")}\` failed (${reason}). No files were written; fix the install and run init again.`);
  }
}

async function runInit(dirArg: string | undefined, options: InitOptions, globals: GlobalOptions): Promise<void> {
  const ui = createUi({ yes: options.yes });
  const plan = planInit(resolve(dirArg ?? "."));
  ui.info(`${FRAMEWORK_NAMES[plan.framework]} app, ${plan.packageManager}, SDK ${plan.sdk}.`);
  const { writes, byHand } = await resolveConflicts(plan, ui);
  const created = options.createProject ? await createProjectValues(options.createProject, globals, ui) : {};
  const values: EnvInput = {
    apiUrl: globals.apiUrl ?? created.apiUrl,
    projectId: options.projectId ?? created.projectId,
    publishableClientKey: options.publishableClientKey ?? created.publishableClientKey,
    secretServerKey: options.secretServerKey ?? created.secretServerKey,
  };
  const env = mergeEnv(readIfExists(envFilePath(plan.dir)), envEntries(plan.scaffold.envNames, values));
  if (env.added.length > 0) writes.push({ path: ENV_FILE, content: env.content });
  else if (created.projectId) ui.warn(`${ENV_FILE} already names every setting, so the new project's keys were not written there.`);
  if (plan.install && options.install) install(plan, ui);
  else if (plan.install) ui.warn(`Skipped installing ${plan.sdk} (--no-install).`);
  writePlannedFiles(plan.dir, writes);
  for (const file of writes) ui.step(`${file.edited ? "Added Hexclave to" : "Wrote"} ${file.path}`);
  for (const hint of plan.scaffold.hints) ui.info(hint);
  const empty = envEntries(plan.scaffold.envNames, values).filter(([name, value]) => !value && env.added.includes(name));
  if (empty.length > 0) ui.warn(`Fill in ${empty.map(([name]) => name).join(", ")} in ${ENV_FILE} (the app needs the project id to start).`);
  const edited = writes.filter((file) => file.edited).length;
  const summary = `${writes.length - edited} file(s) written${edited > 0 ? `, ${edited} edited` : ""}`;
  // Exit code 0 either way: everything else is set up, and the warning above says what to add.
  if (byHand.length > 0) ui.warn(`Set up Hexclave (${summary}) except for ${byHand.join(", ")}: add what is printed above by hand.`);
  else if (writes.length === 0) ui.success("Nothing to do: this app is already set up.");
  else ui.success(`Set up Hexclave: ${summary}.`);
}

export function registerInitCommand(program: Command): void {
  program
    .command("init [dir]")
    .description("Set Hexclave up in an app: the SDK package, its files, the config file and .env.local")
    .option("-y, --yes", "never ask: add Hexclave to the app's own entry files, keep its other files that differ")
    .option("--no-install", "do not install the SDK package")
    .option("--project-id <id>", "the project id to write into .env.local")
    .option("--publishable-client-key <key>", "the publishable client key to write into .env.local")
    .option("--secret-server-key <key>", "the secret server key to write into .env.local")
    .option("--create-project <name>", "create a project (when logged in) and write its keys")
    .action((dir: string | undefined, options: InitOptions, command: Command) => runInit(dir, options, command.optsWithGlobals<GlobalOptions>()));
}
