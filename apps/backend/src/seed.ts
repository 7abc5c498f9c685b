import { KnownErrors } from "@stackframe/stack-shared";
import type { Database } from "./db/client";
import { PASSWORD_MIN_LENGTH, meetsPasswordPolicy } from "./domain/auth/password-auth";
import { findSignInChannel } from "./domain/contact-channels/contact-channels";
import { type KeyKind, createApiKeySet, hasLiveAdminKey, isStoredProjectKey } from "./domain/projects/api-key-sets";
import { NEW_PROJECT_OVERRIDE } from "./domain/projects/config";
import { createProjectCache } from "./domain/projects/project-cache";
import { createProject, projectExists } from "./domain/projects/projects";
import { createUser } from "./domain/users/create-user";
import type { BackendConfig, SeedKeys } from "./lib/config";
import { createPasswordHasher } from "./lib/passwords";
import { StartupError } from "./lib/startup-error";
import { strictEmail } from "./lib/zod";

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

// The longest password that password sign-in accepts, in code points.
const PASSWORD_MAX_LENGTH = 70;
const USER_VARIABLES = "STACK_SEED_INTERNAL_PROJECT_USER_EMAIL and STACK_SEED_INTERNAL_PROJECT_USER_PASSWORD (or their HEXCLAVE_ twins)";

/** The operator account to seed, checked before anything is written; null when neither variable is set. */
function seedUserOf(config: BackendConfig): { email: string; password: string } | null {
  const { email, password } = config.seedInternalProjectUser;
  if (email === undefined && password === undefined) return null;
  if (email === undefined || password === undefined) throw new StartupError(`${USER_VARIABLES} must be set together, or neither.`);
  if (!strictEmail().safeParse(email).success) throw new StartupError(`STACK_SEED_INTERNAL_PROJECT_USER_EMAIL must be an email address such as admin@example.com, got "${email}".`);
  const length = [...password].length;
  if (!meetsPasswordPolicy(password) || length > PASSWORD_MAX_LENGTH) {
    throw new StartupError(`STACK_SEED_INTERNAL_PROJECT_USER_PASSWORD must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long, got ${length}.`);
  }
  return { email, password };
}

/**
 * Creates the operator account unless the internal project already has a user signing in with that address: a
 * verified, sign-in email and a password, with the personal team its projects are created under. An existing
 * account is left as it is, password included.
 */
async function ensureInternalUser(db: Database, config: BackendConfig, user: { email: string; password: string }): Promise<void> {
  const tenancy = await createProjectCache(db).getTenancy("internal");
  if (!tenancy) throw new Error("The internal project is created before its user, so its main branch exists.");
  if (await findSignInChannel(db, tenancy, user.email)) return;
  const passwordHash = await createPasswordHasher(config.passwordHashing).hash(user.password);
  const input = { primaryEmail: user.email, primaryEmailVerified: true, primaryEmailAuthEnabled: true, passwordHash };
  // Another instance starting at the same moment may create it first; the unique sign-in address decides.
  await createUser(db, tenancy, input).catch((error) => {
    if (!(error instanceof KnownErrors.UserEmailAlreadyExists)) throw error;
  });
}

/**
 * Creates the `internal` project if missing, registers the configured seed keys and creates the configured operator
 * account. Safe to run on every start.
 */
export async function seedInternalProject(db: Database, config: BackendConfig): Promise<void> {
  const user = seedUserOf(config);
  await ensureProject(db, { id: "internal", display_name: "Hexclave", owner_team_id: null, baseOverride: INTERNAL_OVERRIDE });
  await registerSeedKeys(db, "internal", config.seedInternalProject);
  if (user) await ensureInternalUser(db, config, user);
  if (!config.isDevelopment) await requireInternalAdminKey(db);
}

// With a mock OAuth server (`pnpm dev` runs one), the demo project offers OAuth sign-in on the shared keys it serves.
const DEMO_OAUTH_OVERRIDE = {
  "auth.oauth.providers": Object.fromEntries(
    ["github", "google"].map((type) => [type, { type, isShared: true, allowSignIn: true, allowConnectedAccounts: true }]),
  ),
};

/**
 * Creates the `demo` project, as the admin API creates any project (password sign-up on, localhost trusted for
 * redirects), when any of its seed keys is set: `pnpm dev` sets them; production only if the operator does.
 */
export async function seedDemoProject(db: Database, config: BackendConfig): Promise<void> {
  const seed = config.seedDemoProject;
  if (!seed.publishableClientKey && !seed.secretServerKey && !seed.superSecretAdminKey) return;
  await ensureProject(db, {
    id: "demo",
    display_name: "Demo",
    owner_team_id: null,
    ...(config.oauth.mockServerUrl ? { baseOverride: { ...NEW_PROJECT_OVERRIDE, ...DEMO_OAUTH_OVERRIDE } } : {}),
  });
  await registerSeedKeys(db, "demo", seed);
}
