import type { Command } from "commander";
import { type ApiSettings, type GlobalOptions, callApi, resolveApiSettings } from "../lib/api";
import { requireProjectId, resolveProjectAdmin } from "../lib/session";
import { CliError, createUi } from "../lib/ui";

export type KeySet = { id: string; publishable_client_key?: string; secret_server_key?: string; super_secret_admin_key?: string };

const DAY_MILLIS = 24 * 3600 * 1000;

/** A new key set for a project; the backend shows the keys in full only in this answer. */
export async function createKeySet(
  settings: ApiSettings,
  headers: Record<string, string>,
  options: { description: string; expiresInDays: number; admin: boolean },
): Promise<KeySet> {
  return await callApi<KeySet>(settings, "/api/v1/internal/api-keys", {
    headers,
    body: {
      description: options.description,
      expires_at_millis: Date.now() + options.expiresInDays * DAY_MILLIS,
      has_publishable_client_key: true,
      has_secret_server_key: true,
      has_super_secret_admin_key: options.admin,
    },
  });
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command("keys").description("A project's API keys");
  keys
    .command("create")
    .description("Create a publishable client key and a secret server key (and an admin key with --admin)")
    .option("--project-id <id>", "the project (default: HEXCLAVE_PROJECT_ID)")
    .option("--description <text>", "what the keys are for", "Created by the Hexclave CLI")
    .option("--expires-in-days <days>", "lifetime of the keys", "365")
    .option("--admin", "also create a super secret admin key")
    .option("--json", "print JSON")
    .action(async (options: { projectId?: string; description: string; expiresInDays: string; admin?: boolean; json?: boolean }, command: Command) => {
      const settings = resolveApiSettings(command.optsWithGlobals<GlobalOptions>());
      const projectId = requireProjectId(options.projectId);
      const days = Number(options.expiresInDays);
      if (!Number.isInteger(days) || days <= 0) throw new CliError("--expires-in-days must be a positive whole number.");
      const created = await createKeySet(settings, await resolveProjectAdmin(settings, projectId), {
        description: options.description,
        expiresInDays: days,
        admin: Boolean(options.admin),
      });
      if (options.json) return void console.log(JSON.stringify(created, null, 2));
      createUi().success(`Created key set ${created.id} for ${projectId}. The keys are shown once:`);
      console.log(`HEXCLAVE_PROJECT_ID=${projectId}`);
      console.log(`HEXCLAVE_PUBLISHABLE_CLIENT_KEY=${created.publishable_client_key}`);
      console.log(`HEXCLAVE_SECRET_SERVER_KEY=${created.secret_server_key}`);
      if (created.super_secret_admin_key) console.log(`HEXCLAVE_SUPER_SECRET_ADMIN_KEY=${created.super_secret_admin_key}`);
    });
}
