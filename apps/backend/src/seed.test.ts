import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { type DatabaseHandle, openDatabase } from "./db/client";
import { apiKeySets, contactChannels, passwordCredentials, projectUsers, projects } from "./db/schema";
import { findSignInChannel } from "./domain/contact-channels/contact-channels";
import { isValidProjectKey } from "./domain/projects/api-key-sets";
import { createProjectCache } from "./domain/projects/project-cache";
import { loadMainConfig } from "./domain/projects/projects";
import { isTeamMember } from "./domain/teams/member-checks";
import { getUserRecord } from "./domain/users/user-record";
import { type BackendConfig, type SeedKeys, loadConfig } from "./lib/config";
import { createPasswordHasher } from "./lib/passwords";
import { StartupError } from "./lib/startup-error";
import { seedDemoProject, seedInternalProject } from "./seed";
import { createTestServices } from "./testing/test-services";

const NO_KEYS: SeedKeys = { publishableClientKey: undefined, secretServerKey: undefined, superSecretAdminKey: undefined };
const DEMO_KEYS: SeedKeys = { publishableClientKey: "pck_demo_seed", secretServerKey: "ssk_demo_seed", superSecretAdminKey: undefined };

let database: DatabaseHandle;
beforeEach(async () => {
  database = await openDatabase({ url: undefined, dataDir: "memory://", runMigrations: true });
}, 60_000);
afterEach(() => database.close());

const NO_USER = { email: undefined, password: undefined };

function configWith(changes: Partial<BackendConfig>): BackendConfig {
  return {
    ...loadConfig(),
    seedInternalProject: NO_KEYS,
    seedInternalProjectUser: NO_USER,
    seedDemoProject: NO_KEYS,
    isDevelopment: false,
    passwordHashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    ...changes,
  };
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

describe("the internal project's seeded user", () => {
  const OPERATOR = { email: "Admin@Example.com", password: "a long enough password" };
  const withUser = (user: { email?: string; password?: string }) => configWith({ isDevelopment: true, seedInternalProjectUser: { email: user.email, password: user.password } });
  const internalTenancy = async () => (await createProjectCache(database.db).getTenancy("internal"))!;

  it("is created with a verified sign-in email, the password and a personal team it belongs to", async () => {
    await seedInternalProject(database.db, withUser(OPERATOR));
    const tenancy = await internalTenancy();
    const channel = await findSignInChannel(database.db, tenancy, "admin@example.com");
    expect(channel).toMatchObject({ value: "admin@example.com", isVerified: true, isPrimary: true, usedForAuth: true });
    const user = (await getUserRecord(database.db, tenancy, channel!.userId))!;
    expect(user.hasPassword).toBe(true);
    expect(user.selectedTeam).not.toBeNull();
    expect(await isTeamMember(database.db, tenancy, user.selectedTeam!.id, user.row.id)).toBe(true);
    const [credential] = await database.db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, user.row.id));
    expect(await createPasswordHasher(configWith({}).passwordHashing).verify(credential!.passwordHash, OPERATOR.password)).toBe(true);
  });

  it("is created once, and a later start with another password leaves it as it is", async () => {
    await seedInternalProject(database.db, withUser(OPERATOR));
    const [before] = await database.db.select().from(passwordCredentials);
    await seedInternalProject(database.db, withUser({ ...OPERATOR, password: "another long password" }));
    expect(await database.db.select().from(projectUsers)).toHaveLength(1);
    expect(await database.db.select().from(contactChannels)).toHaveLength(1);
    expect((await database.db.select().from(passwordCredentials))[0]!.passwordHash).toBe(before!.passwordHash);
  });

  it("is not created when neither variable is set", async () => {
    await seedInternalProject(database.db, withUser({}));
    expect(await database.db.select().from(projectUsers)).toEqual([]);
  });

  it.each([
    ["only the email", { email: OPERATOR.email }, /must be set together/],
    ["only the password", { password: OPERATOR.password }, /must be set together/],
    ["an address that is not one", { ...OPERATOR, email: "admin" }, /USER_EMAIL must be an email address/],
    ["a password that is too short", { ...OPERATOR, password: "short" }, /USER_PASSWORD must be 8 to 70 characters long, got 5/],
    ["a password that is too long", { ...OPERATOR, password: "x".repeat(71) }, /USER_PASSWORD must be 8 to 70 characters long, got 71/],
  ])("refuses to start with %s, before writing anything", async (_case, user, message) => {
    const seeding = seedInternalProject(database.db, withUser(user));
    await expect(seeding).rejects.toThrow(StartupError);
    await expect(seedInternalProject(database.db, withUser(user))).rejects.toThrow(message);
    expect(await database.db.select().from(projects)).toEqual([]);
  });

  it("never puts the password in the message", async () => {
    const error = await seedInternalProject(database.db, withUser({ ...OPERATOR, password: "secret7" })).catch((e: Error) => e);
    expect((error as Error).message).not.toContain("secret7");
  });
});

describe("the seeded operator", () => {
  it("signs in to the internal project and creates a project under its personal team", async () => {
    const services = await createTestServices({ seedInternalProjectUser: { email: "ops@example.com", password: "operator password" } });
    try {
      const app = createApp(services);
      const client = { "x-hexclave-project-id": "internal", "x-hexclave-access-type": "client", "x-hexclave-publishable-client-key": "pck_unit" };
      const signIn = await app.request("/api/v1/auth/password/sign-in", {
        method: "POST",
        headers: { ...client, "content-type": "application/json" },
        body: JSON.stringify({ email: "ops@example.com", password: "operator password" }),
      });
      expect(signIn.status).toBe(200);
      const { access_token: accessToken } = (await signIn.json()) as { access_token: string };
      const signedIn = { ...client, "x-hexclave-access-token": accessToken };
      const me = (await (await app.request("/api/v1/users/me", { headers: signedIn })).json()) as { selected_team_id: string; primary_email_verified: boolean };
      expect(me.primary_email_verified).toBe(true);
      const created = await app.request("/api/v1/internal/projects", {
        method: "POST",
        headers: { ...signedIn, "content-type": "application/json" },
        body: JSON.stringify({ display_name: "From the dashboard", owner_team_id: me.selected_team_id }),
      });
      expect(created.status).toBe(201);
    } finally {
      await services.close();
    }
  });
});
