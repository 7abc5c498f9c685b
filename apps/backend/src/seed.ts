import { and, eq } from "drizzle-orm";
import type { Database } from "./db/client";
import { apiKeySets, projects } from "./db/schema";
import { type KeyKind, createApiKeySet } from "./domain/projects/api-key-sets";
import { NEW_PROJECT_OVERRIDE } from "./domain/projects/config";
import { createProject } from "./domain/projects/projects";
import type { BackendConfig } from "./lib/config";
import { sha256Hex } from "./lib/crypto";

// The dashboard's own project: its users manage projects, so they get a team to own them with.
const INTERNAL_OVERRIDE = {
  ...NEW_PROJECT_OVERRIDE,
  "teams.createPersonalTeamOnSignUp": true,
  "teams.allowClientTeamCreation": true,
};

/** Creates the `internal` project if missing and registers the configured seed keys. Safe to run on every start. */
export async function seedInternalProject(db: Database, config: BackendConfig): Promise<void> {
  const [existing] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, "internal"));
  if (!existing) {
    await createProject(db, { id: "internal", display_name: "Hexclave Dashboard", owner_team_id: null, baseOverride: INTERNAL_OVERRIDE })
      .catch(async (error) => {
        // Another instance seeding at the same moment wins the insert; that is fine.
        const [raced] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, "internal"));
        if (!raced) throw error;
      });
  }
  const keys: Partial<Record<KeyKind, string>> = {};
  const seed = config.seedInternalProject;
  if (seed.publishableClientKey) keys.publishable_client_key = seed.publishableClientKey;
  if (seed.secretServerKey) keys.secret_server_key = seed.secretServerKey;
  if (seed.superSecretAdminKey) keys.super_secret_admin_key = seed.superSecretAdminKey;
  if (Object.keys(keys).length === 0) return;
  const probe = keys.secret_server_key ?? keys.publishable_client_key ?? keys.super_secret_admin_key!;
  const column = keys.secret_server_key ? apiKeySets.secretServerKeyHash : keys.publishable_client_key ? apiKeySets.publishableClientKeyHash : apiKeySets.superSecretAdminKeyHash;
  const [known] = await db.select({ id: apiKeySets.id }).from(apiKeySets).where(and(eq(apiKeySets.projectId, "internal"), eq(column, sha256Hex(probe))));
  if (known) return;
  await createApiKeySet(db, "internal", {
    description: "Seed keys from the environment",
    expiresAt: new Date("2099-12-31T00:00:00Z"),
    keys,
  });
}
