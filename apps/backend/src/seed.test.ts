import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "./db/client";
import { apiKeySets, projects } from "./db/schema";
import { isValidProjectKey } from "./domain/projects/api-key-sets";
import { loadMainConfig } from "./domain/projects/projects";
import { type BackendConfig, type SeedKeys, loadConfig } from "./lib/config";
import { StartupError } from "./lib/startup-error";
import { seedDemoProject, seedInternalProject } from "./seed";

const NO_KEYS: SeedKeys = { publishableClientKey: undefined, secretServerKey: undefined, superSecretAdminKey: undefined };
const DEMO_KEYS: SeedKeys = { publishableClientKey: "pck_demo_seed", secretServerKey: "ssk_demo_seed", superSecretAdminKey: undefined };

let database: DatabaseHandle;
beforeEach(async () => {
  database = await openDatabase({ url: undefined, dataDir: "memory://", runMigrations: true });
}, 60_000);
afterEach(() => database.close());

function configWith(changes: Partial<BackendConfig>): BackendConfig {
  return { ...loadConfig(), seedInternalProject: NO_KEYS, seedDemoProject: NO_KEYS, isDevelopment: false, ...changes };
}

describe("the internal project's admin key in production", () => {
  it("refuses a fresh database without one, naming the variable", async () => {
    const seeding = seedInternalProject(database.db, configWith({}));
    await expect(seeding).rejects.toThrow(StartupError);
    await expect(seedInternalProject(database.db, configWith({}))).rejects.toThrow(/STACK_SEED_INTERNAL_PROJECT_SUPER_SECRET_ADMIN_KEY/);
  });

  it("is not required in development mode", async () => {
    await expect(seedInternalProject(database.db, configWith({ isDevelopment: true }))).resolves.toBeUndefined();
  });

  it("is no longer required once the internal project holds a live one", async () => {
    await seedInternalProject(database.db, configWith({ seedInternalProject: { ...NO_KEYS, superSecretAdminKey: "sak_seed_once" } }));
    await expect(seedInternalProject(database.db, configWith({}))).resolves.toBeUndefined();
    expect(await isValidProjectKey(database.db, "internal", "super_secret_admin_key", "sak_seed_once")).toBe(true);
  });

  it("is required again when every admin key of the internal project is revoked", async () => {
    await seedInternalProject(database.db, configWith({ seedInternalProject: { ...NO_KEYS, superSecretAdminKey: "sak_seed_revoked" } }));
    await database.db.update(apiKeySets).set({ manuallyRevokedAt: new Date() }).where(eq(apiKeySets.projectId, "internal"));
    await expect(seedInternalProject(database.db, configWith({}))).rejects.toThrow(StartupError);
  });
});

describe("the demo project", () => {
  it("is not created without its seed keys", async () => {
    await seedDemoProject(database.db, configWith({}));
    expect(await database.db.select().from(projects).where(eq(projects.id, "demo"))).toEqual([]);
  });

  it("is created once, with password sign-up and localhost redirects, and its keys work", async () => {
    await seedDemoProject(database.db, configWith({ seedDemoProject: DEMO_KEYS }));
    await seedDemoProject(database.db, configWith({ seedDemoProject: DEMO_KEYS }));
    const rows = await database.db.select().from(projects).where(eq(projects.id, "demo"));
    expect(rows).toHaveLength(1);
    const config = await loadMainConfig(database.db, rows[0]!);
    expect({ signUp: config.auth.allowSignUp, password: config.auth.password.allowSignIn, localhost: config.domains.allowLocalhost }).toEqual({
      signUp: true,
      password: true,
      localhost: true,
    });
    expect(await database.db.select().from(apiKeySets).where(eq(apiKeySets.projectId, "demo"))).toHaveLength(1);
    expect(await isValidProjectKey(database.db, "demo", "publishable_client_key", "pck_demo_seed")).toBe(true);
    expect(await isValidProjectKey(database.db, "demo", "secret_server_key", "ssk_demo_seed")).toBe(true);
  });

  it("keeps a developer's changes to its config across starts", async () => {
    await seedDemoProject(database.db, configWith({ seedDemoProject: DEMO_KEYS }));
    await database.db.update(projects).set({ displayName: "Renamed" }).where(eq(projects.id, "demo"));
    await seedDemoProject(database.db, configWith({ seedDemoProject: DEMO_KEYS }));
    const [row] = await database.db.select().from(projects).where(eq(projects.id, "demo"));
    expect(row!.displayName).toBe("Renamed");
  });
});
