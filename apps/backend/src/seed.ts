import type { Database } from "./db/client";
import { type KeyKind, createApiKeySet, hasLiveAdminKey, isStoredProjectKey } from "./domain/projects/api-key-sets";
import { NEW_PROJECT_OVERRIDE } from "./domain/projects/config";
import { createProject, projectExists } from "./domain/projects/projects";
import type { BackendConfig, SeedKeys } from "./lib/config";
import { StartupError } from "./lib/startup-error";

// The project of the deployment's own operators: its users create and own the other projects, so they get a team to
// own them with.
const INTERNAL_OVERRIDE = {
  ...NEW_PROJECT_OVERRIDE,
  "teams.createPersonalTeamOnSignUp": true,
  "teams.allowClientTeamCreation": true,
};

const KEY_KINDS: [KeyKind, keyof SeedKeys][] = [
  ["secret_server_key", "secretServerKey"],
  ["publishable_client_key", "publishableClientKey"],
  ["super_secret_admin_key", "superSecretAdminKey"],
];
/** Creates a project with a fixed id unless it exists; another instance seeding at the same moment may win the insert. */
async function ensureProject(db: Database, input: Parameters<typeof createProject>[1] & { id: string }): Promise<void> {
  if (await projectExists(db, input.id)) return;
  await createProject(db, input).catch(async (error) => {
    if (!(await projectExists(db, input.id))) throw error;
  });
}

/** Registers the configured keys as one key set, unless a set with the same first key is already stored. */
async function registerSeedKeys(db: Database, projectId: string, seed: SeedKeys): Promise<void> {
  const keys: Partial<Record<KeyKind, string>> = {};
  for (const [kind, field] of KEY_KINDS) if (seed[field]) keys[kind] = seed[field];
  const probe = KEY_KINDS.find(([kind]) => keys[kind] !== undefined)?.[0];
  if (probe === undefined) return;
  if (await isStoredProjectKey(db, projectId, probe, keys[probe]!)) return;
  await createApiKeySet(db, projectId, {
    description: "Seed keys from the environment",
    expiresAt: new Date("2099-12-31T00:00:00Z"),
    keys,
  });
}

/**
 * Without a live admin key on the internal project nobody can administer the deployment, and on a fresh database
 * nothing else could create one, so production does not start that way.
 */
async function requireInternalAdminKey(db: Database): Promise<void> {
  if (await hasLiveAdminKey(db, "internal")) return;
  throw new StartupError(
    "STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY (or HEXCLAVE_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY) is not set, and the internal project has no live admin key to administer this deployment with. Generate one with: echo sak_$(openssl rand -hex 32)",
  );
}

/** Creates the `internal` project if missing and registers the configured seed keys. Safe to run on every start. */
export async function seedInternalProject(db: Database, config: BackendConfig): Promise<void> {
  await ensureProject(db, { id: "internal", display_name: "Hexclave", owner_team_id: null, baseOverride: INTERNAL_OVERRIDE });
  await registerSeedKeys(db, "internal", config.seedInternalProject);
  if (!config.isDevelopment) await requireInternalAdminKey(db);
}

/**
 * Creates the `demo` project, as the admin API creates any project (password sign-up on, localhost trusted for
 * redirects), when any of its seed keys is set: `pnpm dev` sets them; production only if the operator does.
 */
export async function seedDemoProject(db: Database, config: BackendConfig): Promise<void> {
  const seed = config.seedDemoProject;
  if (!seed.publishableClientKey && !seed.secretServerKey && !seed.superSecretAdminKey) return;
  await ensureProject(db, { id: "demo", display_name: "Demo", owner_team_id: null });
  await registerSeedKeys(db, "demo", seed);
}
